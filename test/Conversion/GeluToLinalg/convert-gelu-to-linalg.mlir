// RUN: gelu-opt %s --split-input-file --convert-gelu-to-linalg | FileCheck %s

// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @dynamic_2d
// CHECK-SAME: (%[[X:.+]]: tensor<?x3072xf32>)
// CHECK: %[[Y:.+]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[$ID2]], #[[$ID2]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: ins(%[[X]] : tensor<?x3072xf32>) outs(%[[X]] : tensor<?x3072xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[G:.+]] = gelu.gelu %[[IN]] : f32
// CHECK: linalg.yield %[[G]] : f32
// CHECK: return %[[Y]]
func.func @dynamic_2d(%x: tensor<?x3072xf32>) -> tensor<?x3072xf32> {
  %y = gelu.gelu %x : tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

// -----

// COM: The approximation and fastmath flags carry over to the scalar op.
// CHECK-LABEL: func.func @static_tanh_bf16
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel"]
// CHECK: gelu.gelu %{{.+}} approximation = tanh fastmath<fast> : bf16
func.func @static_tanh_bf16(%x: tensor<128xbf16>) -> tensor<128xbf16> {
  %y = gelu.gelu %x approximation = tanh fastmath<fast> : tensor<128xbf16>
  return %y : tensor<128xbf16>
}

// -----

// CHECK-LABEL: func.func @rank_3_f64
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel"]
// CHECK: gelu.gelu %{{.+}} : f64
func.func @rank_3_f64(%x: tensor<2x?x4xf64>) -> tensor<2x?x4xf64> {
  %y = gelu.gelu %x : tensor<2x?x4xf64>
  return %y : tensor<2x?x4xf64>
}

// -----

// COM: Negative: scalars, vectors and unranked tensors are not converted, and
// COM: other elementwise operations are left to convert-elementwise-to-linalg.
// CHECK-LABEL: func.func @not_converted
// CHECK-NOT: linalg.generic
// CHECK: gelu.gelu %{{.+}} : f32
// CHECK: gelu.gelu %{{.+}} : vector<8xf32>
// CHECK: gelu.gelu %{{.+}} : tensor<*xf32>
// CHECK: arith.addf %{{.+}}, %{{.+}} : tensor<8xf32>
func.func @not_converted(%s: f32, %v: vector<8xf32>, %u: tensor<*xf32>,
                         %t: tensor<8xf32>)
    -> (f32, vector<8xf32>, tensor<*xf32>, tensor<8xf32>) {
  %0 = gelu.gelu %s : f32
  %1 = gelu.gelu %v : vector<8xf32>
  %2 = gelu.gelu %u : tensor<*xf32>
  %3 = arith.addf %t, %t : tensor<8xf32>
  return %0, %1, %2, %3 : f32, vector<8xf32>, tensor<*xf32>, tensor<8xf32>
}
