// A first gelu-mlir program: GELU (exact and tanh) of a tensor of inputs,
// compiled by gelu-cpu-pipeline and run by upstream mlir-runner. main prints
// one line per input with the bit patterns of x, GELU(x) and GELU_tanh(x)
// (exact, unlike vector.print's 6 decimal digits); scripts/run-example.sh
// decodes them and prints them next to mpmath's values.
//
//   gelu-opt docs/examples/gelu.mlir --gelu-cpu-pipeline \
//   | mlir-runner -e main -entry-point-result=void \
//       -shared-libs=libmlir_c_runner_utils.so,libmlir_runner_utils.so

func.func @gelu(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}

func.func @gelu_tanh(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xf32>
  return %y : tensor<?xf32>
}

func.func @main() {
  %input = arith.constant dense<[-10.0, -5.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0,
                                 3.0, 5.0]> : tensor<10xf32>
  %x = tensor.cast %input : tensor<10xf32> to tensor<?xf32>
  %exact = call @gelu(%x) : (tensor<?xf32>) -> tensor<?xf32>
  %tanh = call @gelu_tanh(%x) : (tensor<?xf32>) -> tensor<?xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  scf.for %i = %c0 to %c10 step %c1 {
    %xi = tensor.extract %x[%i] : tensor<?xf32>
    %ei = tensor.extract %exact[%i] : tensor<?xf32>
    %ti = tensor.extract %tanh[%i] : tensor<?xf32>
    %row = vector.from_elements %xi, %ei, %ti : vector<3xf32>
    %bits = arith.bitcast %row : vector<3xf32> to vector<3xi32>
    vector.print %bits : vector<3xi32>
  }
  return
}
