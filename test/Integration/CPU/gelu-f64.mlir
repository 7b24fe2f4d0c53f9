// GELU on f64 tensors, vectors and scalars through gelu-cpu-pipeline and
// mlir-runner. main prints the bits of every input and result; check_values.py
// checks them against mpmath at 256 bits. Inputs: +-inf, NaN, +-0, the
// denormal +-1e-310, the far tails (-38.5 is near the underflow of the exact
// form), +-1e300 (x*x overflows), and the points in between.
//
// REQUIRES: mpmath
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.vector
// COM: gelu-approximate (the default): double-double where rounding would be
// COM: amplified; within 1 ulp.
// RUN: %check-values --only exact --expect 72 --max-ulp 1 < %t.vector
// RUN: %check-values --only tanh --expect 72 --max-ulp 1 < %t.vector
//
// COM: Scalar code (vector-width=1), 8-lane code and unrolled 16-lane code
// COM: give the same bits.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=1" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.scalar
// RUN: diff %t.vector %t.scalar
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
//
// RUN: gelu-opt %s \
// RUN:   --gelu-cpu-pipeline="gelu-lowering=expand math-approximation=false" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.expand
// COM: gelu-expand (the reference lowering, with libm's erfc and tanh)
// COM: rounds z = -x/sqrt(2) (the product and the constant: relative error
// COM: 1.3 * 2^-p) before erfc; erfc's condition number 2z^2 = x^2 turns that
// COM: into 1.3 x^2 ulp in the negative tail. 3 ulp cover erfc and the two
// COM: products. Its tanh form cancels in 1 + tanh(u) for x < -3, so it is
// COM: accurate only relative to x there.
// RUN: %check-values --only exact --expect 72 --max-ulp 3 \
// RUN:   --tail-ulp-per-x2 1.3 < %t.expand
// RUN: %check-values --only tanh --expect 72 --max-ulp 4 --relative-to-x \
// RUN:   < %t.expand

func.func @gelu_exact(%x: tensor<?xf64>) -> tensor<?xf64> {
  %y = gelu.gelu %x : tensor<?xf64>
  return %y : tensor<?xf64>
}

func.func @gelu_tanh(%x: tensor<?xf64>) -> tensor<?xf64> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xf64>
  return %y : tensor<?xf64>
}

func.func @gelu_vector(%x: tensor<24xf64>, %tanh: i1) -> tensor<24xf64> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f64
  %v = vector.transfer_read %x[%c0], %pad : tensor<24xf64>, vector<24xf64>
  %y = scf.if %tanh -> vector<24xf64> {
    %t = gelu.gelu %v approximation = tanh : vector<24xf64>
    scf.yield %t : vector<24xf64>
  } else {
    %e = gelu.gelu %v : vector<24xf64>
    scf.yield %e : vector<24xf64>
  }
  %r = vector.transfer_write %y, %x[%c0] : vector<24xf64>, tensor<24xf64>
  return %r : tensor<24xf64>
}

func.func @gelu_scalar(%x: tensor<24xf64>, %tanh: i1) -> tensor<24xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<24xf64> {
    %xi = tensor.extract %x[%i] : tensor<24xf64>
    %yi = scf.if %tanh -> f64 {
      %t = gelu.gelu %xi approximation = tanh : f64
      scf.yield %t : f64
    } else {
      %e = gelu.gelu %xi : f64
      scf.yield %e : f64
    }
    %next = tensor.insert %yi into %acc[%i] : tensor<24xf64>
    scf.yield %next : tensor<24xf64>
  }
  return %r : tensor<24xf64>
}

func.func @print_bits(%x: tensor<24xf64>, %y: tensor<24xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  scf.for %i = %c0 to %n step %c1 {
    %xi = tensor.extract %x[%i] : tensor<24xf64>
    %yi = tensor.extract %y[%i] : tensor<24xf64>
    %xb = arith.bitcast %xi : f64 to i64
    %yb = arith.bitcast %yi : f64 to i64
    %v = vector.from_elements %xb, %yb : vector<2xi64>
    vector.print %v : vector<2xi64>
  }
  return
}

func.func @main() {
  // -inf, -1e300, -40, -38.5, -37, -20, -5, -3, -1, -0.5, -1e-310, -0,
  // 0, 1e-310, 0.5, 1, 3, 5, 10, 20, 1e300, inf, NaN, -2.5
  %x = arith.constant dense<[0xFFF0000000000000, -1.0e300, -40.0, -38.5, -37.0, -20.0,
      -5.0, -3.0, -1.0, -0.5, -1.0e-310, -0.0, 0.0, 1.0e-310, 0.5, 1.0, 3.0,
      5.0, 10.0, 20.0, 1.0e300, 0x7FF0000000000000, 0x7FF8000000000000, -2.5]> : tensor<24xf64>
  %dyn = tensor.cast %x : tensor<24xf64> to tensor<?xf64>
  %false = arith.constant false
  %true = arith.constant true

  vector.print str "GELU f64 exact\n"
  %e0 = call @gelu_exact(%dyn) : (tensor<?xf64>) -> tensor<?xf64>
  %e1 = tensor.cast %e0 : tensor<?xf64> to tensor<24xf64>
  call @print_bits(%x, %e1) : (tensor<24xf64>, tensor<24xf64>) -> ()
  %e2 = call @gelu_vector(%x, %false) : (tensor<24xf64>, i1) -> tensor<24xf64>
  call @print_bits(%x, %e2) : (tensor<24xf64>, tensor<24xf64>) -> ()
  %e3 = call @gelu_scalar(%x, %false) : (tensor<24xf64>, i1) -> tensor<24xf64>
  call @print_bits(%x, %e3) : (tensor<24xf64>, tensor<24xf64>) -> ()

  vector.print str "GELU f64 tanh\n"
  %t0 = call @gelu_tanh(%dyn) : (tensor<?xf64>) -> tensor<?xf64>
  %t1 = tensor.cast %t0 : tensor<?xf64> to tensor<24xf64>
  call @print_bits(%x, %t1) : (tensor<24xf64>, tensor<24xf64>) -> ()
  %t2 = call @gelu_vector(%x, %true) : (tensor<24xf64>, i1) -> tensor<24xf64>
  call @print_bits(%x, %t2) : (tensor<24xf64>, tensor<24xf64>) -> ()
  %t3 = call @gelu_scalar(%x, %true) : (tensor<24xf64>, i1) -> tensor<24xf64>
  call @print_bits(%x, %t3) : (tensor<24xf64>, tensor<24xf64>) -> ()
  return
}
