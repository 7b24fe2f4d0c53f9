#!/usr/bin/env bash
# Sets up and builds gelu-mlir, then runs the whole test suite (check-gelu,
# through lit); ends with lit's summary.
#
#   scripts/check.sh [build-dir]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
"$root/scripts/setup.sh" "$build"
ninja -C "$build" check-gelu
