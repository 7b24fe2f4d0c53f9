// GELU on bf16 tensors, vectors and scalars through gelu-cpu-pipeline and
// mlir-runner. main prints the bits of every input and result; check_values.py
// checks them against mpmath at 256 bits. Inputs: +-inf, NaN, +-0, the
// denormal +-1e-40 (-9.2e-41 in bf16), the far tails (-14.5 is near the underflow of the exact
// form), +-1e30 (x*x overflows), and the points in between.
//
// REQUIRES: mpmath
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.vector
// COM: gelu-approximate (the default): the f64 core rounded once to bf16
// COM: (through f32 rounded to odd): correctly rounded, within 0.5 ulp.
// RUN: %check-values --only exact --expect 120 --max-ulp 0.5 < %t.vector
// RUN: %check-values --only tanh --expect 120 --max-ulp 0.5 < %t.vector
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
// COM: The rare f64 fallback computed lane by lane (as gelu-gpu-pipeline
// COM: does, for registers): the same bits. (-14, the subnormals and NaN take
// COM: the fallback.)
// RUN: gelu-opt %s --pass-pipeline="builtin.module(func.func(convert-gelu-to-linalg,gelu-vectorize{vector-width=8},gelu-approximate{fallback-per-lane=true}),gelu-cpu-pipeline{vector-width=8})" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
// COM: 16 lanes: the static 24-element functions run one full tile and a
// COM: static 8-element remainder.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.vector -
//
// COM: The GPU distribution (gelu-gpu-distribute: blocks of 3 threads x 5
// COM: elements, full tiles unmasked, the last partial tile masked), run here
// COM: on the CPU as OpenMP loops, gives the same bits: 24-element inputs end
// COM: in a partial block with a partial thread.
// RUN: gelu-opt %s --pass-pipeline="builtin.module(func.func(convert-gelu-to-linalg,gelu-gpu-distribute{threads-per-block=3 elements-per-thread=5}),gelu-cpu-pipeline{vector-width=8 parallel=true})" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN:     -shared-libs=%omp_runtime \
// RUN: | diff %t.vector -
//
// RUN: gelu-opt %s \
// RUN:   --gelu-cpu-pipeline="gelu-lowering=expand math-approximation=false" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.expand
// COM: gelu-expand (the reference lowering, libm's erfcf and tanhf)
// COM: computes in f32 (within 3 + 1.3 x^2 f32 ulp in the exact form, see
// COM: gelu-f32.mlir) and rounds once to bf16, so both forms are within 1 bf16
// COM: ulp (the tanh form relative to x).
// RUN: %check-values --only exact --expect 120 --max-ulp 1 < %t.expand
// RUN: %check-values --only tanh --expect 120 --max-ulp 1 --relative-to-x \
// RUN:   < %t.expand

func.func @gelu_exact(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = gelu.gelu %x : tensor<?xbf16>
  return %y : tensor<?xbf16>
}

func.func @gelu_tanh(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xbf16>
  return %y : tensor<?xbf16>
}

// A static shape: the vector-width tiles and the remainder are static
// vectors (with vector-width=16, one tile of 16 and a remainder of 8).
func.func @gelu_static_exact(%x: tensor<24xbf16>) -> tensor<24xbf16> {
  %y = gelu.gelu %x : tensor<24xbf16>
  return %y : tensor<24xbf16>
}

func.func @gelu_static_tanh(%x: tensor<24xbf16>) -> tensor<24xbf16> {
  %y = gelu.gelu %x approximation = tanh : tensor<24xbf16>
  return %y : tensor<24xbf16>
}

// GELU on a 2-D vector (its fallback test reduces over every lane).
func.func @gelu_vector_2d(%x: tensor<24xbf16>, %tanh: i1) -> tensor<24xbf16> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : bf16
  %v = vector.transfer_read %x[%c0], %pad : tensor<24xbf16>, vector<24xbf16>
  %m = vector.shape_cast %v : vector<24xbf16> to vector<4x6xbf16>
  %y = scf.if %tanh -> vector<4x6xbf16> {
    %t = gelu.gelu %m approximation = tanh : vector<4x6xbf16>
    scf.yield %t : vector<4x6xbf16>
  } else {
    %e = gelu.gelu %m : vector<4x6xbf16>
    scf.yield %e : vector<4x6xbf16>
  }
  %f = vector.shape_cast %y : vector<4x6xbf16> to vector<24xbf16>
  %r = vector.transfer_write %f, %x[%c0] : vector<24xbf16>, tensor<24xbf16>
  return %r : tensor<24xbf16>
}

func.func @gelu_vector(%x: tensor<24xbf16>, %tanh: i1) -> tensor<24xbf16> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : bf16
  %v = vector.transfer_read %x[%c0], %pad : tensor<24xbf16>, vector<24xbf16>
  %y = scf.if %tanh -> vector<24xbf16> {
    %t = gelu.gelu %v approximation = tanh : vector<24xbf16>
    scf.yield %t : vector<24xbf16>
  } else {
    %e = gelu.gelu %v : vector<24xbf16>
    scf.yield %e : vector<24xbf16>
  }
  %r = vector.transfer_write %y, %x[%c0] : vector<24xbf16>, tensor<24xbf16>
  return %r : tensor<24xbf16>
}

func.func @gelu_scalar(%x: tensor<24xbf16>, %tanh: i1) -> tensor<24xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<24xbf16> {
    %xi = tensor.extract %x[%i] : tensor<24xbf16>
    %yi = scf.if %tanh -> bf16 {
      %t = gelu.gelu %xi approximation = tanh : bf16
      scf.yield %t : bf16
    } else {
      %e = gelu.gelu %xi : bf16
      scf.yield %e : bf16
    }
    %next = tensor.insert %yi into %acc[%i] : tensor<24xbf16>
    scf.yield %next : tensor<24xbf16>
  }
  return %r : tensor<24xbf16>
}

func.func @print_bits(%x: tensor<24xbf16>, %y: tensor<24xbf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 24 : index
  scf.for %i = %c0 to %n step %c1 {
    %xi = tensor.extract %x[%i] : tensor<24xbf16>
    %yi = tensor.extract %y[%i] : tensor<24xbf16>
    %xb = arith.bitcast %xi : bf16 to i16
    %yb = arith.bitcast %yi : bf16 to i16
    %v = vector.from_elements %xb, %yb : vector<2xi16>
    vector.print %v : vector<2xi16>
  }
  return
}

func.func @main() {
  // -inf, -1e30, -20, -14.5, -14, -10, -5, -3, -1, -0.5, -1e-40, -0,
  // 0, 1e-40, 0.5, 1, 3, 5, 10, 20, 1e30, inf, NaN, -2.5
  %x = arith.constant dense<[0xFF80, -1.0e30, -20.0, -14.5, -14.0, -10.0,
      -5.0, -3.0, -1.0, -0.5, -1.0e-40, -0.0, 0.0, 1.0e-40, 0.5, 1.0, 3.0,
      5.0, 10.0, 20.0, 1.0e30, 0x7F80, 0x7FC0, -2.5]> : tensor<24xbf16>
  %dyn = tensor.cast %x : tensor<24xbf16> to tensor<?xbf16>
  %false = arith.constant false
  %true = arith.constant true

  vector.print str "GELU bf16 exact\n"
  %e0 = call @gelu_exact(%dyn) : (tensor<?xbf16>) -> tensor<?xbf16>
  %e1 = tensor.cast %e0 : tensor<?xbf16> to tensor<24xbf16>
  call @print_bits(%x, %e1) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %e2 = call @gelu_vector(%x, %false) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %e2) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %e3 = call @gelu_scalar(%x, %false) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %e3) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %e4 = call @gelu_static_exact(%x) : (tensor<24xbf16>) -> tensor<24xbf16>
  call @print_bits(%x, %e4) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %e5 = call @gelu_vector_2d(%x, %false) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %e5) : (tensor<24xbf16>, tensor<24xbf16>) -> ()

  vector.print str "GELU bf16 tanh\n"
  %t0 = call @gelu_tanh(%dyn) : (tensor<?xbf16>) -> tensor<?xbf16>
  %t1 = tensor.cast %t0 : tensor<?xbf16> to tensor<24xbf16>
  call @print_bits(%x, %t1) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %t2 = call @gelu_vector(%x, %true) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %t2) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %t3 = call @gelu_scalar(%x, %true) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %t3) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %t4 = call @gelu_static_tanh(%x) : (tensor<24xbf16>) -> tensor<24xbf16>
  call @print_bits(%x, %t4) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  %t5 = call @gelu_vector_2d(%x, %true) : (tensor<24xbf16>, i1) -> tensor<24xbf16>
  call @print_bits(%x, %t5) : (tensor<24xbf16>, tensor<24xbf16>) -> ()
  return
}
