// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="logistic-f32-core=f32" | FileCheck %s
// RUN: not gelu-opt %s --gelu-approximate="logistic-f32-core=piecewise" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: for the --logistic-f32-core option: Cannot find option named 'piecewise'!

// COM: The tanh form in f32 arithmetic: a = min(|x|, 12), w(a) log2(e) =
// COM: a (linear + cubic a^2) with a^2 and the product split exactly by
// COM: fmas and (linear + 16) + cubic a^2 one fma with its error recovered
// COM: by another (Sterbenz), k and g from the magic
// COM: number (which carries the exponent bias of 2^(100-k): one shift
// COM: builds it, no integer add), 2^-g as a degree-6 polynomial, the quotient a e / (1 + e)
// COM: rounded and corrected with its residual, and x - T or
// COM: -0 - T in one fma. No f64, no tables.
// CHECK-LABEL: func.func @tanh_f32_scalar
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK-DAG: %[[BOUND:.+]] = arith.constant 1.200000e+01 : f32
// CHECK-DAG: %[[BIASED_LINEAR:.+]] = arith.constant 18.3022079 : f32
// CHECK-DAG: %[[CUBIC:.+]] = arith.constant 0.102943242 : f32
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant 0x4B4000E3 : f32
// COM: A NaN x becomes a = 12 and reaches the result only through base.
// CHECK: %[[ABS:.+]] = math.absf %[[X]] : f32
// CHECK: %[[BELOW:.+]] = arith.cmpf olt, %[[ABS]], %[[BOUND]] : f32
// CHECK: %[[A:.+]] = arith.select %[[BELOW]], %[[ABS]], %[[BOUND]] : f32
// CHECK: %[[SQ:.+]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK: math.fma %[[A]], %[[A]], %{{.+}} : f32
// CHECK: %[[SUM:.+]] = math.fma %[[CUBIC]], %[[SQ]], %[[BIASED_LINEAR]] : f32
// CHECK: %[[DIFF:.+]] = arith.subf %[[BIASED_LINEAR]], %[[SUM]] : f32
// CHECK: math.fma %[[CUBIC]], %[[SQ]], %[[DIFF]] : f32
// CHECK: %[[C:.+]] = arith.subf %[[SUM]], %{{.+}} : f32
// CHECK: %[[W:.+]] = arith.mulf %[[A]], %[[C]] : f32
// CHECK: %[[MK:.+]] = arith.subf %[[MAGIC]], %[[W]] : f32
// COM: 2^-g's polynomial as c0 + g ((c1 + c2 g) + g^2 (c3 + g (c4 + g c5))).
// CHECK-COUNT-2: math.fma %{{.+}}, %[[G:.+]], %{{.+}} : f32
// CHECK-NEXT: %[[G2:.+]] = arith.mulf %[[G]], %[[G]] : f32
// CHECK-NEXT: %[[LOW:.+]] = math.fma %{{.+}}, %[[G]], %{{.+}} : f32
// CHECK-NEXT: %[[Q:.+]] = math.fma %{{.+}}, %[[G2]], %[[LOW]] : f32
// CHECK-NEXT: math.fma %[[Q]], %[[G]], %{{.+}} : f32
// CHECK: %[[MKBITS:.+]] = arith.bitcast %[[MK]] : f32 to i32
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.shli %[[MKBITS]], %{{.+}} : i32
// CHECK-NEXT: arith.bitcast %[[SCALEBITS]] : i32 to f32
// CHECK: %[[D:.+]] = arith.addf %[[E:.+]], %{{.+}} : f32
// CHECK-NEXT: %[[Q0:.+]] = arith.divf %[[N:.+]], %[[D]] : f32
// COM: The residual n - q0 (1 + e): n - q0 exact, then one fma.
// CHECK: %[[NEG_Q0:.+]] = arith.negf %[[Q0]] : f32
// CHECK-NEXT: %[[N_MINUS_Q0:.+]] = arith.subf %[[N]], %[[Q0]] : f32
// CHECK-NEXT: %[[R:.+]] = math.fma %[[NEG_Q0]], %[[E]], %[[N_MINUS_Q0]] : f32
// CHECK-NEXT: %[[RESIDUAL:.+]] = arith.addf %{{.+}}, %[[R]] : f32
// CHECK-NEXT: %[[Q:.+]] = math.fma %[[RESIDUAL]], %{{.+}}, %[[Q0]] : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %[[X]], %{{.+}} : f32
// CHECK: %[[BASE:.+]] = arith.select %[[NEG]], %{{.+}}, %[[X]] : f32
// CHECK: %[[Y:.+]] = math.fma %[[Q]], %{{.+}}, %[[BASE]] : f32
// CHECK: return %[[Y]]
// CHECK-NOT: f64
func.func @tanh_f32_scalar(%x: f32) -> f32 {
  %y = gelu.gelu %x approximation = tanh : f32
  return %y : f32
}

// -----

// COM: QuickGELU: w = 1.702 x, bound 64, the same evaluation; on vectors,
// COM: scalable vectors and tensors alike (no per-lane work).
// CHECK-LABEL: func.func @sigmoid_f32_shapes
// CHECK-DAG: arith.constant dense<6.400000e+01> : vector<8xf32>
// CHECK-DAG: arith.constant dense<6.400000e+01> : vector<[4]xf32>
// CHECK-DAG: arith.constant dense<6.400000e+01> : tensor<4xf32>
// CHECK: arith.divf %{{.+}}, %{{.+}} : vector<8xf32>
// CHECK: arith.divf %{{.+}}, %{{.+}} : vector<[4]xf32>
// CHECK: arith.divf %{{.+}}, %{{.+}} : tensor<4xf32>
// CHECK-NOT: f64
// CHECK: return
func.func @sigmoid_f32_shapes(%v: vector<8xf32>, %s: vector<[4]xf32>,
                              %t: tensor<4xf32>)
    -> (vector<8xf32>, vector<[4]xf32>, tensor<4xf32>) {
  %a = gelu.gelu %v approximation = sigmoid : vector<8xf32>
  %b = gelu.gelu %s approximation = sigmoid : vector<[4]xf32>
  %c = gelu.gelu %t approximation = sigmoid : tensor<4xf32>
  return %a, %b, %c : vector<8xf32>, vector<[4]xf32>, tensor<4xf32>
}

// -----

// COM: Not the logistic f32 core: exact mode (its own cores) and f64
// COM: (double-double) keep theirs.
// CHECK-LABEL: func.func @other_cores
// CHECK: arith.extf %{{.+}} : vector<8xf32> to vector<8xf64>
// CHECK: arith.truncf %{{.+}} : vector<8xf64> to vector<8xf32>
// CHECK-NOT: arith.constant 1.200000e+01 : f64
// CHECK: return
func.func @other_cores(%v: vector<8xf32>, %d: f64)
    -> (vector<8xf32>, f64) {
  %a = gelu.gelu %v : vector<8xf32>
  %b = gelu.gelu %d approximation = tanh : f64
  return %a, %b : vector<8xf32>, f64
}

// -----

// COM: bf16 tanh: the logistic f32 core is the fast path (its magic number,
// COM: its division), and a result is ambiguous within 2 f32 ulps (+1) of a
// COM: bf16 rounding boundary: low 16 bits - (0x8000 - 3) <= 6, unsigned.
// COM: Only the fallback under scf.if computes in f64.
// CHECK-LABEL: func.func @tanh_bf16_fast_path
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant dense<0x4B4000E3> : vector<16xf32>
// CHECK-DAG: %[[WINDOW:.+]] = arith.constant dense<32765> : vector<16xi32>
// CHECK-NOT: f64
// CHECK: arith.subf %[[MAGIC]], %{{.+}} : vector<16xf32>
// CHECK: arith.divf %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK: arith.subi %{{.+}}, %[[WINDOW]] : vector<16xi32>
// CHECK-NOT: f64
// CHECK: scf.if
// CHECK: arith.extf %{{.+}} : vector<16xf32> to vector<16xf64>
// CHECK: return
func.func @tanh_bf16_fast_path(%x: vector<16xbf16>) -> vector<16xbf16> {
  %y = gelu.gelu %x approximation = tanh : vector<16xbf16>
  return %y : vector<16xbf16>
}

// -----

// COM: bf16 exact keeps its own f32 formulas (an 11-bit operand squares
// COM: exactly) and their 16-ulp window: 0x8000 - 17.
// CHECK-LABEL: func.func @exact_bf16_fast_path
// CHECK-DAG: arith.constant dense<32751> : vector<16xi32>
// CHECK-NOT: 0x4B4000E3
// CHECK: scf.if
// CHECK: return
func.func @exact_bf16_fast_path(%x: vector<16xbf16>) -> vector<16xbf16> {
  %y = gelu.gelu %x : vector<16xbf16>
  return %y : vector<16xbf16>
}
