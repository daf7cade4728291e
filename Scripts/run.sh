#!/usr/bin/env bash
# Runs heraldd with its embedded development defaults: installs missing packages, builds, and
# starts the server (data directory ./herald-data, development certificates made on first run).
# Extra arguments go to heraldd, e.g. `Scripts/run.sh --log-level debug`.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
swift build -c release --product heraldd
exec .build/release/heraldd "$@"
