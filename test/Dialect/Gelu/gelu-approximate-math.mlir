// RUN: gelu-opt %s --split-input-file --gelu-approximate-math | FileCheck %s
// RUN: gelu-opt %s --split-input-file --gelu-approximate-math="enable-avx2" \
// RUN:   | FileCheck %s --check-prefix=AVX2

// COM: upstream's polynomial approximations, for the math ops left in a
// COM: program (and the upstream GELU forms the benchmark compares with).
// CHECK-LABEL: func.func @erf_tanh_exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.tanh
// CHECK-NOT: math.exp
// CHECK: return
// AVX2-LABEL: func.func @erf_tanh_exp
// AVX2-NOT: math.erf
func.func @erf_tanh_exp(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.erf %x : vector<8xf32>
  %1 = math.tanh %0 : vector<8xf32>
  %2 = math.exp %1 : vector<8xf32>
  return %2 : vector<8xf32>
}

// -----

// COM: Negative: gelu.gelu is not a math op; f64 erf has no upstream
// COM: approximation.
// CHECK-LABEL: func.func @left_alone
// CHECK: gelu.gelu
// CHECK: math.erf %{{.+}} : f64
// AVX2-LABEL: func.func @left_alone
func.func @left_alone(%x: f32, %d: f64) -> (f32, f64) {
  %0 = gelu.gelu %x : f32
  %1 = math.erf %d : f64
  return %0, %1 : f32, f64
}
