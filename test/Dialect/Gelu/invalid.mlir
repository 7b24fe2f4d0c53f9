// RUN: gelu-opt %s --split-input-file --verify-diagnostics

func.func @integer(%x: i32) -> i32 {
  // expected-error @+1 {{'gelu.gelu' op operand #0 must be f16, bf16, f32 or f64 scalar, vector or tensor, but got 'i32'}}
  %0 = gelu.gelu %x : i32
  return %0 : i32
}

// -----

func.func @index(%x: index) -> index {
  // expected-error @+1 {{'gelu.gelu' op operand #0 must be f16, bf16, f32 or f64 scalar, vector or tensor, but got 'index'}}
  %0 = gelu.gelu %x : index
  return %0 : index
}

// -----

func.func @integer_vector(%x: vector<4xi8>) -> vector<4xi8> {
  // expected-error @+1 {{'gelu.gelu' op operand #0 must be f16, bf16, f32 or f64 scalar, vector or tensor, but got 'vector<4xi8>'}}
  %0 = gelu.gelu %x : vector<4xi8>
  return %0 : vector<4xi8>
}

// -----

func.func @unsupported_float(%x: tensor<8xf8E4M3FN>) -> tensor<8xf8E4M3FN> {
  // expected-error @+1 {{'gelu.gelu' op operand #0 must be f16, bf16, f32 or f64 scalar, vector or tensor, but got 'tensor<8xf8E4M3FN>'}}
  %0 = gelu.gelu %x : tensor<8xf8E4M3FN>
  return %0 : tensor<8xf8E4M3FN>
}

// -----

func.func @memref(%x: memref<8xf32>) -> memref<8xf32> {
  // expected-error @+1 {{'gelu.gelu' op operand #0 must be f16, bf16, f32 or f64 scalar, vector or tensor, but got 'memref<8xf32>'}}
  %0 = gelu.gelu %x : memref<8xf32>
  return %0 : memref<8xf32>
}

// -----

func.func @types_differ(%x: f32) -> f64 {
  // expected-error @+1 {{'gelu.gelu' op requires the same type for all operands and results}}
  %0 = "gelu.gelu"(%x) : (f32) -> f64
  return %0 : f64
}

// -----

func.func @shapes_differ(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'gelu.gelu' op requires the same type for all operands and results}}
  %0 = "gelu.gelu"(%x) : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @unknown_approximation(%x: f32) -> f32 {
  // expected-error @+1 {{unknown GELU approximation 'erf'; expected one of: exact, tanh, sigmoid}}
  %0 = gelu.gelu %x approximation = erf : f32
  return %0 : f32
}

// -----

func.func @missing_type(%x: f32) -> f32 {
  // expected-error @+1 {{expected ':'}}
  %0 = gelu.gelu %x
  return %0 : f32
}

// -----

func.func @bad_generic_approximation(%x: f32) -> f32 {
  // expected-error @+1 {{'gelu.gelu' op attribute 'approximation' failed to satisfy constraint}}
  %0 = "gelu.gelu"(%x) {approximation = 1 : i32} : (f32) -> f32
  return %0 : f32
}
