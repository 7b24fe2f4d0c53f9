// RUN: gelu-opt %s --split-input-file --gelu-expand | FileCheck %s

// CHECK-LABEL: func.func @exact_f32
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK-DAG: %[[LOW:.+]] = arith.constant -4.000000e+01 : f32
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[MRSQRT2:.+]] = arith.constant -0.707106769 : f32
// CHECK: %[[IS_LOW:.+]] = arith.cmpf olt, %[[X]], %[[LOW]] : f32
// CHECK: %[[XC:.+]] = arith.select %[[IS_LOW]], %[[LOW]], %[[X]] : f32
// CHECK: %[[HX:.+]] = arith.mulf %[[XC]], %[[HALF]] : f32
// CHECK: %[[ARG:.+]] = arith.mulf %[[XC]], %[[MRSQRT2]] : f32
// CHECK: %[[ERFC:.+]] = math.erfc %[[ARG]] : f32
// CHECK: %[[Y:.+]] = arith.mulf %[[HX]], %[[ERFC]] : f32
// CHECK-NOT: gelu.gelu
// CHECK: return %[[Y]]
func.func @exact_f32(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// CHECK-LABEL: func.func @tanh_f64
// CHECK-SAME: (%[[X:.+]]: f64)
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: %[[K:.+]] = arith.constant 0.79788456080286541 : f64
// CHECK-DAG: %[[C:.+]] = arith.constant 4.471500e-02 : f64
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f64
// CHECK: %[[XC:.+]] = arith.select
// CHECK: %[[HX:.+]] = arith.mulf %[[XC]], %[[HALF]] : f64
// CHECK: %[[X2:.+]] = arith.mulf %[[XC]], %[[XC]] : f64
// CHECK: %[[X3:.+]] = arith.mulf %[[X2]], %[[XC]] : f64
// CHECK: %[[CX3:.+]] = arith.mulf %[[X3]], %[[C]] : f64
// CHECK: %[[INNER:.+]] = arith.addf %[[XC]], %[[CX3]] : f64
// CHECK: %[[U:.+]] = arith.mulf %[[INNER]], %[[K]] : f64
// CHECK: %[[T:.+]] = math.tanh %[[U]] : f64
// CHECK: %[[ONEPT:.+]] = arith.addf %[[T]], %[[ONE]] : f64
// CHECK: %[[Y:.+]] = arith.mulf %[[HX]], %[[ONEPT]] : f64
// CHECK: return %[[Y]]
func.func @tanh_f64(%x: f64) -> f64 {
  %y = gelu.gelu %x approximation = tanh : f64
  return %y : f64
}

// -----

// COM: f16 and bf16 are computed in f32 and truncated once.
// CHECK-LABEL: func.func @bf16_vector
// CHECK-SAME: (%[[X:.+]]: vector<8xbf16>)
// CHECK: %[[WIDE:.+]] = arith.extf %[[X]] : vector<8xbf16> to vector<8xf32>
// CHECK: math.erfc %{{.+}} : vector<8xf32>
// CHECK: %[[Y:.+]] = arith.mulf %{{.+}} : vector<8xf32>
// CHECK: %[[NARROW:.+]] = arith.truncf %[[Y]] : vector<8xf32> to vector<8xbf16>
// CHECK: return %[[NARROW]]
func.func @bf16_vector(%x: vector<8xbf16>) -> vector<8xbf16> {
  %y = gelu.gelu %x : vector<8xbf16>
  return %y : vector<8xbf16>
}

// -----

// CHECK-LABEL: func.func @f16_scalable_vector_tanh
// CHECK: arith.extf %{{.+}} : vector<[4]xf16> to vector<[4]xf32>
// CHECK: math.tanh %{{.+}} : vector<[4]xf32>
// CHECK: arith.truncf %{{.+}} : vector<[4]xf32> to vector<[4]xf16>
func.func @f16_scalable_vector_tanh(%x: vector<[4]xf16>) -> vector<[4]xf16> {
  %y = gelu.gelu %x approximation = tanh : vector<[4]xf16>
  return %y : vector<[4]xf16>
}

// -----

// COM: The op's fastmath flags go onto the arithmetic it expands into.
// CHECK-LABEL: func.func @fastmath_flags
// CHECK: arith.cmpf olt, %{{.+}}, %{{.+}} fastmath<afn> : f32
// CHECK: arith.mulf %{{.+}}, %{{.+}} fastmath<afn> : f32
// CHECK: math.erfc %{{.+}} fastmath<afn> : f32
func.func @fastmath_flags(%x: f32) -> f32 {
  %y = gelu.gelu %x fastmath<afn> : f32
  return %y : f32
}

// -----

// CHECK-LABEL: func.func @static_tensor
// CHECK-DAG: arith.constant dense<-4.000000e+01> : tensor<2x3xf32>
// CHECK: math.erfc %{{.+}} : tensor<2x3xf32>
// CHECK-NOT: gelu.gelu
func.func @static_tensor(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = gelu.gelu %x : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// COM: Negative: splat constants need a static shape, so dynamic and unranked
// COM: tensors are left for convert-gelu-to-linalg.
// CHECK-LABEL: func.func @dynamic_tensor_is_left
// CHECK: gelu.gelu %{{.+}} : tensor<?x8xf32>
// CHECK: gelu.gelu %{{.+}} : tensor<*xf32>
// CHECK-NOT: math.erfc
func.func @dynamic_tensor_is_left(%x: tensor<?x8xf32>, %u: tensor<*xf32>)
    -> (tensor<?x8xf32>, tensor<*xf32>) {
  %y = gelu.gelu %x : tensor<?x8xf32>
  %z = gelu.gelu %u : tensor<*xf32>
  return %y, %z : tensor<?x8xf32>, tensor<*xf32>
}

// -----

// COM: sigmoid (QuickGELU): x / (1 + exp(-1.702 x)), clamped at -1000.
// CHECK-LABEL: func.func @sigmoid_f32
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK-DAG: %[[LOW:.+]] = arith.constant -1.000000e+03 : f32
// CHECK-DAG: %[[K:.+]] = arith.constant -1.702000e+00 : f32
// CHECK: %[[XC:.+]] = arith.select %{{.+}}, %[[LOW]], %[[X]] : f32
// CHECK: %[[W:.+]] = arith.mulf %[[XC]], %[[K]] : f32
// CHECK: %[[E:.+]] = math.exp %[[W]] : f32
// CHECK: %[[D:.+]] = arith.addf %[[E]], %{{.+}} : f32
// CHECK: %[[Y:.+]] = arith.divf %[[XC]], %[[D]] : f32
// CHECK: return %[[Y]]
func.func @sigmoid_f32(%x: f32) -> f32 {
  %y = gelu.gelu %x approximation = sigmoid : f32
  return %y : f32
}
