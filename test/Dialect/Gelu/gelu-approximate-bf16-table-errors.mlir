// RUN: gelu-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-approximate{bf16-table}))"

// COM: On a function the pass cannot add the table to the module.
func.func @on_func(%x: vector<8xbf16>) -> vector<8xbf16> {
  // expected-error @+1 {{bf16-table adds its table of results to the nearest symbol table, which is outside the operation gelu-approximate runs on: run the pass on the module}}
  %y = gelu.gelu %x : vector<8xbf16>
  return %y : vector<8xbf16>
}

// -----

// COM: Ops that read no table are rewritten as usual.
func.func @f32_on_func(%x: vector<4xf32>) -> vector<4xf32> {
  %y = gelu.gelu %x : vector<4xf32>
  return %y : vector<4xf32>
}
