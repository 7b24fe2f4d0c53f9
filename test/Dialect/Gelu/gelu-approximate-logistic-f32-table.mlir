// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32-table table-lookup=avx512-permute" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32 table-lookup=avx512-permute" \
// RUN:   | FileCheck %s --check-prefix=NOTABLE

// COM: logistic-f32-core=f32-table: w(a) log2(e) = wHi + wLo = W as in the
// COM: f32 core, then wHi + magic rounds to magic + N/16 (magic = 1.5 * 2^19
// COM: - 100: its mantissa's low four bits are j = N mod 16, the bits above
// COM: them K - 100). Two tables are read with one permute each on the
// COM: unmasked bits: T_j = 2^(j/16) rounded, held as its bits less j << 19,
// COM: and delta_j = log2(T_j) - j/16. Then h = (N/16 - wHi) + (delta_j -
// COM: wLo), 2^-h = 1 + h P(h) with P of degree 2, and T_j 2^(K-100) from
// COM: the bits by a shift and an integer add that cancels j. T = a / (1 +
// COM: 2^W), scaled by 2^100: the denominator as eHi + eLo (its split by
// COM: one fma) plus 2^-100 with the sum's error, the quotient a / dHi with
// COM: its exact remainder by one fma and one correction. The function is
// COM: marked as needing AVX-512.
// CHECK-LABEL: func.func @tanh_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512f"]>}
// CHECK-DAG: %[[NINETEEN:.+]] = arith.constant dense<19> : vector<16xi32>
// CHECK-DAG: %[[DELTA:.+]] = arith.constant dense<[0.000000e+00, -6.67758186E-8, {{.+}}, -7.41633154E-9]> : vector<16xf32>
// CHECK-DAG: %[[TABLE:.+]] = arith.constant dense<[1.000000e+00, 0.990886867, {{.+}}, 0.988853275]> : vector<16xf32>
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant dense<7.863320e+05> : vector<16xf32>
// CHECK-DAG: %[[SIXTEEN:.+]] = arith.constant dense<1.600000e+01> : vector<16xf32>
// CHECK-DAG: %[[ONE:.+]] = arith.constant dense<7.88860905E-31> : vector<16xf32>
// CHECK: %[[C:.+]] = arith.subf %{{.+}}, %[[SIXTEEN]] : vector<16xf32>
// CHECK: %[[WHI:.+]] = arith.mulf %[[A:.+]], %[[C]] : vector<16xf32>
// CHECK: math.fma %[[A]], %[[C]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[WLO:.+]] = math.fma %[[A]], %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[NM:.+]] = arith.addf %[[WHI]], %[[MAGIC]] : vector<16xf32>
// CHECK-NEXT: %[[N16:.+]] = arith.subf %[[NM]], %[[MAGIC]] : vector<16xf32>
// CHECK-NEXT: %[[BITS:.+]] = arith.bitcast %[[NM]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[T:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[TABLE]], %[[BITS]]) : (vector<16xf32>, vector<16xi32>) -> vector<16xf32>
// CHECK-NEXT: %[[HHI:.+]] = arith.subf %[[N16]], %[[WHI]] : vector<16xf32>
// CHECK-NEXT: %[[D:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[DELTA]], %[[BITS]])
// CHECK-NEXT: %[[HLO:.+]] = arith.subf %[[D]], %[[WLO]] : vector<16xf32>
// CHECK-NEXT: %[[H:.+]] = arith.addf %[[HHI]], %[[HLO]] : vector<16xf32>
// CHECK-NEXT: %[[P1:.+]] = math.fma %{{.+}}, %[[H]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[P:.+]] = math.fma %[[P1]], %[[H]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[GP:.+]] = arith.mulf %[[H]], %[[P]] : vector<16xf32>
// CHECK-NEXT: %[[SHIFTED:.+]] = arith.shli %[[BITS]], %[[NINETEEN]] : vector<16xi32>
// CHECK-NEXT: %[[TBITS:.+]] = arith.bitcast %[[T]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.addi %[[SHIFTED]], %[[TBITS]] : vector<16xi32>
// CHECK-NEXT: %[[SCALE:.+]] = arith.bitcast %[[SCALEBITS]] : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[EHI:.+]] = math.fma %[[SCALE]], %[[GP]], %[[SCALE]] : vector<16xf32>
// CHECK-NEXT: %[[REST:.+]] = arith.subf %[[SCALE]], %[[EHI]] : vector<16xf32>
// CHECK-NEXT: %[[ELO:.+]] = math.fma %[[SCALE]], %[[GP]], %[[REST]] : vector<16xf32>
// CHECK-NEXT: %[[DHI:.+]] = arith.addf %[[EHI]], %[[ONE]] : vector<16xf32>
// CHECK-NEXT: %[[ERR0:.+]] = arith.subf %[[EHI]], %[[DHI]] : vector<16xf32>
// CHECK-NEXT: %[[DERR:.+]] = arith.addf %[[ERR0]], %[[ONE]] : vector<16xf32>
// CHECK-NEXT: %[[Q0:.+]] = arith.divf %[[A]], %[[DHI]] : vector<16xf32>
// CHECK: %[[RECIPROCAL:.+]] = arith.bitcast %{{.+}} : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[MINUS_Q0:.+]] = arith.negf %[[Q0]] : vector<16xf32>
// CHECK-NEXT: %[[REMAINDER:.+]] = math.fma %[[MINUS_Q0]], %[[DHI]], %[[A]] : vector<16xf32>
// CHECK-NEXT: %[[DLO:.+]] = arith.addf %[[DERR]], %[[ELO]] : vector<16xf32>
// CHECK-NEXT: %[[RESIDUAL:.+]] = math.fma %[[MINUS_Q0]], %[[DLO]], %[[REMAINDER]] : vector<16xf32>
// CHECK-NEXT: math.fma %[[RESIDUAL]], %[[RECIPROCAL]], %[[Q0]] : vector<16xf32>
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
