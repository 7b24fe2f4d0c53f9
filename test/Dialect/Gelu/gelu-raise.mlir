// RUN: gelu-opt %s --split-input-file --gelu-raise | FileCheck %s

// COM: torch-mlir's aten.gelu (approximate = "none") inside a linalg.generic:
// COM: (x - 0) / sqrt(2.0) with the square root computed, 1 + erf, times
// COM: 0.5, times x.
// CHECK-LABEL: func.func @torch_mlir_erf_in_generic
// CHECK: linalg.generic
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[G:.+]] = gelu.gelu %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[G]] : f32
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @torch_mlir_erf_in_generic(%x: tensor<?x3072xf32>, %init: tensor<?x3072xf32>)
    -> tensor<?x3072xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %half = arith.constant 0.5 : f32
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x3072xf32>) outs(%init : tensor<?x3072xf32>) {
  ^bb0(%in: f32, %out: f32):
    %centered = arith.subf %in, %zero : f32
    %sqrt2 = math.sqrt %two : f32
    %arg = arith.divf %centered, %sqrt2 : f32
    %erf = math.erf %arg : f32
    %erf1 = arith.addf %one, %erf : f32
    %cdf = arith.mulf %half, %erf1 : f32
    %g = arith.mulf %in, %cdf : f32
    linalg.yield %g : f32
  } -> tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

// -----

// COM: The spellings of the exact form: x * 0.5 or 0.5 * x, (x * (1 + erf)) * 0.5,
// COM: commuted operands, 1/sqrt2 as a multiplication.
// CHECK-LABEL: func.func @erf_spellings
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK-DAG: %[[A:.+]] = gelu.gelu %[[X]] : f32
// CHECK-DAG: %[[B:.+]] = gelu.gelu %[[X]] : f32
// CHECK-DAG: %[[C:.+]] = gelu.gelu %[[X]] : f32
// CHECK-NOT: math.erf
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @erf_spellings(%x: f32) -> (f32, f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %sqrt2 = arith.constant 1.41421356 : f32
  // 0.5 * x * (1 + erf(x * 0.70710678))
  %a0 = arith.mulf %x, %rsqrt2 : f32
  %a1 = math.erf %a0 : f32
  %a2 = arith.addf %a1, %one : f32
  %a3 = arith.mulf %half, %x : f32
  %a = arith.mulf %a3, %a2 : f32
  // (x * (1 + erf(x / 1.41421356))) * 0.5
  %b0 = arith.divf %x, %sqrt2 : f32
  %b1 = math.erf %b0 : f32
  %b2 = arith.addf %one, %b1 : f32
  %b3 = arith.mulf %x, %b2 : f32
  %b = arith.mulf %b3, %half : f32
  // (1 + erf(0.70710678 * x)) * (x * 0.5)
  %c0 = arith.mulf %rsqrt2, %x : f32
  %c1 = math.erf %c0 : f32
  %c2 = arith.addf %c1, %one : f32
  %c3 = arith.mulf %x, %half : f32
  %c = arith.mulf %c2, %c3 : f32
  return %a, %b, %c : f32, f32, f32
}

// -----

// COM: erfc forms: 0.5 x erfc(-x/sqrt2) (negated x or negative constant), and
// COM: Phi(x) = 1 - 0.5 erfc(x/sqrt2); f64 literals.
// CHECK-LABEL: func.func @erfc_spellings
// CHECK-SAME: (%[[X:.+]]: vector<8xf64>)
// CHECK-DAG: %[[A:.+]] = gelu.gelu %[[X]] : vector<8xf64>
// CHECK-DAG: %[[B:.+]] = gelu.gelu %[[X]] : vector<8xf64>
// CHECK-DAG: %[[C:.+]] = gelu.gelu %[[X]] : vector<8xf64>
// CHECK-NOT: math.erfc
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @erfc_spellings(%x: vector<8xf64>) -> (vector<8xf64>, vector<8xf64>, vector<8xf64>) {
  %half = arith.constant dense<0.5> : vector<8xf64>
  %one = arith.constant dense<1.0> : vector<8xf64>
  %rsqrt2 = arith.constant dense<0.70710678118654757> : vector<8xf64>
  %mrsqrt2 = arith.constant dense<-0.70710678118654757> : vector<8xf64>
  %a0 = arith.mulf %x, %mrsqrt2 : vector<8xf64>
  %a1 = math.erfc %a0 : vector<8xf64>
  %a2 = arith.mulf %x, %half : vector<8xf64>
  %a = arith.mulf %a2, %a1 : vector<8xf64>
  %b0 = arith.negf %x : vector<8xf64>
  %b1 = arith.mulf %b0, %rsqrt2 : vector<8xf64>
  %b2 = math.erfc %b1 : vector<8xf64>
  %b3 = arith.mulf %half, %b2 : vector<8xf64>
  %b = arith.mulf %x, %b3 : vector<8xf64>
  %c0 = arith.mulf %x, %rsqrt2 : vector<8xf64>
  %c1 = math.erfc %c0 : vector<8xf64>
  %c2 = arith.mulf %c1, %half : vector<8xf64>
  %c3 = arith.subf %one, %c2 : vector<8xf64>
  %c = arith.mulf %c3, %x : vector<8xf64>
  return %a, %b, %c : vector<8xf64>, vector<8xf64>, vector<8xf64>
}

// -----

// COM: tanh forms: GPT-2 (x * x * x), PyTorch (powf(x, 3)), folded constants
// COM: with fpowi, and FastGELU's x * c * (1 + k x^2), on tensors.
// CHECK-LABEL: func.func @tanh_spellings
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-DAG: %[[A:.+]] = gelu.gelu %[[X]] approximation = tanh : tensor<4xf32>
// CHECK-DAG: %[[B:.+]] = gelu.gelu %[[X]] approximation = tanh : tensor<4xf32>
// CHECK-DAG: %[[C:.+]] = gelu.gelu %[[X]] approximation = tanh : tensor<4xf32>
// CHECK-DAG: %[[D:.+]] = gelu.gelu %[[X]] approximation = tanh : tensor<4xf32>
// CHECK-NOT: math.tanh
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @tanh_spellings(%x: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %half = arith.constant dense<0.5> : tensor<4xf32>
  %one = arith.constant dense<1.0> : tensor<4xf32>
  %three = arith.constant dense<3.0> : tensor<4xf32>
  %i3 = arith.constant dense<3> : tensor<4xi32>
  %k = arith.constant dense<0.044715> : tensor<4xf32>
  %c = arith.constant dense<0.797884583> : tensor<4xf32>
  %kc = arith.constant dense<0.0356774> : tensor<4xf32>
  // GPT-2: 0.5 * x * (1 + tanh(c * (x + k * x * x * x)))
  %a0 = arith.mulf %x, %x : tensor<4xf32>
  %a1 = arith.mulf %a0, %x : tensor<4xf32>
  %a2 = arith.mulf %k, %a1 : tensor<4xf32>
  %a3 = arith.addf %x, %a2 : tensor<4xf32>
  %a4 = arith.mulf %c, %a3 : tensor<4xf32>
  %a5 = math.tanh %a4 : tensor<4xf32>
  %a6 = arith.addf %one, %a5 : tensor<4xf32>
  %a7 = arith.mulf %half, %x : tensor<4xf32>
  %a = arith.mulf %a7, %a6 : tensor<4xf32>
  // PyTorch: inner = c * (x + k * pow(x, 3)); 0.5 * x * (1 + tanh(inner))
  %b0 = math.powf %x, %three : tensor<4xf32>
  %b1 = arith.mulf %b0, %k : tensor<4xf32>
  %b2 = arith.addf %b1, %x : tensor<4xf32>
  %b3 = arith.mulf %b2, %c : tensor<4xf32>
  %b4 = math.tanh %b3 : tensor<4xf32>
  %b5 = arith.addf %b4, %one : tensor<4xf32>
  %b6 = arith.mulf %x, %half : tensor<4xf32>
  %b = arith.mulf %b6, %b5 : tensor<4xf32>
  // Folded: tanh(0.0356774 * x^3 + 0.797884583 * x)
  %c0 = math.fpowi %x, %i3 : tensor<4xf32>, tensor<4xi32>
  %c1 = arith.mulf %kc, %c0 : tensor<4xf32>
  %c2 = arith.mulf %c, %x : tensor<4xf32>
  %c3 = arith.addf %c1, %c2 : tensor<4xf32>
  %c4 = math.tanh %c3 : tensor<4xf32>
  %c5 = arith.addf %c4, %one : tensor<4xf32>
  %c6 = arith.mulf %c5, %x : tensor<4xf32>
  %cc = arith.mulf %c6, %half : tensor<4xf32>
  // FastGELU: tanh(x * c * (1 + k * x * x))
  %d0 = arith.mulf %x, %x : tensor<4xf32>
  %d1 = arith.mulf %d0, %k : tensor<4xf32>
  %d2 = arith.addf %d1, %one : tensor<4xf32>
  %d3 = arith.mulf %x, %c : tensor<4xf32>
  %d4 = arith.mulf %d3, %d2 : tensor<4xf32>
  %d5 = math.tanh %d4 : tensor<4xf32>
  %d6 = arith.addf %d5, %one : tensor<4xf32>
  %d7 = arith.mulf %half, %x : tensor<4xf32>
  %d = arith.mulf %d7, %d6 : tensor<4xf32>
  return %a, %b, %cc, %d : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// COM: QuickGELU: x / (1 + exp(-1.702 x)) and x * (1 / (1 + exp(-1.702 x))).
// CHECK-LABEL: func.func @quick_gelu
// CHECK-SAME: (%[[X:.+]]: bf16)
// CHECK-DAG: %[[A:.+]] = gelu.gelu %[[X]] approximation = sigmoid : bf16
// CHECK-DAG: %[[B:.+]] = gelu.gelu %[[X]] approximation = sigmoid : bf16
// CHECK-NOT: math.exp
// CHECK: return %[[A]], %[[B]]
func.func @quick_gelu(%x: bf16) -> (bf16, bf16) {
  %one = arith.constant 1.0 : bf16
  %m = arith.constant -1.702 : bf16
  %a0 = arith.mulf %x, %m : bf16
  %a1 = math.exp %a0 : bf16
  %a2 = arith.addf %one, %a1 : bf16
  %a = arith.divf %x, %a2 : bf16
  %b0 = arith.mulf %m, %x : bf16
  %b1 = math.exp %b0 : bf16
  %b2 = arith.addf %b1, %one : bf16
  %b3 = arith.divf %one, %b2 : bf16
  %b = arith.mulf %x, %b3 : bf16
  return %a, %b : bf16, bf16
}

// -----

// COM: TOSA on tensors: the exact form as TOSA legalizations write it (erf,
// COM: broadcast constants, tosa.mul with its shift), and QuickGELU through
// COM: tosa.sigmoid.
// CHECK-LABEL: func.func @tosa
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xf32>)
// CHECK-DAG: %[[A:.+]] = gelu.gelu %[[X]] : tensor<2x8xf32>
// CHECK-DAG: %[[B:.+]] = gelu.gelu %[[X]] approximation = sigmoid : tensor<2x8xf32>
// CHECK-NOT: tosa.erf
// CHECK-NOT: tosa.sigmoid
// CHECK: return %[[A]], %[[B]]
func.func @tosa(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rsqrt2 = "tosa.const"() <{values = dense<0.707106769> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %half = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %k = "tosa.const"() <{values = dense<1.702> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %a0 = tosa.mul %x, %rsqrt2, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %a1 = tosa.erf %a0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %a2 = tosa.add %a1, %one : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %a3 = tosa.mul %x, %half, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %a = tosa.mul %a3, %a2, %shift : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %b0 = tosa.mul %x, %k, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %b1 = tosa.sigmoid %b0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %b = tosa.mul %x, %b1, %shift : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %a, %b : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// COM: Near misses are not raised: erf(x) without the 1/sqrt2, a wrong cubic
// COM: coefficient, tanh of something else, a truncated 0.7071 (1e-4 off,
// COM: beyond the 1e-5 tolerance), the erf of another value than the one
// COM: multiplied, and QuickGELU with 1.5.
// CHECK-LABEL: func.func @near_misses
// CHECK-NOT: gelu.gelu
// CHECK: return
func.func @near_misses(%x: f32, %y: f32) -> (f32, f32, f32, f32, f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %rough = arith.constant 0.7071 : f32
  %bad_k = arith.constant 0.04715 : f32
  %c = arith.constant 0.797884583 : f32
  %m15 = arith.constant -1.5 : f32
  %hx = arith.mulf %half, %x : f32
  // 0.5 x (1 + erf(x))
  %a0 = math.erf %x : f32
  %a1 = arith.addf %a0, %one : f32
  %a = arith.mulf %hx, %a1 : f32
  // 0.5 x (1 + tanh(c (x + 0.04715 x^3)))
  %b0 = arith.mulf %x, %x : f32
  %b1 = arith.mulf %b0, %x : f32
  %b2 = arith.mulf %bad_k, %b1 : f32
  %b3 = arith.addf %x, %b2 : f32
  %b4 = arith.mulf %c, %b3 : f32
  %b5 = math.tanh %b4 : f32
  %b6 = arith.addf %b5, %one : f32
  %b = arith.mulf %hx, %b6 : f32
  // 0.5 x (1 + tanh(x))
  %c0 = math.tanh %x : f32
  %c1 = arith.addf %c0, %one : f32
  %cc = arith.mulf %hx, %c1 : f32
  // 0.5 x (1 + erf(0.7071 x))
  %d0 = arith.mulf %x, %rough : f32
  %d1 = math.erf %d0 : f32
  %d2 = arith.addf %d1, %one : f32
  %d = arith.mulf %hx, %d2 : f32
  // 0.5 x (1 + erf(y / sqrt2))
  %e0 = arith.mulf %y, %rsqrt2 : f32
  %e1 = math.erf %e0 : f32
  %e2 = arith.addf %e1, %one : f32
  %e = arith.mulf %hx, %e2 : f32
  // x / (1 + exp(-1.5 x))
  %f0 = arith.mulf %x, %m15 : f32
  %f1 = math.exp %f0 : f32
  %f2 = arith.addf %one, %f1 : f32
  %f = arith.divf %x, %f2 : f32
  return %a, %b, %cc, %d, %e, %f : f32, f32, f32, f32, f32, f32
}

// -----

// COM: Shared intermediates: the erf is also returned, so the GELU is left as
// COM: written (raising would duplicate the erf or change what is returned).
// CHECK-LABEL: func.func @shared_erf
// CHECK-NOT: gelu.gelu
// CHECK: %[[ERF:.+]] = math.erf
// CHECK: return %{{.+}}, %[[ERF]]
func.func @shared_erf(%x: f32) -> (f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %t = arith.mulf %x, %rsqrt2 : f32
  %e = math.erf %t : f32
  %s = arith.addf %e, %one : f32
  %h = arith.mulf %x, %half : f32
  %g = arith.mulf %h, %s : f32
  return %g, %e : f32, f32
}

// -----

// COM: The 0.5 x is used elsewhere too: left as written.
// CHECK-LABEL: func.func @shared_half_x
// CHECK-NOT: gelu.gelu
func.func @shared_half_x(%x: f32) -> (f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %t = arith.mulf %x, %rsqrt2 : f32
  %e = math.erf %t : f32
  %s = arith.addf %e, %one : f32
  %h = arith.mulf %x, %half : f32
  %g = arith.mulf %h, %s : f32
  return %g, %h : f32, f32
}

// -----

// COM: The GELU result itself may have any number of users; a GEGLU (the
// COM: GELU times another value) raises the GELU and keeps the product.
// CHECK-LABEL: func.func @geglu
// CHECK-SAME: (%[[X:.+]]: f32, %[[GATE:.+]]: f32)
// CHECK: %[[G:.+]] = gelu.gelu %[[X]] : f32
// CHECK: %[[P:.+]] = arith.mulf %[[G]], %[[GATE]] : f32
// CHECK: return %[[P]], %[[G]]
func.func @geglu(%x: f32, %gate: f32) -> (f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %t = arith.mulf %x, %rsqrt2 : f32
  %e = math.erf %t : f32
  %s = arith.addf %e, %one : f32
  %h = arith.mulf %x, %half : f32
  %g = arith.mulf %h, %s : f32
  %p = arith.mulf %g, %gate : f32
  return %p, %g : f32, f32
}
