// RUN: gelu-opt %s --split-input-file --verify-roundtrip | FileCheck %s
// RUN: gelu-opt %s --split-input-file --mlir-print-op-generic \
// RUN: | gelu-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @scalars
// CHECK-SAME: (%[[H:.+]]: f16, %[[B:.+]]: bf16, %[[S:.+]]: f32, %[[D:.+]]: f64)
func.func @scalars(%h: f16, %b: bf16, %s: f32, %d: f64) -> (f16, bf16, f32, f64) {
  // CHECK: gelu.gelu %[[H]] : f16
  %0 = gelu.gelu %h : f16
  // CHECK: gelu.gelu %[[B]] approximation = tanh : bf16
  %1 = gelu.gelu %b approximation = tanh : bf16
  // COM: The default approximation is elided when printed.
  // CHECK: gelu.gelu %[[S]] : f32
  %2 = gelu.gelu %s approximation = exact : f32
  // CHECK: gelu.gelu %[[D]] fastmath<fast> : f64
  %3 = gelu.gelu %d fastmath<fast> : f64
  // CHECK: gelu.gelu %[[S]] approximation = sigmoid : f32
  %4 = gelu.gelu %s approximation = sigmoid : f32
  return %0, %1, %2, %3 : f16, bf16, f32, f64
}

// -----

// CHECK-LABEL: func.func @vectors
func.func @vectors(%a: vector<16xbf16>, %b: vector<[8]xf32>, %c: vector<2x4xf64>)
    -> (vector<16xbf16>, vector<[8]xf32>, vector<2x4xf64>) {
  // CHECK: gelu.gelu %{{.+}} approximation = tanh : vector<16xbf16>
  %0 = gelu.gelu %a approximation = tanh : vector<16xbf16>
  // CHECK: gelu.gelu %{{.+}} : vector<[8]xf32>
  %1 = gelu.gelu %b : vector<[8]xf32>
  // CHECK: gelu.gelu %{{.+}} approximation = tanh fastmath<nnan,ninf> : vector<2x4xf64>
  %2 = gelu.gelu %c approximation = tanh fastmath<nnan,ninf> : vector<2x4xf64>
  return %0, %1, %2 : vector<16xbf16>, vector<[8]xf32>, vector<2x4xf64>
}

// -----

// CHECK-LABEL: func.func @tensors
func.func @tensors(%a: tensor<?x3072xf32>, %b: tensor<4x8xf16>, %c: tensor<*xbf16>)
    -> (tensor<?x3072xf32>, tensor<4x8xf16>, tensor<*xbf16>) {
  // CHECK: gelu.gelu %{{.+}} : tensor<?x3072xf32>
  %0 = gelu.gelu %a : tensor<?x3072xf32>
  // CHECK: gelu.gelu %{{.+}} approximation = tanh : tensor<4x8xf16>
  %1 = gelu.gelu %b approximation = tanh : tensor<4x8xf16>
  // CHECK: gelu.gelu %{{.+}} : tensor<*xbf16>
  %2 = gelu.gelu %c : tensor<*xbf16>
  return %0, %1, %2 : tensor<?x3072xf32>, tensor<4x8xf16>, tensor<*xbf16>
}
