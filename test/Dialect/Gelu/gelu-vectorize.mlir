// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8}),canonicalize)" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8 unroll=2 parallel=true parallel-chunk=1024}),canonicalize)" \
// RUN:   | FileCheck %s --check-prefix=PARALLEL
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=8},canonicalize,cse,loop-invariant-subset-hoisting,canonicalize))" \
// RUN:   | FileCheck %s --check-prefix=HOISTED
// RUN: not gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-vectorize{vector-width=0}))" \
// RUN:   2>&1 | FileCheck %s --check-prefix=BAD-WIDTH

// BAD-WIDTH: error: gelu-vectorize: vector-width, unroll, parallel-chunk and the tile sizes must be positive

#id = affine_map<(d0) -> (d0)>

// COM: A dynamic 1-D elementwise op: full tiles of 8 without masks, then the
// COM: peeled remainder with masked transfers. The transfers read and write
// COM: the loop-carried tensor directly (slices folded into them).
// CHECK-LABEL: func.func @dynamic_1d
// CHECK: scf.for
// CHECK: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<?xf32>, vector<8xf32>
// CHECK: gelu.gelu %{{.+}} : vector<8xf32>
// CHECK: vector.transfer_write
// CHECK: scf.for
// CHECK: %[[MASK:.+]] = vector.create_mask %{{.+}} : vector<8xi1>
// CHECK: vector.mask %[[MASK]] { vector.transfer_read
// CHECK: gelu.gelu %{{.+}} : vector<8xf32>
// CHECK: vector.mask %[[MASK]] { vector.transfer_write
// CHECK-NOT: linalg.generic
// PARALLEL-LABEL: func.func @dynamic_1d
// PARALLEL: scf.forall
// PARALLEL: scf.for
// PARALLEL: gelu.gelu %{{.+}} : vector<16xf32>
// PARALLEL: scf.forall.in_parallel
func.func @dynamic_1d(%x: tensor<?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// COM: A 2-D op with a broadcast bias (the fused bias + GELU): rows by 1,
// COM: columns by 8; 3072 is a multiple of 8, so there is no remainder loop,
// COM: and the unit dimension is dropped (1-D vectors).
// CHECK-LABEL: func.func @bias_gelu_2d
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.transfer_read %{{.+}} : tensor<?x3072xf32>, vector<8xf32>
// CHECK: vector.transfer_read %{{.+}} : tensor<3072xf32>, vector<8xf32>
// CHECK: arith.addf %{{.+}}, %{{.+}} : vector<8xf32>
// CHECK: gelu.gelu %{{.+}} approximation = tanh : vector<8xf32>
// CHECK-NOT: vector.mask
// PARALLEL-LABEL: func.func @bias_gelu_2d
// PARALLEL: scf.forall (%{{.+}}) in (%{{.+}})
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @bias_gelu_2d(%x: tensor<?x3072xf32>, %b: tensor<3072xf32>,
                        %init: tensor<?x3072xf32>) -> tensor<?x3072xf32> {
  %y = linalg.generic {indexing_maps = [#map2, #bias, #map2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<?x3072xf32>, tensor<3072xf32>)
      outs(%init : tensor<?x3072xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    %g = gelu.gelu %s approximation = tanh : f32
    linalg.yield %g : f32
  } -> tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

// -----

// COM: A matmul: register blocks of 8 x 32 (the defaults) over k, as
// COM: vector.contract; a 64-row matmul fits one cache tile (48 x 256 is the
// COM: default), so the 16 x 64 one below is only blocked.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.for %{{.+}} = %c0 to %c16 step %c8
// CHECK: scf.for %{{.+}} = %c0 to %c64 step %c32
// CHECK: scf.for %{{.+}} = %c0 to %c8 step %c1
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-NOT: linalg.matmul
// PARALLEL-LABEL: func.func @matmul
// PARALLEL: vector.contract
func.func @matmul(%a: tensor<16x8xf32>, %b: tensor<8x64xf32>,
                  %c: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x64xf32>)
                     outs(%c : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

// COM: A matmul larger than a cache tile: column tiles of 256 outermost, row
// COM: tiles of 48, the partial last one (4 rows) peeled, so that it is one
// COM: static block of 4 x 32 (vector<4x1> x vector<1x32>), not scalar code.
// CHECK-LABEL: func.func @matmul_cache_tiles
// CHECK: scf.for %{{.+}} = %c0 to %c512 step %c256
// CHECK: scf.for %{{.+}} = %c0 to %c96 step %c48
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: tensor.extract_slice %{{.+}}[96, %{{.+}}] [4, 256]
// CHECK: vector.contract {{.*}} : vector<4x1xf32>, vector<1x32xf32> into vector<4x32xf32>
// CHECK-NOT: linalg.matmul
func.func @matmul_cache_tiles(%a: tensor<100x64xf32>, %b: tensor<64x512xf32>,
                              %c: tensor<100x512xf32>) -> tensor<100x512xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<100x64xf32>, tensor<64x512xf32>)
                     outs(%c : tensor<100x512xf32>) -> tensor<100x512xf32>
  return %0 : tensor<100x512xf32>
}

// -----

// COM: Rows of unknown number: full blocks of 8 rows (also in the last cache
// COM: tile, whose size is not known), then the fewer than 8 rows left in
// COM: blocks of 4, 2 and 1, each peeled from the next, and the columns past
// COM: the last full block of 32 (here 8 of 40) as a block of that width:
// COM: all vectorized without masks, no scalar matmul left.
// CHECK-LABEL: func.func @matmul_dynamic_rows
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.contract {{.*}} : vector<4x1xf32>, vector<1x32xf32> into vector<4x32xf32>
// CHECK: vector.contract {{.*}} : vector<2x1xf32>, vector<1x32xf32> into vector<2x32xf32>
// CHECK: vector.contract {{.*}} : vector<1xf32>, vector<1x32xf32> into vector<32xf32>
// CHECK: vector.contract {{.*}} : vector<1xf32>, vector<1x8xf32> into vector<8xf32>
// CHECK-NOT: linalg.matmul
// CHECK-NOT: vector.mask
func.func @matmul_dynamic_rows(%a: tensor<?x16xf32>, %b: tensor<16x40xf32>,
                               %c: tensor<?x40xf32>) -> tensor<?x40xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x16xf32>, tensor<16x40xf32>)
                     outs(%c : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %0 : tensor<?x40xf32>
}

// -----

// COM: A right-hand side with rows of a multiple of 4 KiB (4096 f32, 3072
// COM: f32): each column tile's panel (64 x 256) is copied into a contiguous
// COM: buffer once, before the row tiles (hoisted out of their loop), and the
// COM: blocks read the copy. Rows of 9 KiB (2304 f32) are read in place, and
// COM: so are rows of 16 KiB when there is a single row tile (nothing would
// COM: reuse the copy).
// CHECK-LABEL: func.func @matmul_packed_panel
// CHECK: scf.for %{{.+}} = %c0 to %c4096 step %c256
// CHECK: %[[PANEL:.+]] = linalg.copy ins(%{{.+}} : tensor<64x256xf32>) outs(%{{.+}} : tensor<64x256xf32>)
// CHECK: scf.for %{{.+}} = %c0 to %c96 step %c48
// CHECK: vector.transfer_read %[[PANEL]]
// CHECK-LABEL: func.func @matmul_packed_panel_12k
// CHECK: scf.for %{{.+}} = %c0 to %c3072 step %c256
// CHECK: %[[PANEL:.+]] = linalg.copy ins(%{{.+}} : tensor<64x256xf32>) outs(%{{.+}} : tensor<64x256xf32>)
// CHECK: scf.for %{{.+}} = %c0 to %c96 step %c48
// CHECK: vector.transfer_read %[[PANEL]]
// COM: With a partial last row tile (120 rows: 48 + 48 + 24), the partial
// COM: tile reads the copy made for the full ones.
// CHECK-LABEL: func.func @matmul_packed_panel_partial_rows
// CHECK: scf.for %{{.+}} = %c0 to %c3072 step %c256
// CHECK: %[[PANEL:.+]] = linalg.copy ins(%{{.+}} : tensor<64x256xf32>) outs(%{{.+}} : tensor<64x256xf32>)
// CHECK: scf.for %{{.+}} = %c0 to %c96 step %c48
// CHECK: vector.transfer_read %[[PANEL]]
// CHECK: tensor.extract_slice %{{.+}}[96, %{{.+}}] [24, 256]
// CHECK-NOT: linalg.copy
// CHECK: vector.transfer_read %[[PANEL]]
// CHECK-LABEL: func.func @matmul_unpacked_panel
// CHECK-NOT: linalg.copy
// CHECK-LABEL: func.func @matmul_single_row_tile
// CHECK-NOT: linalg.copy
func.func @matmul_packed_panel(%a: tensor<96x64xf32>, %b: tensor<64x4096xf32>,
                               %c: tensor<96x4096xf32>) -> tensor<96x4096xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<96x64xf32>, tensor<64x4096xf32>)
                     outs(%c : tensor<96x4096xf32>) -> tensor<96x4096xf32>
  return %0 : tensor<96x4096xf32>
}
func.func @matmul_packed_panel_12k(%a: tensor<96x64xf32>, %b: tensor<64x3072xf32>,
                                   %c: tensor<96x3072xf32>) -> tensor<96x3072xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<96x64xf32>, tensor<64x3072xf32>)
                     outs(%c : tensor<96x3072xf32>) -> tensor<96x3072xf32>
  return %0 : tensor<96x3072xf32>
}
func.func @matmul_packed_panel_partial_rows(%a: tensor<120x64xf32>, %b: tensor<64x3072xf32>,
                                            %c: tensor<120x3072xf32>) -> tensor<120x3072xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<120x64xf32>, tensor<64x3072xf32>)
                     outs(%c : tensor<120x3072xf32>) -> tensor<120x3072xf32>
  return %0 : tensor<120x3072xf32>
}
func.func @matmul_unpacked_panel(%a: tensor<96x64xf32>, %b: tensor<64x2304xf32>,
                                 %c: tensor<96x2304xf32>) -> tensor<96x2304xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<96x64xf32>, tensor<64x2304xf32>)
                     outs(%c : tensor<96x2304xf32>) -> tensor<96x2304xf32>
  return %0 : tensor<96x2304xf32>
}
func.func @matmul_single_row_tile(%a: tensor<16x64xf32>, %b: tensor<64x4096xf32>,
                                  %c: tensor<16x4096xf32>) -> tensor<16x4096xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x4096xf32>)
                     outs(%c : tensor<16x4096xf32>) -> tensor<16x4096xf32>
  return %0 : tensor<16x4096xf32>
}

// -----

// COM: A matmul whose accumulator is a fill: the fill goes into the cache
// COM: tiles with the matmul, and there into the register blocks, each of
// COM: which writes its splat right before its reduction loop; there is no
// COM: fill of the whole result or of a tile. With gelu-cpu-pipeline's next
// COM: passes (HOISTED) the reduction loop carries the accumulator as a
// COM: vector that starts from the splat, and the block is written once.
// COM: A fill with another use is vectorized whole, as an elementwise op.
// CHECK-LABEL: func.func @matmul_filled_accumulator
// CHECK-DAG: %[[ZERO4:.+]] = arith.constant dense<0.000000e+00> : vector<4x32xf32>
// CHECK-DAG: %[[ZERO8:.+]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[FILL8:.+]] = vector.transfer_write %[[ZERO8]], %{{.+}}[%c0, %{{.+}}] {in_bounds = [true, true]} : vector<8x32xf32>, tensor<8x256xf32>
// CHECK-NEXT: scf.for %{{.+}} = %c0 to %c64 step %c1 iter_args(%{{.+}} = %[[FILL8]])
// CHECK: %[[FILL4:.+]] = vector.transfer_write %[[ZERO4]], %{{.+}}[%c0, %{{.+}}] {in_bounds = [true, true]} : vector<4x32xf32>, tensor<4x256xf32>
// CHECK-NEXT: scf.for %{{.+}} = %c0 to %c64 step %c1 iter_args(%{{.+}} = %[[FILL4]])
// CHECK-NOT: linalg.fill
// CHECK-LABEL: func.func @matmul_filled_dynamic_rows
// CHECK-NOT: linalg.fill
// CHECK-LABEL: func.func @matmul_shared_fill
// CHECK: vector.transfer_write %{{.+}} : vector<8xf32>, tensor<16x64xf32>
// CHECK: vector.contract
// HOISTED-LABEL: func.func @matmul_filled_accumulator
// HOISTED-DAG: %[[ZERO4:.+]] = arith.constant dense<0.000000e+00> : vector<4x32xf32>
// HOISTED-DAG: %[[ZERO8:.+]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// HOISTED-NOT: vector.transfer_write %[[ZERO8]]
// HOISTED: %[[ACC8:.+]] = scf.for %{{.+}} = %c0 to %c64 step %c1 iter_args(%{{.+}} = %[[ZERO8]]) -> (vector<8x32xf32>)
// HOISTED: vector.transfer_write %[[ACC8]]
// HOISTED: %[[ACC4:.+]] = scf.for %{{.+}} = %c0 to %c64 step %c1 iter_args(%{{.+}} = %[[ZERO4]]) -> (vector<4x32xf32>)
// HOISTED: vector.transfer_write %[[ACC4]]
// HOISTED-NOT: vector.transfer_write %[[ZERO8]]
// HOISTED-NOT: vector.transfer_write %[[ZERO4]]
// COM: Rows known only at run time: the blocks of the last cache tile (8, 4
// COM: and 2 rows: dynamic shapes known by construction) start from splats
// COM: too; only blocks of one row read their zeros back from memory.
// HOISTED-LABEL: func.func @matmul_filled_dynamic_rows
// HOISTED-DAG: %[[Z2X8:.+]] = arith.constant dense<0.000000e+00> : vector<2x8xf32>
// HOISTED-DAG: %[[Z2X32:.+]] = arith.constant dense<0.000000e+00> : vector<2x32xf32>
// HOISTED-DAG: %[[Z4X8:.+]] = arith.constant dense<0.000000e+00> : vector<4x8xf32>
// HOISTED-DAG: %[[Z4X32:.+]] = arith.constant dense<0.000000e+00> : vector<4x32xf32>
// HOISTED-DAG: %[[Z8X8:.+]] = arith.constant dense<0.000000e+00> : vector<8x8xf32>
// HOISTED-DAG: %[[Z8X32:.+]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// HOISTED-NOT: linalg.fill
// HOISTED: iter_args(%{{.+}} = %[[Z8X32]]) -> (vector<8x32xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z8X8]]) -> (vector<8x8xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z8X32]]) -> (vector<8x32xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z8X8]]) -> (vector<8x8xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z4X32]]) -> (vector<4x32xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z4X8]]) -> (vector<4x8xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z2X32]]) -> (vector<2x32xf32>)
// HOISTED: iter_args(%{{.+}} = %[[Z2X8]]) -> (vector<2x8xf32>)
// HOISTED-NOT: linalg.fill
// HOISTED-LABEL: func.func @matmul_shared_fill
func.func @matmul_filled_accumulator(%a: tensor<100x64xf32>, %b: tensor<64x512xf32>)
    -> tensor<100x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<100x512xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<100x512xf32>) -> tensor<100x512xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<100x64xf32>, tensor<64x512xf32>)
                     outs(%acc : tensor<100x512xf32>) -> tensor<100x512xf32>
  return %0 : tensor<100x512xf32>
}
func.func @matmul_filled_dynamic_rows(%a: tensor<?x16xf32>, %b: tensor<16x40xf32>)
    -> tensor<?x40xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %rows = tensor.dim %a, %c0 : tensor<?x16xf32>
  %e = tensor.empty(%rows) : tensor<?x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<?x40xf32>) -> tensor<?x40xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<?x16xf32>, tensor<16x40xf32>)
                     outs(%acc : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %0 : tensor<?x40xf32>
}
func.func @matmul_shared_fill(%a: tensor<16x8xf32>, %b: tensor<8x64xf32>)
    -> (tensor<16x64xf32>, tensor<16x64xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x64xf32>)
                     outs(%acc : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %0, %acc : tensor<16x64xf32>, tensor<16x64xf32>
}

// -----

// COM: Negative: a reduction that is not a contraction, and ops on buffers,
// COM: are left alone.
// CHECK-LABEL: func.func @not_vectorized
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.
// PARALLEL-LABEL: func.func @not_vectorized
// PARALLEL-NOT: scf.forall
#id = affine_map<(d0) -> (d0)>
#sum_in = affine_map<(d0) -> (d0)>
#sum_out = affine_map<(d0) -> ()>
func.func @not_vectorized(%x: tensor<64xf32>, %s: tensor<f32>, %m: memref<?xf32>)
    -> tensor<f32> {
  %0 = linalg.generic {indexing_maps = [#sum_in, #sum_out], iterator_types = ["reduction"]}
      ins(%x : tensor<64xf32>) outs(%s : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]}
      outs(%m : memref<?xf32>) {
  ^bb0(%out: f32):
    %g = gelu.gelu %out : f32
    linalg.yield %g : f32
  }
  return %0 : tensor<f32>
}

// -----

// COM: A static shape that is not a multiple of the tile: the full tiles and
// COM: the remainder are vectors of static shapes, without masks (a masked
// COM: remainder of a static shape used to end in invalid IR: a tensor.cast
// COM: folded into its vector.mask).
// CHECK-LABEL: func.func @static_remainder
// CHECK: scf.for
// CHECK: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<23xf32>, vector<8xf32>
// CHECK: gelu.gelu %{{.+}} : vector<8xf32>
// CHECK: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<23xf32>, vector<7xf32>
// CHECK: gelu.gelu %{{.+}} : vector<7xf32>
// CHECK-NOT: vector.mask
// CHECK: return
// PARALLEL-LABEL: func.func @static_remainder
// PARALLEL: gelu.gelu %{{.+}} : vector<16xf32>
// PARALLEL: gelu.gelu %{{.+}} : vector<7xf32>
// PARALLEL-NOT: vector.mask
// PARALLEL: return
#id = affine_map<(d0) -> (d0)>
func.func @static_remainder(%x: tensor<23xf32>) -> tensor<23xf32> {
  %e = tensor.empty() : tensor<23xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<23xf32>) outs(%e : tensor<23xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<23xf32>
  return %y : tensor<23xf32>
}

// -----

// COM: Rows shorter than one tile: one static vector per row.
// CHECK-LABEL: func.func @smaller_than_a_tile
// CHECK: scf.for
// CHECK: vector.transfer_read %{{.+}} {in_bounds = [true]} : tensor<3x5xf32>, vector<5xf32>
// CHECK: gelu.gelu %{{.+}} : vector<5xf32>
// CHECK-NOT: vector.mask
// CHECK: return
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @smaller_than_a_tile(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %e = tensor.empty() : tensor<3x5xf32>
  %y = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<3x5xf32>) outs(%e : tensor<3x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
