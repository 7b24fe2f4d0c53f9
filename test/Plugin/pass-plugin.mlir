// Debian's mlir-opt loads GeluPlugin as a pass plugin (and as a dialect
// plugin, to parse gelu IR) and compiles gelu IR end to end with our
// pipeline; mlir-runner runs the result. As in upstream's standalone example,
// plugin passes are named in --pass-pipeline: mlir-opt registers them after it
// has parsed its own flags.
//
// RUN: mlir-opt %s --load-dialect-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   --load-pass-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   --pass-pipeline="builtin.module(gelu-cpu-pipeline)" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | FileCheck %s
//
// The plugin uses the libMLIR.so that mlir-opt itself loads, and defines no
// copy of MLIR core (two copies would each have their own TypeIDs).
// RUN: llvm-readelf --needed-libs %gelu_libs/GeluPlugin%shlibext \
// RUN:   | FileCheck %s --check-prefix=NEEDED
// RUN: llvm-nm --defined-only -C %gelu_libs/GeluPlugin%shlibext \
// RUN:   | FileCheck %s --check-prefix=SYMBOLS \
// RUN:     --implicit-check-not="T mlir::MLIRContext::MLIRContext"
// NEEDED: libMLIR.so.22
// SYMBOLS: W mlirGetDialectPluginInfo
// SYMBOLS: W mlirGetPassPluginInfo

func.func @main() {
  %x = arith.constant 1.0 : f32
  %y = gelu.gelu %x : f32
  // COM: GELU(1) = 0.841344746...; vector.print prints 6 digits.
  // CHECK: 0.841345
  vector.print %y : f32
  return
}
