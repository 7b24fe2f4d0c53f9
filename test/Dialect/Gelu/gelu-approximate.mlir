// RUN: gelu-opt %s --split-input-file --gelu-approximate | FileCheck %s
// RUN: gelu-opt %s --split-input-file --gelu-approximate="fallback-per-lane=true" \
// RUN:   | FileCheck %s --check-prefix=PERLANE
// RUN: gelu-opt %s --split-input-file --gelu-approximate="hardware-tanh=true" \
// RUN:   | FileCheck %s --check-prefix=HWTANH

// COM: f32: the operand is clamped and widened, GELU is computed in f64 (a
// COM: degree-6 exp polynomial, a (4,5) rational, one division) and rounded
// COM: once; a NaN operand is returned as it is. Nothing but arith and
// COM: math.fma/absf/copysign remains: no call, no math.erf, math.exp or
// COM: math.tanh.
// CHECK-LABEL: func.func @exact_f32
// CHECK-SAME: (%[[X:.+]]: f32)
// COM: 1.5 * 2^52 + 1023: k comes with the exponent bias of 2^k.
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant 0x43380000000003FF : f64
// CHECK: %[[ABS:.+]] = math.absf %[[X]] : f32
// CHECK: %[[A32:.+]] = arith.select %{{.+}}, %{{.+}}, %[[ABS]] : f32
// CHECK: math.copysign %[[A32]], %[[X]] : f32
// CHECK: %[[A:.+]] = arith.extf %[[A32]] : f32 to f64
// CHECK: %[[KM:.+]] = math.fma %{{.+}}, %{{.+}}, %[[MAGIC]] : f64
// CHECK: %[[KBITS:.+]] = arith.bitcast %[[KM]] : f64 to i64
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.shli %[[KBITS]], %{{.+}} : i64
// CHECK-NEXT: arith.bitcast %[[SCALEBITS]] : i64 to f64
// CHECK: %[[R:.+]] = arith.divf %{{.+}}, %{{.+}} : f64
// CHECK: %[[POS:.+]] = arith.cmpf ogt, %[[X]], %{{.+}} : f32
// CHECK: %[[F64:.+]] = arith.select %[[POS]], %{{.+}}, %{{.+}} : f64
// CHECK: %[[ROUNDED:.+]] = arith.truncf %[[F64]] : f64 to f32
// CHECK: %[[Y:.+]] = arith.select %[[NAN:.+]], %[[X]], %[[ROUNDED]] : f32
// CHECK-NOT: gelu.gelu
// CHECK-NOT: math.erf
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: call
// CHECK: return %[[Y]]
func.func @exact_f32(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// COM: tanh: x / (1 + e) for x > 0 and x e / (1 + e) otherwise, with
// COM: e = exp(-|2u|): one division, no math.tanh.
// CHECK-LABEL: func.func @tanh_vector
// CHECK: arith.extf %{{.+}} : vector<8xf32> to vector<8xf64>
// CHECK: arith.negf %{{.+}} : vector<8xf64>
// CHECK: arith.divf %{{.+}}, %{{.+}} : vector<8xf64>
// CHECK: arith.truncf %{{.+}} : vector<8xf64> to vector<8xf32>
// CHECK-NOT: math.tanh
func.func @tanh_vector(%x: vector<8xf32>) -> vector<8xf32> {
  %y = gelu.gelu %x approximation = tanh : vector<8xf32>
  return %y : vector<8xf32>
}

// -----

// COM: bf16 and f16: extended to f32 and computed in f32 (the fast path),
// COM: rounded to bf16; lanes whose f32 result lies within 17 f32 ulps of a
// COM: bf16 rounding boundary (low 16 bits near 0x8000) take the f64 core,
// COM: rounded to f32 to odd (an inexact even result moves to its odd
// COM: neighbour) before the final truncation, so that the two roundings
// COM: equal one. The core runs only when some lane needs it.
// COM: |low - 0x8000| <= 17 is tested as (low - 32751) <= 34, unsigned.
// CHECK-LABEL: func.func @bf16_round_to_odd
// CHECK-DAG: %[[WIDTH:.+]] = arith.constant dense<34> : vector<4xi32>
// CHECK-DAG: %[[EDGE:.+]] = arith.constant dense<32751> : vector<4xi32>
// CHECK-DAG: %[[MASK:.+]] = arith.constant dense<65535> : vector<4xi32>
// CHECK: arith.extf %{{.+}} : vector<4xbf16> to vector<4xf32>
// CHECK: %[[LOW:.+]] = arith.andi %{{.+}}, %[[MASK]] : vector<4xi32>
// CHECK: %[[OFFSET:.+]] = arith.subi %[[LOW]], %[[EDGE]] : vector<4xi32>
// CHECK: arith.cmpi ule, %[[OFFSET]], %[[WIDTH]] : vector<4xi32>
// CHECK: %[[FAST:.+]] = arith.truncf %{{.+}} : vector<4xf32> to vector<4xbf16>
// COM: |x| < 2^-10 (f32 bits below 0x3a800000): x/2, its ties broken by the
// COM: sign (bits + 0x8000 - sign, the low half dropped), in place of the
// COM: fast path, and never sent to the f64 core.
// CHECK: %[[SMALL_BITS:.+]] = arith.bitcast %{{.+}} : vector<4xf32> to vector<4xi32>
// CHECK: %[[IS_SMALL:.+]] = arith.cmpi ult, %{{.+}}, %{{.+}} : vector<4xi32>
// CHECK: %[[HALF:.+]] = arith.mulf %{{.+}}, %{{.+}} : vector<4xf32>
// CHECK: %[[SMALL:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<4xi32>
// CHECK: %[[SMALL16:.+]] = arith.trunci %[[SMALL]] : vector<4xi32> to vector<4xi16>
// CHECK: %[[FAST16:.+]] = arith.bitcast %[[FAST]] : vector<4xbf16> to vector<4xi16>
// CHECK: %[[PICKED:.+]] = arith.select %[[IS_SMALL]], %[[SMALL16]], %[[FAST16]] : vector<4xi1>, vector<4xi16>
// CHECK: %[[ROUNDED:.+]] = arith.bitcast %[[PICKED]] : vector<4xi16> to vector<4xbf16>
// CHECK: %[[NOT_SMALL:.+]] = arith.xori %[[IS_SMALL]], %{{.+}} : vector<4xi1>
// CHECK: %[[FALLBACK:.+]] = arith.andi %{{.+}}, %[[NOT_SMALL]] : vector<4xi1>
// CHECK: %[[ANY:.+]] = vector.reduction <or>, %[[FALLBACK]] : vector<4xi1> into i1
// CHECK: %[[RESULT:.+]] = scf.if %[[ANY]] -> (vector<4xi16>) {
// CHECK:   %[[NEAREST:.+]] = arith.truncf %{{.+}} : vector<4xf64> to vector<4xf32>
// CHECK:   %[[BITS:.+]] = arith.bitcast %[[NEAREST]] : vector<4xf32> to vector<4xi32>
// CHECK:   arith.andi %[[BITS]], %{{.+}} : vector<4xi32>
// CHECK:   %[[ODD:.+]] = arith.bitcast %{{.+}} : vector<4xi32> to vector<4xf32>
// CHECK:   %[[ACCURATE:.+]] = arith.truncf %[[ODD]] : vector<4xf32> to vector<4xbf16>
// CHECK:   %[[MERGED:.+]] = arith.select %[[FALLBACK]], %[[ACCURATE]], %[[ROUNDED]]
// CHECK:   %[[MERGED_BITS:.+]] = arith.bitcast %[[MERGED]] : vector<4xbf16> to vector<4xi16>
// CHECK:   scf.yield %[[MERGED_BITS]]
// CHECK: } else {
// CHECK:   %[[ROUNDED_BITS:.+]] = arith.bitcast %[[ROUNDED]] : vector<4xbf16> to vector<4xi16>
// CHECK:   scf.yield %[[ROUNDED_BITS]]
// CHECK: }
// CHECK: %[[Y:.+]] = arith.bitcast %[[RESULT]] : vector<4xi16> to vector<4xbf16>
// CHECK: return %[[Y]]
func.func @bf16_round_to_odd(%x: vector<4xbf16>) -> vector<4xbf16> {
  %y = gelu.gelu %x : vector<4xbf16>
  return %y : vector<4xbf16>
}

// -----

// COM: An n-D vector: the lanes that need the f64 core are found by one
// COM: reduction over the flattened mask (vector.reduction is 1-D only).
// CHECK-LABEL: func.func @bf16_2d
// CHECK: %[[FLAT:.+]] = vector.shape_cast %{{.+}} : vector<2x3xi1> to vector<6xi1>
// CHECK: %[[ANY:.+]] = vector.reduction <or>, %[[FLAT]] : vector<6xi1> into i1
// CHECK: scf.if %[[ANY]] -> (vector<2x3xi16>)
// COM: fallback-per-lane: inside the scf.if on any lane, one scf.if per lane
// COM: with the scalar f64 core, its bits inserted into the vector.
// PERLANE-LABEL: func.func @bf16_2d
// PERLANE:   %[[FLAT:.+]] = vector.shape_cast %{{.+}} : vector<2x3xi1> to vector<6xi1>
// PERLANE:   %[[ANY:.+]] = vector.reduction <or>, %[[FLAT]] : vector<6xi1> into i1
// PERLANE:   scf.if %[[ANY]] -> (vector<2x3xi16>) {
// PERLANE:     %[[NEED0:.+]] = vector.extract %{{.+}}[0, 0] : i1 from vector<2x3xi1>
// PERLANE:     %[[LANE0:.+]] = scf.if %[[NEED0]] -> (i16) {
// PERLANE:       vector.extract %{{.+}}[0, 0] : f32 from vector<2x3xf32>
// PERLANE:       arith.truncf %{{.+}} : f64 to f32
// PERLANE:     vector.insert %[[LANE0]], %{{.+}} [0] : i16 into vector<6xi16>
// PERLANE:     vector.extract %{{.+}}[1, 2] : i1 from vector<2x3xi1>
// PERLANE:     %[[BITS:.+]] = vector.insert %{{.+}}, %{{.+}} [5] : i16 into vector<6xi16>
// PERLANE:     %[[SHAPED:.+]] = vector.shape_cast %[[BITS]] : vector<6xi16> to vector<2x3xi16>
// PERLANE:     scf.yield %[[SHAPED]]
func.func @bf16_2d(%x: vector<2x3xbf16>) -> vector<2x3xbf16> {
  %y = gelu.gelu %x : vector<2x3xbf16>
  return %y : vector<2x3xbf16>
}

// -----

// COM: f16 scalars: the same fast path; the rounding test compares the f16
// COM: roundings of y (1 - eps) and y (1 + eps) (f16's boundaries are not at
// COM: fixed f32 bits once its results are subnormal).
// CHECK-LABEL: func.func @f16_scalar_tanh
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: %[[LOWER:.+]] = arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[UPPER:.+]] = arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[LOWER_BITS:.+]] = arith.bitcast %[[LOWER]] : f16 to i16
// CHECK: %[[UPPER_BITS:.+]] = arith.bitcast %[[UPPER]] : f16 to i16
// CHECK: arith.cmpi ne, %[[LOWER_BITS]], %[[UPPER_BITS]] : i16
// CHECK: scf.if %{{.+}} -> (i16)
// CHECK: arith.truncf %{{.+}} : f32 to f16
func.func @f16_scalar_tanh(%x: f16) -> f16 {
  %y = gelu.gelu %x approximation = tanh : f16
  return %y : f16
}

// -----

// COM: f64: no wider type, so the amplifying steps are double-double: exact
// COM: products (fma residuals), TwoSum and a double-double division.
// CHECK-LABEL: func.func @exact_f64
// CHECK-NOT: arith.extf
// CHECK-COUNT-20: math.fma
// CHECK: arith.divf
// CHECK-NOT: arith.truncf
// CHECK: return
func.func @exact_f64(%x: f64) -> f64 {
  %y = gelu.gelu %x : f64
  return %y : f64
}

// -----

// CHECK-LABEL: func.func @tanh_f64_scalable
// CHECK: math.fma %{{.+}} : vector<[2]xf64>
// CHECK-NOT: gelu.gelu
func.func @tanh_f64_scalable(%x: vector<[2]xf64>) -> vector<[2]xf64> {
  %y = gelu.gelu %x approximation = tanh : vector<[2]xf64>
  return %y : vector<[2]xf64>
}

// -----

// CHECK-LABEL: func.func @static_tensor
// CHECK: arith.extf %{{.+}} : tensor<2x3xf32> to tensor<2x3xf64>
// CHECK-NOT: gelu.gelu
func.func @static_tensor(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = gelu.gelu %x : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// COM: Negative: dynamically shaped and unranked tensors are left for
// COM: convert-gelu-to-linalg.
// CHECK-LABEL: func.func @dynamic_tensor_is_left
// CHECK: gelu.gelu %{{.+}} : tensor<?xf32>
// CHECK: gelu.gelu %{{.+}} : tensor<*xf64>
// CHECK-NOT: math.fma
func.func @dynamic_tensor_is_left(%x: tensor<?xf32>, %u: tensor<*xf64>)
    -> (tensor<?xf32>, tensor<*xf64>) {
  %y = gelu.gelu %x : tensor<?xf32>
  %z = gelu.gelu %u : tensor<*xf64>
  return %y, %z : tensor<?xf32>, tensor<*xf64>
}

// -----

// COM: sigmoid (QuickGELU): the tanh-mode structure with w = 1.702 x.
// CHECK-LABEL: func.func @sigmoid_f32
// CHECK: arith.extf %{{.+}} : f32 to f64
// CHECK: arith.mulf %{{.+}}, %{{.+}} : f64
// CHECK: arith.divf %{{.+}}, %{{.+}} : f64
// CHECK: arith.truncf %{{.+}} : f64 to f32
// CHECK-NOT: math.exp
func.func @sigmoid_f32(%x: f32) -> f32 {
  %y = gelu.gelu %x approximation = sigmoid : f32
  return %y : f32
}

// -----

// CHECK-LABEL: func.func @sigmoid_f64
// CHECK-COUNT-10: math.fma
// CHECK-NOT: math.exp
func.func @sigmoid_f64(%x: f64) -> f64 {
  %y = gelu.gelu %x approximation = sigmoid : f64
  return %y : f64
}

// -----

// COM: hardware-tanh: tanh-mode GELU on f32 and narrower becomes the formula
// COM: with a math.tanh marked afn (NVPTX selects tanh.approx.f32 for it);
// COM: the exact form and f64 keep gelu-mlir's approximation.
// HWTANH-LABEL: func.func @hardware_tanh
// HWTANH-SAME:      (%[[X:.+]]: vector<4xf32>, %[[H:.+]]: vector<8xbf16>, %[[D:.+]]: f64)
// HWTANH:         %[[T:.+]] = math.tanh %{{.+}} fastmath<afn> : vector<4xf32>
// HWTANH:         arith.addf %[[T]], %{{.+}} fastmath<afn> : vector<4xf32>
// HWTANH:         arith.extf %[[H]] : vector<8xbf16> to vector<8xf32>
// HWTANH:         math.tanh %{{.+}} fastmath<afn> : vector<8xf32>
// HWTANH:         arith.truncf %{{.+}} : vector<8xf32> to vector<8xbf16>
// HWTANH-NOT:     math.tanh
// HWTANH:         math.fma
// HWTANH-NOT:     math.tanh
// HWTANH:         return
func.func @hardware_tanh(%x: vector<4xf32>, %h: vector<8xbf16>, %d: f64)
    -> (vector<4xf32>, vector<8xbf16>, f64, vector<4xf32>) {
  %a = gelu.gelu %x approximation = tanh : vector<4xf32>
  %b = gelu.gelu %h approximation = tanh : vector<8xbf16>
  %c = gelu.gelu %d approximation = tanh : f64
  %e = gelu.gelu %x : vector<4xf32>
  return %a, %b, %c, %e : vector<4xf32>, vector<8xbf16>, f64, vector<4xf32>
}
