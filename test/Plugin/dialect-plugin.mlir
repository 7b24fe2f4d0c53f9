// Debian's mlir-opt loads GeluPlugin as a dialect plugin, parses gelu IR and
// runs a gelu pass. (mlir-opt registers plugin passes after it has parsed its
// own flags, so they are named in --pass-pipeline.)
//
// RUN: mlir-opt %s --load-dialect-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-expand))" | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   | FileCheck %s --check-prefix=ROUNDTRIP

// CHECK-LABEL: func.func @gelu
// CHECK: math.erfc
// CHECK: math.tanh
// CHECK-NOT: gelu.gelu
// ROUNDTRIP-LABEL: func.func @gelu
// ROUNDTRIP: gelu.gelu %{{.+}} : f32
// ROUNDTRIP: gelu.gelu %{{.+}} approximation = tanh : vector<8xf32>
func.func @gelu(%x: f32, %v: vector<8xf32>) -> (f32, vector<8xf32>) {
  %0 = gelu.gelu %x : f32
  %1 = gelu.gelu %v approximation = tanh : vector<8xf32>
  return %0, %1 : f32, vector<8xf32>
}
