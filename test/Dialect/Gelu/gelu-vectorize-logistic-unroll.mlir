// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 logistic-unroll=3}),canonicalize)" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 logistic-unroll=3 logistic-unroll-bf16=4}),canonicalize)" \
// RUN:   | FileCheck %s --check-prefix=BF16
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 unroll=2}),canonicalize)" \
// RUN:   | FileCheck %s --check-prefix=UNSET

// COM: logistic-unroll sets the vectors per iteration of f32 operations
// COM: whose GELU is tanh-mode or QuickGELU (gelu-approximate's logistic f32
// COM: core), logistic-unroll-bf16 those of bf16 ones; every other operation
// COM: keeps `unroll`. Unset (0), they are `unroll`.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @tanh_f32
// CHECK:         scf.for {{.*}} step %c24
// BF16-LABEL: func.func @tanh_f32
// BF16:         gelu.gelu {{.*}} approximation = tanh : vector<24xf32>
// CHECK:           vector.transfer_read {{.*}} : tensor<?xf32>, vector<24xf32>
// CHECK:           gelu.gelu {{.*}} approximation = tanh : vector<24xf32>
// UNSET-LABEL: func.func @tanh_f32
// UNSET:         scf.for {{.*}} step %c16
// UNSET:           gelu.gelu {{.*}} approximation = tanh : vector<16xf32>
func.func @tanh_f32(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
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

// CHECK-LABEL: func.func @quick_gelu_f32
// CHECK:         gelu.gelu {{.*}} approximation = sigmoid : vector<24xf32>
func.func @quick_gelu_f32(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in approximation = sigmoid : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// COM: Negative: exact GELU keeps `unroll` (1 here).
// CHECK-LABEL: func.func @exact_f32
// CHECK:         scf.for {{.*}} step %c8
// CHECK:           gelu.gelu {{.*}} : vector<8xf32>
func.func @exact_f32(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// COM: Tanh mode on bf16 keeps `unroll` unless logistic-unroll-bf16 is set.
// CHECK-LABEL: func.func @tanh_bf16
// CHECK:         scf.for {{.*}} step %c8
// CHECK:           gelu.gelu {{.*}} approximation = tanh : vector<8xbf16>
// BF16-LABEL: func.func @tanh_bf16
// BF16:         scf.for {{.*}} step %c32
// BF16:           gelu.gelu {{.*}} approximation = tanh : vector<32xbf16>
func.func @tanh_bf16(%x: tensor<?xbf16>, %init: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xbf16>) outs(%init : tensor<?xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %g = gelu.gelu %in approximation = tanh : bf16
    linalg.yield %g : bf16
  } -> tensor<?xbf16>
  return %y : tensor<?xbf16>
}

// -----

#id = affine_map<(d0) -> (d0)>

// COM: Negative: exact GELU on bf16 keeps `unroll`, and f16 is not bf16.
// BF16-LABEL: func.func @exact_bf16
// BF16:         scf.for {{.*}} step %c8
// BF16:           gelu.gelu {{.*}} : vector<8xbf16>
// BF16-LABEL: func.func @tanh_f16
// BF16:         scf.for {{.*}} step %c8
// BF16:           gelu.gelu {{.*}} approximation = tanh : vector<8xf16>
func.func @exact_bf16(%x: tensor<?xbf16>, %init: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xbf16>) outs(%init : tensor<?xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %g = gelu.gelu %in : bf16
    linalg.yield %g : bf16
  } -> tensor<?xbf16>
  return %y : tensor<?xbf16>
}

func.func @tanh_f16(%x: tensor<?xf16>, %init: tensor<?xf16>) -> tensor<?xf16> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf16>) outs(%init : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %g = gelu.gelu %in approximation = tanh : f16
    linalg.yield %g : f16
  } -> tensor<?xf16>
  return %y : tensor<?xf16>
}
