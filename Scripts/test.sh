#!/usr/bin/env bash
# Herald's whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. installs missing Debian packages (Scripts/install-deps.sh),
#   2. checks that the committed generated code matches Protos/ (Scripts/check-generated.sh),
#   3. checks formatting (swift format lint --strict),
#   4. builds and runs every test (swift test).
# Extra arguments go to `swift test`, e.g. `Scripts/test.sh --filter HeraldStoreTests`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Installing missing system packages"
Scripts/install-deps.sh

step "Building the code generator"
swift build --product herald-codegen
export HERALD_CODEGEN="$PWD/.build/debug/herald-codegen"

step "Checking generated code"
Scripts/check-generated.sh

step "Checking formatting"
swift format lint --strict --recursive Package.swift Sources Tests Benchmarks

step "Building and running the tests"
swift build --build-tests
swift test --skip-build "$@"
