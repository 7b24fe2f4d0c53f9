// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="bf16-rounding=avx512bf16" | FileCheck %s
// RUN: gelu-opt %s --split-input-file --gelu-approximate \
// RUN:   | FileCheck %s --check-prefix=TRUNCF
// RUN: not gelu-opt %s --gelu-approximate="bf16-rounding=vcvt" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: for the --bf16-rounding option: Cannot find option named 'vcvt'!

// COM: 32 bf16 lanes: the fast path's f32 results are rounded by one
// COM: vcvtne2ps2bf16 (the high 16 lanes as its first operand), NaN lanes get
// COM: the quiet NaN 0x7FC0, and the function needs AVX512-BF16.
// CHECK-LABEL: func.func @bf16_32
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512bf16"]>}
// CHECK: %[[LOW:.+]] = vector.extract_strided_slice %[[Y:.+]] {offsets = [0], sizes = [16], strides = [1]} : vector<32xf32> to vector<16xf32>
// CHECK: %[[HIGH:.+]] = vector.extract_strided_slice %[[Y]] {offsets = [16], sizes = [16], strides = [1]} : vector<32xf32> to vector<16xf32>
// CHECK: llvm.call_intrinsic "llvm.x86.avx512bf16.cvtne2ps2bf16.512"(%[[HIGH]], %[[LOW]]) : (vector<16xf32>, vector<16xf32>) -> vector<32xbf16>
// CHECK: arith.cmpf uno, %[[Y]], %[[Y]] : vector<32xf32>
// CHECK: arith.select {{.*}} : vector<32xi1>, vector<32xbf16>
// CHECK: scf.if
// CHECK: return
// TRUNCF-LABEL: func.func @bf16_32
// TRUNCF-NOT: target_features
// TRUNCF-NOT: llvm.call_intrinsic
// TRUNCF: arith.truncf {{.*}} : vector<32xf32> to vector<32xbf16>
// TRUNCF: return
func.func @bf16_32(%x: vector<32xbf16>) -> vector<32xbf16> {
  %y = gelu.gelu %x approximation = tanh : vector<32xbf16>
  return %y : vector<32xbf16>
}

// -----

// COM: 64 lanes: one call per 32.
// CHECK-LABEL: func.func @bf16_64_exact
// CHECK-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512bf16.cvtne2ps2bf16.512"
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @bf16_64_exact(%x: vector<64xbf16>) -> vector<64xbf16> {
  %y = gelu.gelu %x : vector<64xbf16>
  return %y : vector<64xbf16>
}

// -----

// COM: Not a multiple of 32 lanes, a scalar, or f16: arith.truncf, and no
// COM: target feature.
// CHECK-LABEL: func.func @bf16_16
// CHECK-NOT: target_features
// CHECK-NOT: llvm.call_intrinsic
// CHECK: arith.truncf {{.*}} : vector<16xf32> to vector<16xbf16>
// CHECK: return
func.func @bf16_16(%x: vector<16xbf16>) -> vector<16xbf16> {
  %y = gelu.gelu %x approximation = tanh : vector<16xbf16>
  return %y : vector<16xbf16>
}

// CHECK-LABEL: func.func @bf16_scalar
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @bf16_scalar(%x: bf16) -> bf16 {
  %y = gelu.gelu %x : bf16
  return %y : bf16
}

// CHECK-LABEL: func.func @f16_32
// CHECK-NOT: target_features
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @f16_32(%x: vector<32xf16>) -> vector<32xf16> {
  %y = gelu.gelu %x : vector<32xf16>
  return %y : vector<32xf16>
}
