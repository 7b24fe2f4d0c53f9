// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="exact-f32-core=piecewise table-lookup=avx2-permute" \
// RUN:   | FileCheck %s

// COM: table-lookup=avx2-permute: each 16-entry table is read for 8 lanes by
// COM: two AVX2 permutes (one per half of the table, as constants of 8
// COM: lanes; vpermps reads the index's low three bits) and a blend of the
// COM: two on the index's bit 3, which a shift by 28 moves to the sign bit
// COM: that vblendvps reads, once for all eight tables. The index is not
// COM: masked, and the function is marked as needing AVX2.
// CHECK-LABEL: func.func @exact_8
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx2"]>}
// CHECK: %[[INDEX:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<8xi32>
// CHECK-NOT: arith.andi
// CHECK: %[[BIT3:.+]] = arith.shli %[[INDEX]], %{{.+}} : vector<8xi32>
// CHECK: %[[SELECTOR:.+]] = arith.bitcast %[[BIT3]] : vector<8xi32> to vector<8xf32>
// CHECK: %[[LOW:.+]] = llvm.call_intrinsic "llvm.x86.avx2.permps"(%{{.+}}, %[[INDEX]]) : (vector<8xf32>, vector<8xi32>) -> vector<8xf32>
// CHECK: %[[HIGH:.+]] = llvm.call_intrinsic "llvm.x86.avx2.permps"(%{{.+}}, %[[INDEX]]) : (vector<8xf32>, vector<8xi32>) -> vector<8xf32>
// CHECK: llvm.call_intrinsic "llvm.x86.avx.blendv.ps.256"(%[[LOW]], %[[HIGH]], %[[SELECTOR]]) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// CHECK-COUNT-7: llvm.call_intrinsic "llvm.x86.avx.blendv.ps.256"
// CHECK-NOT: llvm.call_intrinsic
// CHECK-NOT: vector.from_elements
// CHECK: return
func.func @exact_8(%x: vector<8xf32>) -> vector<8xf32> {
  %y = gelu.gelu %x : vector<8xf32>
  return %y : vector<8xf32>
}

// -----

// COM: 16 lanes (two AVX2 registers): each table is read for each 8 lanes,
// COM: on the slices of the index and the selector, and put back together.
// CHECK-LABEL: func.func @exact_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx2"]>}
// CHECK: %[[INDEX:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<16xi32>
// CHECK: %[[LOWLANES:.+]] = vector.extract_strided_slice %[[INDEX]] {offsets = [0], sizes = [8], strides = [1]} : vector<16xi32> to vector<8xi32>
// CHECK: llvm.call_intrinsic "llvm.x86.avx2.permps"(%{{.+}}, %[[LOWLANES]])
// CHECK: %[[READ:.+]] = llvm.call_intrinsic "llvm.x86.avx.blendv.ps.256"
// CHECK: vector.insert_strided_slice %[[READ]], %{{.+}} {offsets = [0], strides = [1]} : vector<8xf32> into vector<16xf32>
// CHECK: vector.extract_strided_slice %[[INDEX]] {offsets = [8], sizes = [8], strides = [1]} : vector<16xi32> to vector<8xi32>
// CHECK: vector.insert_strided_slice %{{.+}}, %{{.+}} {offsets = [8], strides = [1]} : vector<8xf32> into vector<16xf32>
// CHECK-COUNT-14: llvm.call_intrinsic "llvm.x86.avx.blendv.ps.256"
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @exact_16(%x: vector<16xf32>) -> vector<16xf32> {
  %y = gelu.gelu %x : vector<16xf32>
  return %y : vector<16xf32>
}

// -----

// COM: Scalars and vectors that are not a multiple of 8 lanes read as with
// COM: table-lookup=extract (the index masked to [0, 16)), and the function
// COM: needs nothing more.
// CHECK-LABEL: func.func @other_lengths
// CHECK-NOT: target_features
// CHECK: arith.andi %{{.+}}, %{{.+}} : i32
// CHECK: arith.andi %{{.+}}, %{{.+}} : vector<4xi32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @other_lengths(%s: f32, %v: vector<4xf32>) -> (f32, vector<4xf32>) {
  %a = gelu.gelu %s : f32
  %b = gelu.gelu %v : vector<4xf32>
  return %a, %b : f32, vector<4xf32>
}
