// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 unroll=3}),canonicalize)" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 unroll=2}),canonicalize)" \
// RUN:   | FileCheck %s --check-prefix=UNROLL2

// COM: With three vectors or more per iteration, the partial tile of a
// COM: dynamic shape runs one vector per iteration without masks, and only
// COM: its last partial vector is masked (a mask of one vector's lanes).

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @dynamic_f32
// CHECK:         scf.for {{.*}} step %c24
// CHECK:           vector.transfer_read {{.*}} {in_bounds = [true]} : tensor<?xf32>, vector<24xf32>
// CHECK:         scf.for {{.*}} step %c24
// CHECK:           scf.for {{.*}} step %c8
// CHECK-NOT:         vector.mask
// CHECK:             vector.transfer_read {{.*}} {in_bounds = [true]} : tensor<?xf32>, vector<8xf32>
// CHECK:             gelu.gelu {{.*}} approximation = tanh : vector<8xf32>
// CHECK:           scf.for {{.*}} step %c8
// CHECK:             %[[MASK:.+]] = vector.create_mask %{{.+}} : vector<8xi1>
// CHECK:             vector.mask %[[MASK]] { vector.transfer_read
// CHECK:             vector.mask %[[MASK]] { vector.transfer_write
// CHECK-NOT:     vector<24xi1>
// CHECK:         return
// UNROLL2-LABEL: func.func @dynamic_f32
// UNROLL2:         vector.create_mask %{{.+}} : vector<16xi1>
func.func @dynamic_f32(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in approximation = tanh : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// COM: A static remainder (100 = 4 x 24 + 4) is one static vector, unmasked.
// CHECK-LABEL: func.func @static_f32
// CHECK:         scf.for {{.*}} = %c0 to %c96 step %c24
// CHECK:         vector.transfer_read {{.*}}[%c96], {{.*}} : tensor<100xf32>, vector<4xf32>
// CHECK-NOT:     vector.mask
// CHECK:         return
func.func @static_f32(%x: tensor<100xf32>, %init: tensor<100xf32>) -> tensor<100xf32> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<100xf32>) outs(%init : tensor<100xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in approximation = tanh : f32
    linalg.yield %g : f32
  } -> tensor<100xf32>
  return %y : tensor<100xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// COM: Negative: bf16 (narrower than 32 bits) keeps one masked partial tile:
// COM: LLVM 22 cannot select a masked load of 8 bf16 for AVX2.
// CHECK-LABEL: func.func @dynamic_bf16
// CHECK:         scf.for {{.*}} step %c24
// CHECK:         vector.create_mask %{{.+}} : vector<24xi1>
// CHECK-NOT:     scf.for {{.*}} step %c8
// CHECK:         return
func.func @dynamic_bf16(%x: tensor<?xbf16>, %init: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xbf16>) outs(%init : tensor<?xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %g = gelu.gelu %in approximation = tanh : bf16
    linalg.yield %g : bf16
  } -> tensor<?xbf16>
  return %y : tensor<?xbf16>
}
