// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32-table table-lookup=avx512-permute" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32 table-lookup=avx512-permute" \
// RUN:   | FileCheck %s --check-prefix=NOTABLE

// COM: logistic-f32-core=f32-table: W = w(a) log2(e) = a (cHi + cLo), c as
// COM: in the f32 core, then a cHi + magic rounds (one fma) to magic + N/16
// COM: (magic = 1.5 * 2^19 - 100: its mantissa's low four bits are j = N mod
// COM: 16, the bits above them K - 100). Two tables are read with one
// COM: permute each on the unmasked bits: T_j = 2^(j/16) rounded, held as its
// COM: bits less j << 19, and -delta_j = j/16 - log2(T_j). Then g = (a cHi -
// COM: N/16) + (a cLo - delta_j), each part one fma, 2^g = 1 + g Q(g) with Q
// COM: of degree 2, T_j 2^(K-100) from the bits by a shift and an integer add
// COM: that cancels j, and e = 2^W 2^-100 = scale + (scale g) Q(g). T = a /
// COM: (1 + 2^W), scaled by 2^100: the denominator 2^-100 + e with the sum's
// COM: error, the quotient a / dHi with its exact remainder by one fma and one
// COM: correction. The function is marked as needing AVX-512.
// CHECK-LABEL: func.func @tanh_16
// CHECK-SAME: attributes {target_features = #llvm.target_features<["+avx512f"]>}
// CHECK-DAG: %[[NINETEEN:.+]] = arith.constant dense<19> : vector<16xi32>
// CHECK-DAG: %[[MINUS_DELTA:.+]] = arith.constant dense<[-0.000000e+00, 6.67758186E-8, {{.+}}, 7.41633154E-9]> : vector<16xf32>
// CHECK-DAG: %[[TABLE:.+]] = arith.constant dense<[1.000000e+00, 0.990886867, {{.+}}, 0.988853275]> : vector<16xf32>
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant dense<7.863320e+05> : vector<16xf32>
// CHECK-DAG: %[[SIXTEEN:.+]] = arith.constant dense<1.600000e+01> : vector<16xf32>
// CHECK-DAG: %[[ONE:.+]] = arith.constant dense<7.88860905E-31> : vector<16xf32>
// CHECK: %[[C:.+]] = arith.subf %{{.+}}, %[[SIXTEEN]] : vector<16xf32>
// CHECK: math.fma %{{.+}}, %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[CLO:.+]] = math.fma %{{.+}}, %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[NM:.+]] = math.fma %[[A:.+]], %[[C]], %[[MAGIC]] : vector<16xf32>
// CHECK-NEXT: %[[MINUS_N16:.+]] = arith.subf %[[MAGIC]], %[[NM]] : vector<16xf32>
// CHECK-NEXT: %[[BITS:.+]] = arith.bitcast %[[NM]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[T:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[TABLE]], %[[BITS]]) : (vector<16xf32>, vector<16xi32>) -> vector<16xf32>
// CHECK-NEXT: %[[GHI:.+]] = math.fma %[[A]], %[[C]], %[[MINUS_N16]] : vector<16xf32>
// CHECK-NEXT: %[[D:.+]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"(%[[MINUS_DELTA]], %[[BITS]])
// CHECK-NEXT: %[[GLO:.+]] = math.fma %[[A]], %[[CLO]], %[[D]] : vector<16xf32>
// CHECK-NEXT: %[[G:.+]] = arith.addf %[[GHI]], %[[GLO]] : vector<16xf32>
// CHECK-NEXT: %[[SHIFTED:.+]] = arith.shli %[[BITS]], %[[NINETEEN]] : vector<16xi32>
// CHECK-NEXT: %[[TBITS:.+]] = arith.bitcast %[[T]] : vector<16xf32> to vector<16xi32>
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.addi %[[SHIFTED]], %[[TBITS]] : vector<16xi32>
// CHECK-NEXT: %[[SCALE:.+]] = arith.bitcast %[[SCALEBITS]] : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[SG:.+]] = arith.mulf %[[SCALE]], %[[G]] : vector<16xf32>
// CHECK-NEXT: %[[Q1:.+]] = math.fma %{{.+}}, %[[G]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[Q:.+]] = math.fma %[[Q1]], %[[G]], %{{.+}} : vector<16xf32>
// CHECK-NEXT: %[[E:.+]] = math.fma %[[SG]], %[[Q]], %[[SCALE]] : vector<16xf32>
// CHECK-NEXT: %[[DHI:.+]] = arith.addf %[[E]], %[[ONE]] : vector<16xf32>
// CHECK-NEXT: %[[ERR0:.+]] = arith.subf %[[E]], %[[DHI]] : vector<16xf32>
// CHECK-NEXT: %[[DERR:.+]] = arith.addf %[[ERR0]], %[[ONE]] : vector<16xf32>
// CHECK-NEXT: %[[Q0:.+]] = arith.divf %[[A]], %[[DHI]] : vector<16xf32>
// CHECK: %[[RECIPROCAL:.+]] = arith.bitcast %{{.+}} : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[MINUS_Q0:.+]] = arith.negf %[[Q0]] : vector<16xf32>
// CHECK-NEXT: %[[REMAINDER:.+]] = math.fma %[[MINUS_Q0]], %[[DHI]], %[[A]] : vector<16xf32>
// CHECK-NEXT: %[[RESIDUAL:.+]] = math.fma %[[MINUS_Q0]], %[[DERR]], %[[REMAINDER]] : vector<16xf32>
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
