// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="exact-f32-core=piecewise table-lookup=avx512-permute" \
// RUN:   | FileCheck %s
// RUN: not gelu-opt %s --gelu-approximate="table-lookup=vpermps" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: for the --table-lookup option: Cannot find option named 'vpermps'!

// COM: table-lookup=avx512-permute: each table is read for 16 lanes by one
// COM: call of the AVX-512 permute intrinsic on the unmasked interval index
// COM: (bits(a + 1) >> 21: vpermps reads its low four bits), and the
// COM: function is marked as needing AVX-512.
// CHECK-LABEL: func.func @exact_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512f"]>}
// CHECK: %[[SHIFT:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<16xi32>
// CHECK-NOT: arith.andi
// CHECK-COUNT-8: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%{{.+}}, %[[SHIFT]]) : (vector<16xf32>, vector<16xi32>) -> vector<16xf32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK-NOT: vector.from_elements
// CHECK: return
func.func @exact_16(%x: vector<16xf32>) -> vector<16xf32> {
  %y = gelu.gelu %x : vector<16xf32>
  return %y : vector<16xf32>
}

// -----

// COM: 32 lanes (two vectors per loop iteration): two calls per table, on
// COM: the index's halves, put back together. Features already on the
// COM: function are kept.
// CHECK-LABEL: func.func @exact_32
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+fma", "+avx512f"]>}
// CHECK: %[[SHIFT:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<32xi32>
// CHECK: %[[LOW:.+]] = vector.extract_strided_slice %[[SHIFT]] {offsets = [0], sizes = [16], strides = [1]} : vector<32xi32> to vector<16xi32>
// CHECK: %[[P0:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%{{.+}}, %[[LOW]])
// CHECK: vector.insert_strided_slice %[[P0]], %{{.+}} {offsets = [0], strides = [1]} : vector<16xf32> into vector<32xf32>
// CHECK: %[[HIGH:.+]] = vector.extract_strided_slice %[[SHIFT]] {offsets = [16], sizes = [16], strides = [1]} : vector<32xi32> to vector<16xi32>
// CHECK: %[[P1:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%{{.+}}, %[[HIGH]])
// CHECK: vector.insert_strided_slice %[[P1]], %{{.+}} {offsets = [16], strides = [1]} : vector<16xf32> into vector<32xf32>
// CHECK-COUNT-14: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @exact_32(%x: vector<32xf32>) -> vector<32xf32>
    attributes {target_features = #llvm.target_features<["+fma"]>} {
  %y = gelu.gelu %x : vector<32xf32>
  return %y : vector<32xf32>
}

// -----

// COM: Higher ranks are read flattened and cast back.
// CHECK-LABEL: func.func @exact_2d
// CHECK: vector.shape_cast %{{.+}} : vector<2x16xi32> to vector<32xi32>
// CHECK-COUNT-16: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"
// CHECK: vector.shape_cast %{{.+}} : vector<32xf32> to vector<2x16xf32>
func.func @exact_2d(%x: vector<2x16xf32>) -> vector<2x16xf32> {
  %y = gelu.gelu %x : vector<2x16xf32>
  return %y : vector<2x16xf32>
}

// -----

// COM: Scalars and vectors of other lengths read as with table-lookup=extract
// COM: (the index masked to [0, 16)), and the function needs nothing more.
// CHECK-LABEL: func.func @other_lengths
// CHECK-NOT: target_features
// CHECK: arith.andi %{{.+}}, %{{.+}} : i32
// CHECK: arith.andi %{{.+}}, %{{.+}} : vector<8xi32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @other_lengths(%s: f32, %v: vector<8xf32>) -> (f32, vector<8xf32>) {
  %a = gelu.gelu %s : f32
  %b = gelu.gelu %v : vector<8xf32>
  return %a, %b : f32, vector<8xf32>
}
