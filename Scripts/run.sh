#!/usr/bin/env bash
# Runs heraldd with its embedded development defaults:
#   - installs missing Debian packages (Scripts/install-deps.sh),
#   - makes the development CA, certificates and access policy in Certs/dev on first run,
#   - builds heraldd (release) and starts it on 127.0.0.1:7443 with data in ./herald-data.
# Extra arguments go to heraldd, e.g. `Scripts/run.sh --log-level debug` (see heraldd --help).
# Stop it with Ctrl-C or SIGTERM: calls in flight finish, then it exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
Certs/make-dev-certs.sh
echo "run: building heraldd (release; the first build takes a few minutes)" >&2
swift build -c release --product heraldd
swift build -c release --product herald
echo "run: starting heraldd; in another terminal try: .build/release/herald health" >&2
exec .build/release/heraldd "$@"
