// GELU on f32 tensors, vectors and scalars through gelu-cpu-pipeline and
// mlir-runner. main prints the bits of every input and result; check_values.py
// checks them against mpmath at 256 bits. Inputs: +-inf, NaN, +-0, the
// denormal +-1e-40, the far tails (-14.5 is near the underflow of the exact
// form), +-1e30 (x*x overflows), and the points in between.
//
// REQUIRES: mpmath
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 exact-f32-core=f64 logistic-f32-core=f64" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.vector
// COM: gelu-approximate (the default) with the f64 cores: f32 is evaluated in
// COM: f64 and rounded once; gelu-accuracy --exhaustive measures 0.66 (exact)
// COM: and 0.52 ulp (tanh) over every input, so 1 ulp here.
// RUN: %check-values --only exact --expect 120 --max-ulp 1 < %t.vector
// RUN: %check-values --only tanh --expect 96 --max-ulp 1 < %t.vector
//
// COM: Scalar code (vector-width=1), 8-lane code and unrolled 16-lane code
// COM: give the same bits.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=1 exact-f32-core=f64 logistic-f32-core=f64" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.scalar
// RUN: diff %t.vector %t.scalar
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2 exact-f32-core=f64 logistic-f32-core=f64" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
// COM: 16 lanes: the static 24-element functions run one full tile and a
// COM: static 8-element remainder.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 exact-f32-core=f64 logistic-f32-core=f64" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
//
// COM: The GPU distribution (gelu-gpu-distribute: blocks of 3 threads x 5
// COM: elements, full tiles unmasked, the last partial tile masked), run here
// COM: on the CPU as OpenMP loops, gives the same bits: 24-element inputs end
// COM: in a partial block with a partial thread.
// RUN: gelu-opt %s --pass-pipeline="builtin.module(func.func(convert-gelu-to-linalg,gelu-gpu-distribute{threads-per-block=3 elements-per-thread=5}),gelu-cpu-pipeline{vector-width=8 parallel=true exact-f32-core=f64 logistic-f32-core=f64})" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN:     -shared-libs=%omp_runtime \
// RUN: | diff %t.vector -
//
// COM: With math.absf and math.copysign as integer sign-bit operations
// COM: (gelu-expand-sign-ops, as gelu-gpu-pipeline lowers them): the same bits,
// COM: infinities, NaN and signed zeros included.
// RUN: gelu-opt %s --pass-pipeline="builtin.module(func.func(convert-gelu-to-linalg,gelu-approximate,gelu-expand-sign-ops),gelu-cpu-pipeline{vector-width=8 exact-f32-core=f64 logistic-f32-core=f64})" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
//
// COM: The f32 cores: piecewise for exact mode (the default with AVX-512),
// COM: 1.60 ulp over every input, so 2 here; the logistic f32 core for tanh
// COM: mode (the default with AVX2), 1.29 ulp over every input, so 1.5
// COM: here. Scalar, 8-lane and 16-lane code give the same bits.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 exact-f32-core=piecewise logistic-f32-core=f32" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.piecewise
// RUN: %check-values --only exact --expect 120 --max-ulp 2 < %t.piecewise
// RUN: %check-values --only tanh --expect 96 --max-ulp 1.5 < %t.piecewise
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=1 exact-f32-core=piecewise logistic-f32-core=f32" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.piecewise -
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=2 exact-f32-core=piecewise logistic-f32-core=f32" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.piecewise -
// COM: Three vectors or more per iteration: the 24 elements of the dynamic
// COM: functions are a partial tile, run as one full vector of 16 and a
// COM: masked one of 8 (gelu-vectorize's single-vector remainder).
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=3 exact-f32-core=piecewise logistic-f32-core=f32" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.piecewise -
//
// COM: The logistic core's table variant (the default for tanh mode with
// COM: AVX-512), 1.50 ulp over every input; scalar code and a
// COM: single-vector remainder (unroll 3) give the same bits, and so do
// COM: the prefetches of gelu-prefetch.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 logistic-f32-core=f32-table prefetch-distance=4096" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.table
// RUN: %check-values --only tanh --expect 96 --max-ulp 1.5 < %t.table
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=1 logistic-f32-core=f32-table" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.table -
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=3 logistic-f32-core=f32-table" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.table -
//
// RUN: gelu-opt %s \
// RUN:   --gelu-cpu-pipeline="gelu-lowering=expand math-approximation=false" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.expand
// COM: gelu-expand (the reference lowering, with libm's erfcf and tanh)
// COM: rounds z = -x/sqrt(2) (the product and the constant: relative error
// COM: 1.3 * 2^-p) before erfc; erfc's condition number 2z^2 = x^2 turns that
// COM: into 1.3 x^2 ulp in the negative tail. 3 ulp cover erfcf and the two
// COM: products. Its tanh form cancels in 1 + tanh(u) for x < -3, so it is
// COM: accurate only relative to x there.
// RUN: %check-values --only exact --expect 120 --max-ulp 3 \
// RUN:   --tail-ulp-per-x2 1.3 < %t.expand
// RUN: %check-values --only tanh --expect 96 --max-ulp 4 --relative-to-x \
// RUN:   < %t.expand

func.func @gelu_exact(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}

func.func @gelu_tanh(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xf32>
  return %y : tensor<?xf32>
}

// A static shape: the vector-width tiles and the remainder are static
// vectors (with vector-width=16, one tile of 16 and a remainder of 8).
func.func @gelu_static_exact(%x: tensor<24xf32>) -> tensor<24xf32> {
  %y = gelu.gelu %x : tensor<24xf32>
  return %y : tensor<24xf32>
}

func.func @gelu_static_tanh(%x: tensor<24xf32>) -> tensor<24xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<24xf32>
  return %y : tensor<24xf32>
}

func.func @gelu_vector(%x: tensor<24xf32>, %tanh: i1) -> tensor<24xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %v = vector.transfer_read %x[%c0], %pad : tensor<24xf32>, vector<24xf32>
  %y = scf.if %tanh -> vector<24xf32> {
    %t = gelu.gelu %v approximation = tanh : vector<24xf32>
    scf.yield %t : vector<24xf32>
  } else {
    %e = gelu.gelu %v : vector<24xf32>
    scf.yield %e : vector<24xf32>
  }
  %r = vector.transfer_write %y, %x[%c0] : vector<24xf32>, tensor<24xf32>
  return %r : tensor<24xf32>
}

func.func @gelu_scalar(%x: tensor<24xf32>, %tanh: i1) -> tensor<24xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<24xf32> {
    %xi = tensor.extract %x[%i] : tensor<24xf32>
    %yi = scf.if %tanh -> f32 {
      %t = gelu.gelu %xi approximation = tanh : f32
      scf.yield %t : f32
    } else {
      %e = gelu.gelu %xi : f32
      scf.yield %e : f32
    }
    %next = tensor.insert %yi into %acc[%i] : tensor<24xf32>
    scf.yield %next : tensor<24xf32>
  }
  return %r : tensor<24xf32>
}

// GELU on a loop-carried tensor (as in a loop over layers): each iteration
// yields a new buffer (one-shot-bufferize{allow-return-allocs-from-loops},
// freed by buffer deallocation). main runs it once, so that the values are
// GELU(x).
func.func @gelu_in_loop(%x: tensor<24xf32>, %n: index) -> tensor<24xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<24xf32> {
    %y = gelu.gelu %acc : tensor<24xf32>
    scf.yield %y : tensor<24xf32>
  }
  return %r : tensor<24xf32>
}

func.func @print_bits(%x: tensor<24xf32>, %y: tensor<24xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  scf.for %i = %c0 to %n step %c1 {
    %xi = tensor.extract %x[%i] : tensor<24xf32>
    %yi = tensor.extract %y[%i] : tensor<24xf32>
    %xb = arith.bitcast %xi : f32 to i32
    %yb = arith.bitcast %yi : f32 to i32
    %v = vector.from_elements %xb, %yb : vector<2xi32>
    vector.print %v : vector<2xi32>
  }
  return
}

func.func @main() {
  // -inf, -1e30, -20, -14.5, -14, -10, -5, -3, -1, -0.5, -1e-40, -0,
  // 0, 1e-40, 0.5, 1, 3, 5, 10, 20, 1e30, inf, NaN, -2.5
  %x = arith.constant dense<[0xFF800000, -1.0e30, -20.0, -14.5, -14.0, -10.0,
      -5.0, -3.0, -1.0, -0.5, -1.0e-40, -0.0, 0.0, 1.0e-40, 0.5, 1.0, 3.0,
      5.0, 10.0, 20.0, 1.0e30, 0x7F800000, 0x7FC00000, -2.5]> : tensor<24xf32>
  %dyn = tensor.cast %x : tensor<24xf32> to tensor<?xf32>
  %false = arith.constant false
  %true = arith.constant true

  vector.print str "GELU f32 exact\n"
  %e0 = call @gelu_exact(%dyn) : (tensor<?xf32>) -> tensor<?xf32>
  %e1 = tensor.cast %e0 : tensor<?xf32> to tensor<24xf32>
  call @print_bits(%x, %e1) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %e2 = call @gelu_vector(%x, %false) : (tensor<24xf32>, i1) -> tensor<24xf32>
  call @print_bits(%x, %e2) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %e3 = call @gelu_scalar(%x, %false) : (tensor<24xf32>, i1) -> tensor<24xf32>
  call @print_bits(%x, %e3) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %e4 = call @gelu_static_exact(%x) : (tensor<24xf32>) -> tensor<24xf32>
  call @print_bits(%x, %e4) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %one = arith.constant 1 : index
  %e5 = call @gelu_in_loop(%x, %one) : (tensor<24xf32>, index) -> tensor<24xf32>
  call @print_bits(%x, %e5) : (tensor<24xf32>, tensor<24xf32>) -> ()

  vector.print str "GELU f32 tanh\n"
  %t0 = call @gelu_tanh(%dyn) : (tensor<?xf32>) -> tensor<?xf32>
  %t1 = tensor.cast %t0 : tensor<?xf32> to tensor<24xf32>
  call @print_bits(%x, %t1) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %t2 = call @gelu_vector(%x, %true) : (tensor<24xf32>, i1) -> tensor<24xf32>
  call @print_bits(%x, %t2) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %t3 = call @gelu_scalar(%x, %true) : (tensor<24xf32>, i1) -> tensor<24xf32>
  call @print_bits(%x, %t3) : (tensor<24xf32>, tensor<24xf32>) -> ()
  %t4 = call @gelu_static_tanh(%x) : (tensor<24xf32>) -> tensor<24xf32>
  call @print_bits(%x, %t4) : (tensor<24xf32>, tensor<24xf32>) -> ()
  return
}
