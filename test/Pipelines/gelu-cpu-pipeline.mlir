// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="vector-width=8 unroll=1 exact-f32-core=f64 logistic-f32-core=f64" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file --gelu-cpu-pipeline="vector-width=8 unroll=2" \
// RUN:   | FileCheck %s --check-prefix=UNROLL
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="gelu-lowering=expand math-approximation=false vector-width=1" \
// RUN:   | FileCheck %s --check-prefix=EXPAND
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="vector-width=8 unroll=1 parallel=true" \
// RUN:   | FileCheck %s --check-prefix=PARALLEL
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-cpu-pipeline="vector-width=8 unroll=1 fuse=false exact-f32-core=f64" \
// RUN:   | FileCheck %s --check-prefix=UNFUSED
// RUN: not gelu-opt %s --gelu-cpu-pipeline="gelu-lowering=fastest" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-OPTION

// BAD-OPTION: for the --gelu-lowering option: Cannot find option named 'fastest'!

// COM: Tensors in and out: function boundaries bufferized, the elementwise op
// COM: vectorized (8 f32 lanes, f64 core), everything in the LLVM dialect, no
// COM: calls, and the C wrapper kept.
// COM: unroll=2 (the default with AVX-512): two vectors per iteration.
// UNROLL-LABEL: llvm.func @tensor_in_tensor_out
// UNROLL: llvm.load %{{.+}} : !llvm.ptr -> vector<16xf32>
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

// -----

// COM: The FFN layer writing into an output buffer: fused (the default), the
// COM: matmul accumulates in the output and the epilogue rewrites it in place,
// COM: so nothing is allocated; the matmul is register-blocked (FMAs on
// COM: 2 x 8 lanes with vector-width=8, 6 rows). Its column of A
// COM: (vector<6x1xf32>) is read as six loads, not copied through a stack
// COM: buffer in every step of the reduction (convert-vector-to-scf{full-unroll}):
// COM: no alloca. Unfused, the raw matmul result is a buffer of its own.
// CHECK-LABEL: llvm.func @ffn
// CHECK-NOT: llvm.call @malloc
// CHECK-NOT: llvm.alloca
// CHECK: llvm.intr.fmuladd
// CHECK-NOT: llvm.call @malloc
// CHECK-NOT: llvm.alloca
// CHECK: llvm.return
// UNFUSED-LABEL: llvm.func @ffn
// UNFUSED: llvm.call @malloc
#rows = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @ffn(%xm: memref<48x64xf32>, %wm: memref<64x256xf32>,
               %bm: memref<256xf32>, %ym: memref<48x256xf32>)
    attributes {llvm.emit_c_interface} {
  %x = bufferization.to_tensor %xm restrict : memref<48x64xf32> to tensor<48x64xf32>
  %w = bufferization.to_tensor %wm restrict : memref<64x256xf32> to tensor<64x256xf32>
  %b = bufferization.to_tensor %bm restrict : memref<256xf32> to tensor<256xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x256xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<48x256xf32>) -> tensor<48x256xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<48x64xf32>, tensor<64x256xf32>)
                      outs(%acc : tensor<48x256xf32>) -> tensor<48x256xf32>
  %e2 = tensor.empty() : tensor<48x256xf32>
  %h = linalg.generic {indexing_maps = [#rows, #bias, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<48x256xf32>, tensor<256xf32>) outs(%e2 : tensor<48x256xf32>) {
  ^bb0(%m: f32, %bb: f32, %o: f32):
    %s = arith.addf %m, %bb : f32
    linalg.yield %s : f32
  } -> tensor<48x256xf32>
  %y = gelu.gelu %h : tensor<48x256xf32>
  bufferization.materialize_in_destination %y in restrict writable %ym
      : (tensor<48x256xf32>, memref<48x256xf32>) -> ()
  return
}
