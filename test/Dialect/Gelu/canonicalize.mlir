// RUN: gelu-opt %s --split-input-file --canonicalize | FileCheck %s
//
// gelu.gelu of a constant folds to GELU computed in double and rounded once.
// The expected values were computed independently with mpmath at 256 bits
// (x/2 * erfc(-x/sqrt(2)) and the tanh formula) and rounded to the type.

// CHECK-LABEL: func.func @fold_f32_negative_tail
// COM: GELU(-10) = -7.6198530241605261e-23: the erfc form keeps the tail that
// COM: 0.5*x*(1+erf(x/sqrt2)) cancels to -0.
// CHECK: %[[C:.+]] = arith.constant -7.61985298E-23 : f32
// CHECK-NOT: gelu.gelu
// CHECK: return %[[C]]
func.func @fold_f32_negative_tail() -> f32 {
  %x = arith.constant -10.0 : f32
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// CHECK-LABEL: func.func @fold_f64
// COM: GELU(1) = 0.84134474606854294859 rounds to 0.84134474606854293.
// CHECK: %[[C:.+]] = arith.constant 0.84134474606854293 : f64
// CHECK: return %[[C]]
func.func @fold_f64() -> f64 {
  %x = arith.constant 1.0 : f64
  %y = gelu.gelu %x : f64
  return %y : f64
}

// -----

// CHECK-LABEL: func.func @fold_f16_tanh
// COM: GELU_tanh(1) = 0.84119199... rounds to 0.84130859375 in f16.
// CHECK: %[[C:.+]] = arith.constant 8.413080e-01 : f16
// CHECK: return %[[C]]
func.func @fold_f16_tanh() -> f16 {
  %x = arith.constant 1.0 : f16
  %y = gelu.gelu %x approximation = tanh : f16
  return %y : f16
}

// -----

// CHECK-LABEL: func.func @fold_splat_bf16
// COM: GELU(-1) = -0.15865525393145705 rounds to -0.158203125 in bf16.
// CHECK: %[[C:.+]] = arith.constant dense<-1.582030e-01> : tensor<4x8xbf16>
// CHECK: return %[[C]]
func.func @fold_splat_bf16() -> tensor<4x8xbf16> {
  %x = arith.constant dense<-1.0> : tensor<4x8xbf16>
  %y = gelu.gelu %x : tensor<4x8xbf16>
  return %y : tensor<4x8xbf16>
}

// -----

// CHECK-LABEL: func.func @fold_dense_special_values
// COM: -inf, -1, -0, 0, 1, inf, NaN: GELU(-inf) = -0 and GELU(-0) = -0.
// CHECK: %[[C:.+]] = arith.constant dense<[-0.000000e+00, -0.158655256, -0.000000e+00, 0.000000e+00, 0.841344773, 0x7F800000, 0x7FC00000]> : tensor<7xf32>
// CHECK: return %[[C]]
func.func @fold_dense_special_values() -> tensor<7xf32> {
  %x = arith.constant dense<[0xFF800000, -1.0, -0.0, 0.0, 1.0, 0x7F800000, 0x7FC00000]> : tensor<7xf32>
  %y = gelu.gelu %x : tensor<7xf32>
  return %y : tensor<7xf32>
}

// -----

// CHECK-LABEL: func.func @fold_vector_tanh_tail
// COM: The tanh form folds without the 1 + tanh cancellation:
// COM: GELU_tanh(-10) = -1.204092348209806e-37 rather than -0.
// CHECK: %[[C:.+]] = arith.constant dense<-1.20409239E-37> : vector<8xf32>
// CHECK: return %[[C]]
func.func @fold_vector_tanh_tail() -> vector<8xf32> {
  %x = arith.constant dense<-10.0> : vector<8xf32>
  %y = gelu.gelu %x approximation = tanh : vector<8xf32>
  return %y : vector<8xf32>
}

// -----

// CHECK-LABEL: func.func @no_fold_non_constant
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK: %[[Y:.+]] = gelu.gelu %[[X]] : f32
// CHECK: return %[[Y]]
func.func @no_fold_non_constant(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// CHECK-LABEL: func.func @dead_gelu_is_erased
// CHECK-NOT: gelu.gelu
// CHECK: return
func.func @dead_gelu_is_erased(%x: tensor<?xf32>) {
  %y = gelu.gelu %x : tensor<?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @fold_sigmoid
// COM: QuickGELU: -3 / (1 + exp(5.106)) = -0.0180713097078 (mpmath), which
// COM: rounds to -0.01807131 in f32.
// CHECK: %[[C:.+]] = arith.constant -0.0180713106 : f32
// CHECK: return %[[C]]
func.func @fold_sigmoid() -> f32 {
  %x = arith.constant -3.0 : f32
  %y = gelu.gelu %x approximation = sigmoid : f32
  return %y : f32
}
