#!/usr/bin/env bash
# Fails when the committed generated sources differ from what Scripts/generate.sh produces now.
#
# Usage: Scripts/check-generated.sh [TREE]
#   TREE defaults to the repository; tests pass a copy with an edited file to see the check fail.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tree=$(cd "${1:-$root}" && pwd)
source "$root/Scripts/generated-paths.sh"

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$root/Scripts/generate.sh" "$fresh"

status=0
for path in "${generated_paths[@]}"; do
    if ! diff -r -u "$tree/$path" "$fresh/$path" >"$fresh/diff.txt" 2>&1; then
        echo "check-generated: $path differs from a fresh Scripts/generate.sh run:" >&2
        head -n 40 "$fresh/diff.txt" >&2
        status=1
    fi
done
if [ $status -ne 0 ]; then
    echo "check-generated: run Scripts/generate.sh and commit the result." >&2
else
    echo "check-generated: generated sources are up to date."
fi
exit $status
