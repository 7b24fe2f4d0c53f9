// RUN: gelu-opt %s --split-input-file --gelu-cpu-pipeline="vector-width=8" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="gelu-lowering=expand math-approximation=false vector-width=1" \
// RUN:   | FileCheck %s --check-prefix=EXPAND
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="vector-width=8 parallel=true" \
// RUN:   | FileCheck %s --check-prefix=PARALLEL
// RUN: not gelu-opt %s --gelu-cpu-pipeline="gelu-lowering=fastest" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-OPTION

// BAD-OPTION: for the --gelu-lowering option: Cannot find option named 'fastest'!

// COM: Tensors in and out: function boundaries bufferized, the elementwise op
// COM: vectorized (8 f32 lanes, f64 core), everything in the LLVM dialect, no
// COM: calls, and the C wrapper kept.
// CHECK-LABEL: llvm.func @tensor_in_tensor_out
// CHECK-NOT: gelu.gelu
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-NOT: bufferization.
// CHECK-NOT: llvm.call @erf
// CHECK: llvm.load %{{.+}} : !llvm.ptr -> vector<8xf32>
// CHECK: llvm.fpext %{{.+}} : vector<8xf32> to vector<8xf64>
// CHECK: llvm.intr.fma(%{{.+}}, %{{.+}}, %{{.+}}) : (vector<8xf64>, vector<8xf64>, vector<8xf64>) -> vector<8xf64>
// CHECK: llvm.fptrunc %{{.+}} : vector<8xf64> to vector<8xf32>
// CHECK: llvm.store %{{.+}} : vector<8xf32>, !llvm.ptr
// CHECK: llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_tensor_in_tensor_out
// CHECK: llvm.call @tensor_in_tensor_out
// EXPAND-LABEL: llvm.func @tensor_in_tensor_out
// EXPAND: llvm.call @erfcf
// PARALLEL-LABEL: llvm.func @tensor_in_tensor_out
// PARALLEL: omp.parallel
// PARALLEL: omp.wsloop
func.func @tensor_in_tensor_out(%x: tensor<?x3072xf32>) -> tensor<?x3072xf32>
    attributes {llvm.emit_c_interface} {
  %y = gelu.gelu %x : tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

// -----

// COM: A dynamic 1-D size: the peeled remainder uses masked loads and stores.
// CHECK-LABEL: llvm.func @dynamic_1d
// CHECK: llvm.load %{{.+}} : !llvm.ptr -> vector<8xf32>
// CHECK: llvm.intr.masked.load
// CHECK: llvm.intr.masked.store
func.func @dynamic_1d(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// COM: Memrefs: a linalg.generic on buffers with a scalar gelu.gelu in its
// COM: body becomes a scalar loop (vectorization works on tensors).
// CHECK-LABEL: llvm.func @memref_generic
// CHECK-NOT: gelu.gelu
// CHECK-NOT: llvm.call
// CHECK: llvm.fpext %{{.+}} : f32 to f64
// CHECK: llvm.store %{{.+}} : f32, !llvm.ptr
// CHECK-LABEL: llvm.func @_mlir_ciface_memref_generic
// EXPAND-LABEL: llvm.func @memref_generic
// COM: math.tanh becomes LLVM's tanh intrinsic, which codegen turns into tanhf.
// EXPAND: llvm.intr.tanh
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

// COM: Scalars, f64: double-double arithmetic, no calls.
// CHECK-LABEL: llvm.func @scalar_f64
// CHECK-SAME: (%{{.+}}: f64) -> f64
// CHECK-NOT: llvm.call
// CHECK: llvm.intr.fma
// EXPAND-LABEL: llvm.func @scalar_f64
// EXPAND: llvm.call @erfc(%{{.+}}) : (f64) -> f64
func.func @scalar_f64(%x: f64) -> f64 {
  %y = gelu.gelu %x : f64
  return %y : f64
}

// -----

// COM: bf16 is computed through the f64 core; the conversions are integer
// COM: arithmetic (no fptrunc to bf16).
// CHECK-LABEL: llvm.func @tensor_bf16
// CHECK-NOT: llvm.fptrunc %{{.+}} : vector<8xf32> to vector<8xbf16>
// CHECK: llvm.lshr
// EXPAND-LABEL: llvm.func @tensor_bf16
// EXPAND: llvm.call @erfcf
func.func @tensor_bf16(%x: tensor<16xbf16>) -> tensor<16xbf16> {
  %y = gelu.gelu %x : tensor<16xbf16>
  return %y : tensor<16xbf16>
}
