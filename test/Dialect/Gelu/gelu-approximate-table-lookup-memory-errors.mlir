// RUN: gelu-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-approximate{exact-f32-core=piecewise table-lookup=memory}))"

// COM: On a function the pass cannot add the global to the module.
func.func @on_func(%x: vector<4xf32>) -> vector<4xf32> {
  // expected-error @+1 {{table-lookup=memory adds the piecewise core's tables to the nearest symbol table, which is outside the operation gelu-approximate runs on: run the pass on the module}}
  %y = gelu.gelu %x : vector<4xf32>
  return %y : vector<4xf32>
}

// -----

// COM: Ops that take no tables are rewritten as usual.
func.func @tanh_on_func(%x: vector<4xf32>) -> vector<4xf32> {
  %y = gelu.gelu %x approximation = tanh : vector<4xf32>
  return %y : vector<4xf32>
}
