// RUN: gelu-opt %s --split-input-file --gelu-cpu-pipeline | FileCheck %s
// RUN: not gelu-opt %s --gelu-cpu-pipeline="gelu-lowering=fastest" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-OPTION

// BAD-OPTION: for the --gelu-lowering option: Cannot find option named 'fastest'!

// COM: Tensors in and out, function boundaries bufferized, everything lowered
// COM: to the LLVM dialect, with the C wrapper kept.
// CHECK-LABEL: llvm.func @tensor_in_tensor_out
// CHECK-NOT: gelu.gelu
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-NOT: bufferization.
// CHECK: llvm.call @erfcf
// CHECK: llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_tensor_in_tensor_out
// CHECK: llvm.call @tensor_in_tensor_out
func.func @tensor_in_tensor_out(%x: tensor<?x3072xf32>) -> tensor<?x3072xf32>
    attributes {llvm.emit_c_interface} {
  %y = gelu.gelu %x : tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

// -----

// COM: Memrefs: a linalg.generic on buffers with a scalar gelu.gelu in its body.
// CHECK-LABEL: llvm.func @memref_generic
// CHECK-NOT: gelu.gelu
// CHECK: llvm.call @tanhf
// CHECK: llvm.store
// CHECK-LABEL: llvm.func @_mlir_ciface_memref_generic
#id = affine_map<(d0) -> (d0)>
func.func @memref_generic(%x: memref<?xf32>, %y: memref<?xf32>)
    attributes {llvm.emit_c_interface} {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in approximation = tanh : f32
    linalg.yield %g : f32
  }
  return
}

// -----

// COM: Scalars, f64.
// CHECK-LABEL: llvm.func @scalar_f64
// CHECK-SAME: (%{{.+}}: f64) -> f64
// CHECK: llvm.call @erfc(%{{.+}}) : (f64) -> f64
func.func @scalar_f64(%x: f64) -> f64 {
  %y = gelu.gelu %x : f64
  return %y : f64
}

// -----

// COM: bf16 is computed in f32; the conversions are integer arithmetic.
// CHECK-LABEL: llvm.func @tensor_bf16
// CHECK-NOT: llvm.fptrunc
// CHECK: llvm.call @erfcf
// CHECK: llvm.lshr
func.func @tensor_bf16(%x: tensor<16xbf16>) -> tensor<16xbf16> {
  %y = gelu.gelu %x : tensor<16xbf16>
  return %y : tensor<16xbf16>
}
