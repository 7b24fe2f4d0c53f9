#!/usr/bin/env bash
# The main job: sets up and builds gelu-mlir, then compiles
# docs/examples/gelu.mlir with gelu-opt's CPU pipeline, runs it with upstream
# mlir-runner, and prints GELU of each input next to its expected value
# (computed independently by mpmath at 256 bits).
#
#   scripts/run-example.sh [build-dir]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
"$root/scripts/setup.sh" "$build" >&2

llvm=/usr/lib/llvm-22
"$build/bin/gelu-opt" "$root/docs/examples/gelu.mlir" --gelu-cpu-pipeline |
  "$llvm/bin/mlir-runner" -e main -entry-point-result=void \
    -shared-libs="$llvm/lib/libmlir_c_runner_utils.so" \
    -shared-libs="$llvm/lib/libmlir_runner_utils.so" |
  /usr/bin/python3 "$root/scripts/compare-example.py"
