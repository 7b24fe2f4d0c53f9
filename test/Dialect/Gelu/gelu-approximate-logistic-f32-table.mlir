// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32-table table-lookup=avx512-permute" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32 table-lookup=avx512-permute" \
// RUN:   | FileCheck %s --check-prefix=NOTABLE

// COM: logistic-f32-core=f32-table: w(a) log2(e) = wHi + wLo as in the f32
// COM: core, then magic - wHi rounds to magic - N/16 (magic = 1.5 * 2^19 +
// COM: 100: its mantissa's low four bits are j = -N mod 16, the bits above
// COM: them 100 - K). T_j = 2^(j/16) rounded and delta_j = log2(T_j) - j/16
// COM: are read with one permute each on the unmasked bits, g = (wHi -
// COM: N/16) + (wLo + delta_j), 2^-g = 1 + g P(g) with P of degree 2, and
// COM: T_j 2^(100-K) from the bits by a shift and an integer add: the
// COM: table holds T_j's bits less j << 19, which the add cancels.
// COM: The function is marked as needing AVX-512.
// CHECK-LABEL: func.func @tanh_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512f"]>}
// CHECK-DAG: %[[NINETEEN:.+]] = arith.constant dense<19> : vector<16xi32>
// CHECK-DAG: %[[DELTA:.+]] = arith.constant dense<[0.000000e+00, -6.67758186E-8, {{.+}}, -7.41633154E-9]> : vector<16xf32>
// CHECK-DAG: %[[TABLE:.+]] = arith.constant dense<[1.000000e+00, 0.990886867, {{.+}}, 0.988853275]> : vector<16xf32>
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant dense<7.865320e+05> : vector<16xf32>
// CHECK-DAG: %[[SIXTEEN:.+]] = arith.constant dense<1.600000e+01> : vector<16xf32>
// CHECK: %[[C:.+]] = arith.subf %{{.+}}, %[[SIXTEEN]] : vector<16xf32>
// CHECK: %[[WHI:.+]] = arith.mulf %[[A:.+]], %[[C]] : vector<16xf32>
// CHECK: math.fma %[[A]], %[[C]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[WLO:.+]] = math.fma %[[A]], %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[MN:.+]] = arith.subf %[[MAGIC]], %[[WHI]] : vector<16xf32>
// CHECK-NEXT: %[[MINUS_N16:.+]] = arith.subf %[[MN]], %[[MAGIC]] : vector<16xf32>
// CHECK-NEXT: %[[BITS:.+]] = arith.bitcast %[[MN]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[T:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[TABLE]], %[[BITS]]) : (vector<16xf32>, vector<16xi32>) -> vector<16xf32>
// CHECK-NEXT: %[[GHI:.+]] = arith.addf %[[WHI]], %[[MINUS_N16]] : vector<16xf32>
// CHECK-NEXT: %[[D:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[DELTA]], %[[BITS]])
// CHECK-NEXT: %[[GLO:.+]] = arith.addf %[[WLO]], %[[D]] : vector<16xf32>
// CHECK-NEXT: %[[G:.+]] = arith.addf %[[GHI]], %[[GLO]] : vector<16xf32>
// CHECK-NEXT: %[[P1:.+]] = math.fma %{{.+}}, %[[G]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[P:.+]] = math.fma %[[P1]], %[[G]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[GP:.+]] = arith.mulf %[[G]], %[[P]] : vector<16xf32>
// CHECK-NEXT: %[[SHIFTED:.+]] = arith.shli %[[BITS]], %[[NINETEEN]] : vector<16xi32>
// CHECK-NEXT: %[[TBITS:.+]] = arith.bitcast %[[T]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.addi %[[SHIFTED]], %[[TBITS]] : vector<16xi32>
// CHECK-NEXT: %[[SCALE:.+]] = arith.bitcast %[[SCALEBITS]] : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[SA:.+]] = arith.mulf %[[A]], %[[SCALE]] : vector<16xf32>
// COM: a T_j 2^(100-K) is not exact: the numerator's rest is a T_j 2^(100-K)
// COM: less the numerator, rounded by one fma, plus a T_j 2^(100-K) g P(g).
// CHECK-NEXT: %[[N:.+]] = math.fma %[[SA]], %[[GP]], %[[SA]] : vector<16xf32>
// CHECK-NEXT: %[[NEG_N:.+]] = arith.negf %[[N]] : vector<16xf32>
// CHECK-NEXT: %[[REST:.+]] = math.fma %[[A]], %[[SCALE]], %[[NEG_N]] : vector<16xf32>
// CHECK-NEXT: math.fma %[[SA]], %[[GP]], %[[REST]] : vector<16xf32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: arith.divf
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
// NOTABLE-LABEL: func.func @tanh_16
// NOTABLE-NOT: target_features
// NOTABLE-NOT: llvm.call_intrinsic
// NOTABLE: return
func.func @tanh_16(%x: vector<16xf32>) -> vector<16xf32> {
  %y = gelu.gelu %x approximation = tanh : vector<16xf32>
  return %y : vector<16xf32>
}

// -----

// COM: A scalar (and a vector that is not a multiple of 16 lanes) reads the
// COM: same tables with vector.extract on the masked index: the same bits.
// CHECK-LABEL: func.func @sigmoid_scalar
// CHECK-NOT: target_features
// CHECK: %[[BITS:.+]] = arith.bitcast %{{.+}} : f32 to i32
// CHECK-NEXT: %[[J:.+]] = arith.andi %[[BITS]], %{{.+}} : i32
// CHECK-NEXT: %[[INDEX:.+]] = arith.index_castui %[[J]] : i32 to index
// CHECK-NEXT: vector.extract %{{.+}}[%[[INDEX]]] : f32 from vector<16xf32>
// CHECK: vector.extract %{{.+}}[%[[INDEX]]] : f32 from vector<16xf32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @sigmoid_scalar(%x: f32) -> f32 {
  %y = gelu.gelu %x approximation = sigmoid : f32
  return %y : f32
}

// CHECK-LABEL: func.func @tanh_8
// CHECK-NOT: target_features
// CHECK-COUNT-16: vector.extract %{{.+}}[%{{.+}}] : f32 from vector<16xf32>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @tanh_8(%x: vector<8xf32>) -> vector<8xf32> {
  %y = gelu.gelu %x approximation = tanh : vector<8xf32>
  return %y : vector<8xf32>
}

// -----

// COM: The f16/bf16 fast path of the tanh form computes with the same core.
// CHECK-LABEL: func.func @tanh_bf16_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512f"]>}
// CHECK-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"
// CHECK-NOT: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"
// CHECK: return
func.func @tanh_bf16_16(%x: vector<16xbf16>) -> vector<16xbf16> {
  %y = gelu.gelu %x approximation = tanh : vector<16xbf16>
  return %y : vector<16xbf16>
}

// -----

// COM: Exact mode keeps its own core (f64 by default): no logistic tables.
// CHECK-LABEL: func.func @exact_16
// CHECK-NOT: target_features
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @exact_16(%x: vector<16xf32>) -> vector<16xf32> {
  %y = gelu.gelu %x : vector<16xf32>
  return %y : vector<16xf32>
}
