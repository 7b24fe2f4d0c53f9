// RUN: gelu-opt %s --gelu-expand-sign-ops | FileCheck %s

// CHECK-LABEL: func.func @absf_f32(
// CHECK-SAME:      %[[X:.+]]: f32)
// CHECK:         %[[MAGNITUDE_MASK:.+]] = arith.constant 2147483647 : i32
// CHECK:         %[[BITS:.+]] = arith.bitcast %[[X]] : f32 to i32
// CHECK:         %[[MAGNITUDE:.+]] = arith.andi %[[BITS]], %[[MAGNITUDE_MASK]] : i32
// CHECK:         %[[RESULT:.+]] = arith.bitcast %[[MAGNITUDE]] : i32 to f32
// CHECK:         return %[[RESULT]]
// CHECK-NOT:     math.absf
func.func @absf_f32(%x: f32) -> f32 {
  %a = math.absf %x : f32
  return %a : f32
}

// CHECK-LABEL: func.func @copysign_vector_f64(
// CHECK-SAME:      %[[X:.+]]: vector<4xf64>, %[[Y:.+]]: vector<4xf64>)
// CHECK-DAG:     %[[SIGN_MASK:.+]] = arith.constant dense<-9223372036854775808> : vector<4xi64>
// CHECK-DAG:     %[[MAGNITUDE_MASK:.+]] = arith.constant dense<9223372036854775807> : vector<4xi64>
// CHECK:         %[[X_BITS:.+]] = arith.bitcast %[[X]] : vector<4xf64> to vector<4xi64>
// CHECK:         %[[MAGNITUDE:.+]] = arith.andi %[[X_BITS]], %[[MAGNITUDE_MASK]]
// CHECK:         %[[Y_BITS:.+]] = arith.bitcast %[[Y]] : vector<4xf64> to vector<4xi64>
// CHECK:         %[[SIGN:.+]] = arith.andi %[[Y_BITS]], %[[SIGN_MASK]]
// CHECK:         %[[BITS:.+]] = arith.ori %[[MAGNITUDE]], %[[SIGN]] : vector<4xi64>
// CHECK:         arith.bitcast %[[BITS]] : vector<4xi64> to vector<4xf64>
// CHECK-NOT:     math.copysign
func.func @copysign_vector_f64(%x: vector<4xf64>, %y: vector<4xf64>) -> vector<4xf64> {
  %c = math.copysign %x, %y : vector<4xf64>
  return %c : vector<4xf64>
}

// CHECK-LABEL: func.func @absf_bf16(
// CHECK:         arith.constant dense<32767> : vector<8xi16>
// CHECK:         arith.bitcast %{{.+}} : vector<8xbf16> to vector<8xi16>
func.func @absf_bf16(%x: vector<8xbf16>) -> vector<8xbf16> {
  %a = math.absf %x : vector<8xbf16>
  return %a : vector<8xbf16>
}

// COM: Tensors are left alone (arith.bitcast on tensors would work, but the
// COM: GPU pipeline has none by then; vectorize first).
// CHECK-LABEL: func.func @tensor_left_alone(
// CHECK:         math.absf %{{.+}} : tensor<4xf32>
func.func @tensor_left_alone(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = math.absf %x : tensor<4xf32>
  return %a : tensor<4xf32>
}
