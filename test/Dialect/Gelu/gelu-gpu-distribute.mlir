// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-distribute,canonicalize))" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-distribute{threads-per-block=32 elements-per-thread=2},canonicalize))" \
// RUN:   | FileCheck %s --check-prefix=SMALL
// RUN: not gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-distribute{threads-per-block=0}))" \
// RUN:   2>&1 | FileCheck %s --check-prefix=ZERO

// ZERO: error: gelu-gpu-distribute: threads-per-block must be positive

// COM: f32: 256 threads x 4 elements (16 bytes) per block; blocks in a 1-D
// COM: scf.forall, threads in a nested one; a full thread tile is read and
// COM: written unmasked, the partial one (the end of the data) masked.
// CHECK-DAG: #[[$BLOCKS:.+]] = affine_map<()[s0] -> (s0 ceildiv 1024)>
// CHECK-DAG: #[[$BLOCK_SIZE:.+]] = affine_map<()[s0, s1] -> (1024, s0 - s1 * 1024)>
// CHECK-DAG: #[[$THREAD_SIZE:.+]] = affine_map<(d0)[s0] -> (-d0 + s0, 4)>
// CHECK-LABEL: func.func @gelu_1d(
// CHECK-SAME:      %[[X:.+]]: tensor<?xf32>, %[[INIT:.+]]: tensor<?xf32>)
// CHECK:         %[[N:.+]] = tensor.dim %[[X]]
// CHECK:         %[[NUM_BLOCKS:.+]] = affine.apply #[[$BLOCKS]]()[%[[N]]]
// CHECK:         scf.forall (%[[B:.+]]) in (%[[NUM_BLOCKS]]) shared_outs(%[[OUT:.+]] = %[[INIT]])
// CHECK:           %[[BS:.+]] = affine.min #[[$BLOCK_SIZE]]()[%[[N]], %[[B]]]
// CHECK:           scf.forall (%[[T:.+]]) = (0) to (%[[BS]]) step (4)
// CHECK:             %[[TS:.+]] = affine.min #[[$THREAD_SIZE]](%[[T]])[%[[BS]]]
// CHECK:             %[[FULL:.+]] = arith.cmpi eq, %[[TS]], %c4
// CHECK:             scf.if %[[FULL]]
// CHECK:               %[[V:.+]] = vector.transfer_read {{.+}} {in_bounds = [true]} : tensor<?xf32>, vector<4xf32>
// CHECK:               %[[G:.+]] = gelu.gelu %[[V]] : vector<4xf32>
// CHECK:               vector.transfer_write %[[G]]
// CHECK:             } else {
// CHECK:               %[[MASK:.+]] = vector.create_mask %[[TS]] : vector<4xi1>
// CHECK:               vector.mask %[[MASK]] { vector.transfer_read
// CHECK:               gelu.gelu
// CHECK:               vector.mask %[[MASK]] { vector.transfer_write
// CHECK:             tensor.parallel_insert_slice
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:           tensor.parallel_insert_slice
// CHECK:         } {mapping = [#gpu.block<x>]}

// SMALL-LABEL: func.func @gelu_1d(
// SMALL:         scf.forall
// SMALL:           scf.forall (%{{.+}}) = (0) to (%{{.+}}) step (2)
// SMALL:             vector.transfer_read {{.+}} : tensor<?xf32>, vector<2xf32>
func.func @gelu_1d(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// COM: bf16 with a broadcast bias: 8 elements (16 bytes) per thread; blocks
// COM: numbered linearly over 8 rows x ceil(n / 2048) column chunks.
// CHECK-DAG: #[[$CHUNKS:.+]] = affine_map<()[s0] -> (s0 ceildiv 2048)>
// CHECK-DAG: #[[$ROWS_X_CHUNKS:.+]] = affine_map<()[s0] -> ((s0 ceildiv 2048) * 8)>
// CHECK-LABEL: func.func @bias_gelu_bf16(
// CHECK:         %[[N:.+]] = tensor.dim %{{.+}}, %c1
// CHECK:         %[[NUM_CHUNKS:.+]] = affine.apply #[[$CHUNKS]]()[%[[N]]]
// CHECK:         %[[NUM_BLOCKS:.+]] = affine.apply #[[$ROWS_X_CHUNKS]]()[%[[N]]]
// CHECK:         scf.forall (%[[B:.+]]) in (%[[NUM_BLOCKS]])
// CHECK:           %[[POS:.+]]:2 = affine.delinearize_index %[[B]] into (8, %[[NUM_CHUNKS]])
// CHECK:           tensor.extract_slice %{{.+}}[%[[POS]]#0, %{{.+}}] [1, %{{.+}}] [1, 1] : tensor<8x?xbf16> to tensor<1x?xbf16>
// CHECK:           scf.forall (%{{.+}}) = (0) to (%{{.+}}) step (8)
// CHECK:             scf.if
// CHECK:               vector.transfer_read {{.+}} : tensor<1x?xbf16>, vector<1x8xbf16>
// CHECK:               vector.transfer_read {{.+}} : tensor<?xbf16>, vector<1x8xbf16>
// CHECK:               arith.addf {{.+}} : vector<1x8xbf16>
// CHECK:               gelu.gelu {{.+}} approximation = tanh : vector<1x8xbf16>
// CHECK:             } else {
// CHECK:               vector.create_mask %c1, %{{.+}} : vector<1x8xi1>
func.func @bias_gelu_bf16(%x: tensor<8x?xbf16>, %b: tensor<?xbf16>,
                          %init: tensor<8x?xbf16>) -> tensor<8x?xbf16> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                       affine_map<(d0, d1) -> (d1)>,
                       affine_map<(d0, d1) -> (d0, d1)>],
      iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<8x?xbf16>, tensor<?xbf16>)
      outs(%init : tensor<8x?xbf16>) {
  ^bb0(%in: bf16, %bias: bf16, %out: bf16):
    %s = arith.addf %in, %bias : bf16
    %g = gelu.gelu %s approximation = tanh : bf16
    linalg.yield %g : bf16
  } -> tensor<8x?xbf16>
  return %r : tensor<8x?xbf16>
}

// -----

// COM: Not distributed: contractions, reductions, buffers (the pass runs
// COM: before bufferization), scalars.
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     scf.forall
// CHECK:         linalg.matmul
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK:         linalg.generic {{.*}}ins(%{{.+}} : memref<?xf32>)
// CHECK:         gelu.gelu %{{.+}} : tensor<f32>
func.func @left_alone(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>,
                      %c: tensor<4x16xf32>, %v: tensor<4x16xf32>,
                      %r: tensor<4xf32>, %m: memref<?xf32>,
                      %s: tensor<f32>) -> (tensor<4x16xf32>, tensor<4xf32>, tensor<f32>) {
  %mm = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>)
                      outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  %sum = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                       affine_map<(d0, d1) -> (d0)>],
      iterator_types = ["parallel", "reduction"]}
      ins(%v : tensor<4x16xf32>) outs(%r : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %add = arith.addf %in, %acc : f32
    linalg.yield %add : f32
  } -> tensor<4xf32>
  linalg.generic {
      indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = ["parallel"]}
      ins(%m : memref<?xf32>) outs(%m : memref<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  }
  %gs = gelu.gelu %s : tensor<f32>
  return %mm, %sum, %gs : tensor<4x16xf32>, tensor<4xf32>, tensor<f32>
}

// -----

// COM: Static shapes: a thread tile of known size is vectorized to exactly
// COM: its shape, without masks or versioning; the one-block, one-thread
// COM: loops stay (they are mapped), so the work stays on the GPU.
// CHECK-LABEL: func.func @one_thread
// CHECK:         scf.forall (%{{.+}}) in (1)
// CHECK:           scf.forall (%{{.+}}) = (0) to (4) step (4)
// CHECK-NOT:         scf.if
// CHECK-NOT:         vector.mask
// CHECK:             vector.transfer_read {{.+}} : tensor<4xf32>, vector<4xf32>
// CHECK:             gelu.gelu %{{.+}} : vector<4xf32>
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:         } {mapping = [#gpu.block<x>]}
func.func @one_thread(%x: tensor<4xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
      iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// COM: Rows of 7 f16 (8 per thread): one partial thread per row, of static
// COM: size 7 (this used to end in invalid IR, a tensor.cast inside a
// COM: vector.mask).
// CHECK-LABEL: func.func @partial_static_rows
// CHECK:         scf.forall (%{{.+}}) in (3)
// CHECK:           scf.forall
// CHECK-NOT:         vector.mask
// CHECK:             gelu.gelu %{{.+}} : vector<1x7xf16>
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:         } {mapping = [#gpu.block<x>]}
func.func @partial_static_rows(%x: tensor<3x7xf16>, %init: tensor<3x7xf16>)
    -> tensor<3x7xf16> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                       affine_map<(d0, d1) -> (d0, d1)>],
      iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<3x7xf16>) outs(%init : tensor<3x7xf16>) {
  ^bb0(%in: f16, %out: f16):
    %g = gelu.gelu %in approximation = tanh : f16
    linalg.yield %g : f16
  } -> tensor<3x7xf16>
  return %r : tensor<3x7xf16>
}

// -----

// COM: linalg.fill (an initial value) is distributed like any elementwise op.
// CHECK-LABEL: func.func @fill
// CHECK-NOT:     linalg.fill
// CHECK:         scf.forall
// CHECK:           scf.forall
// CHECK:             vector.transfer_write
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:         } {mapping = [#gpu.block<x>]}
func.func @fill(%init: tensor<?xf32>) -> tensor<?xf32> {
  %c = arith.constant 0.5 : f32
  %f = linalg.fill ins(%c : f32) outs(%init : tensor<?xf32>) -> tensor<?xf32>
  return %f : tensor<?xf32>
}
