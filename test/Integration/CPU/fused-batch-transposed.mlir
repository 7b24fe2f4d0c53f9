// batch_matmul + bias + GELU (exact) and a matmul with a transposed right
// operand (PyTorch's Linear weight, [out, in]) + bias + GELU (tanh), fused by
// gelu-fuse into the matmul's tiles (tile-m=4 tile-n=16: 20 x 40 outputs
// have a partial column tile, the 10-row layer below a partial row tile),
// and the transposed form with
// a number of rows unknown at compile time, and a layer 4096 wide (rows of
// the weights 16 KiB apart, which gelu-vectorize copies panel by panel into
// contiguous buffers when several row tiles reuse them: 10 rows in tiles of
// 4 below), run with mlir-runner.
//
// The inputs are multiples of 1/8 in [-1, 1] and K = 24, so every product
// and partial sum is exact in f32: the pre-activation h is exact whatever
// order the fused tiles accumulate in, and the results are checked against
// GELU(h) computed by mpmath (check_values.py) with the bound of the
// pipeline's exact f32 core (2 ulp: the piecewise core with AVX-512; the f64
// core, 1 ulp, elsewhere; tanh mode 1.5 ulp: the table core with AVX-512,
// 1.50 over every input, and the f32 core, 1.29, elsewhere). h is printed
// from an unfused function (no GELU) next to each result.
//
// REQUIRES: mpmath
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 tile-m=4 tile-n=16" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.fused
// RUN: %check-values --only exact --expect 42560 --max-ulp 2 < %t.fused
// RUN: %check-values --only tanh --expect 1600 --max-ulp 1.5 < %t.fused
//
// COM: 16 lanes, default tiles (one partial tile), register blocks wider
// COM: than the cache tile's columns (48 of 24) and not dividing them, and
// COM: without fusion: the same bits (h is exact, so nothing may differ).
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.fused -
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 micro-m=6 micro-n=48 tile-m=16 tile-n=24" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.fused -
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 fuse=false" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.fused -
//
// COM: The fused form is what runs: one loop nest per function, no buffer of
// COM: the raw matmul result.
// RUN: gelu-opt %s --pass-pipeline="builtin.module(func.func(convert-gelu-to-linalg,convert-elementwise-to-linalg,gelu-fuse{tile-m=8 tile-n=16}))" \
// RUN: | FileCheck %s --check-prefix=FUSED
// FUSED-LABEL: func.func @batch_gelu
// FUSED: scf.for
// FUSED: linalg.batch_matmul
// FUSED: gelu.gelu
// FUSED-LABEL: func.func @transposed_gelu
// FUSED: scf.for
// FUSED: linalg.matmul indexing_maps
// FUSED: gelu.gelu

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#bias2 = affine_map<(d0, d1) -> (d1)>
#bias3 = affine_map<(d0, d1, d2) -> (d2)>
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs_t = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>

// h = x W + b for each of 2 batches.
func.func @batch_h(%x: tensor<2x20x24xf32>, %w: tensor<2x24x40xf32>,
                   %b: tensor<40xf32>) -> tensor<2x20x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x20x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x20x40xf32>) -> tensor<2x20x40xf32>
  %mm = linalg.batch_matmul ins(%x, %w : tensor<2x20x24xf32>, tensor<2x24x40xf32>)
                            outs(%acc : tensor<2x20x40xf32>) -> tensor<2x20x40xf32>
  %h = linalg.generic {indexing_maps = [#id3, #bias3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%mm, %b : tensor<2x20x40xf32>, tensor<40xf32>) outs(%e : tensor<2x20x40xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<2x20x40xf32>
  return %h : tensor<2x20x40xf32>
}

func.func @batch_gelu(%x: tensor<2x20x24xf32>, %w: tensor<2x24x40xf32>,
                      %b: tensor<40xf32>) -> tensor<2x20x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x20x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x20x40xf32>) -> tensor<2x20x40xf32>
  %mm = linalg.batch_matmul ins(%x, %w : tensor<2x20x24xf32>, tensor<2x24x40xf32>)
                            outs(%acc : tensor<2x20x40xf32>) -> tensor<2x20x40xf32>
  %h = linalg.generic {indexing_maps = [#id3, #bias3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%mm, %b : tensor<2x20x40xf32>, tensor<40xf32>) outs(%e : tensor<2x20x40xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<2x20x40xf32>
  %y = gelu.gelu %h : tensor<2x20x40xf32>
  return %y : tensor<2x20x40xf32>
}

// h = a Wt^T + b, Wt stored [out, in].
func.func @transposed_h(%a: tensor<20x24xf32>, %wt: tensor<40x24xf32>,
                        %b: tensor<40xf32>) -> tensor<20x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<20x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<20x40xf32>) -> tensor<20x40xf32>
  %mm = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
                      ins(%a, %wt : tensor<20x24xf32>, tensor<40x24xf32>)
                      outs(%acc : tensor<20x40xf32>) -> tensor<20x40xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<20x40xf32>, tensor<40xf32>) outs(%e : tensor<20x40xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<20x40xf32>
  return %h : tensor<20x40xf32>
}

func.func @transposed_gelu(%a: tensor<20x24xf32>, %wt: tensor<40x24xf32>,
                           %b: tensor<40xf32>) -> tensor<20x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<20x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<20x40xf32>) -> tensor<20x40xf32>
  %mm = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
                      ins(%a, %wt : tensor<20x24xf32>, tensor<40x24xf32>)
                      outs(%acc : tensor<20x40xf32>) -> tensor<20x40xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<20x40xf32>, tensor<40xf32>) outs(%e : tensor<20x40xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<20x40xf32>
  %y = gelu.gelu %h approximation = tanh : tensor<20x40xf32>
  return %y : tensor<20x40xf32>
}

// The same with a number of rows unknown at compile time (tokens): full
// blocks of rows, then the rows left one at a time.
func.func @transposed_gelu_dynamic(%a: tensor<?x24xf32>, %wt: tensor<40x24xf32>,
                                   %b: tensor<40xf32>) -> tensor<?x40xf32> {
  %c0 = arith.constant 0 : index
  %rows = tensor.dim %a, %c0 : tensor<?x24xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%rows) : tensor<?x40xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<?x40xf32>) -> tensor<?x40xf32>
  %mm = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
                      ins(%a, %wt : tensor<?x24xf32>, tensor<40x24xf32>)
                      outs(%acc : tensor<?x40xf32>) -> tensor<?x40xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<?x40xf32>, tensor<40xf32>) outs(%e : tensor<?x40xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<?x40xf32>
  %y = gelu.gelu %h approximation = tanh : tensor<?x40xf32>
  return %y : tensor<?x40xf32>
}

// A right-hand side with rows of 16 KiB (4096 columns), whose panels
// gelu-vectorize copies into contiguous buffers; h alone and the layer.
func.func @wide_h(%a: tensor<10x16xf32>, %w: tensor<16x4096xf32>,
                  %b: tensor<4096xf32>) -> tensor<10x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x4096xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<10x4096xf32>) -> tensor<10x4096xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<10x16xf32>, tensor<16x4096xf32>)
                      outs(%acc : tensor<10x4096xf32>) -> tensor<10x4096xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<10x4096xf32>, tensor<4096xf32>) outs(%e : tensor<10x4096xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<10x4096xf32>
  return %h : tensor<10x4096xf32>
}

func.func @wide_gelu(%a: tensor<10x16xf32>, %w: tensor<16x4096xf32>,
                     %b: tensor<4096xf32>) -> tensor<10x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x4096xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<10x4096xf32>) -> tensor<10x4096xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<10x16xf32>, tensor<16x4096xf32>)
                      outs(%acc : tensor<10x4096xf32>) -> tensor<10x4096xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<10x4096xf32>, tensor<4096xf32>) outs(%e : tensor<10x4096xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<10x4096xf32>
  %y = gelu.gelu %h : tensor<10x4096xf32>
  return %y : tensor<10x4096xf32>
}

// ((c0 i + c1 j + c2 k) mod 17 - 8) / 8: multiples of 1/8 in [-1, 1].
func.func @fill3(%e: tensor<?x?x?xf32>, %c0: index, %c1: index, %c2: index) -> tensor<?x?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id3], iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%e : tensor<?x?x?xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %k = linalg.index 2 : index
    %a = arith.muli %i, %c0 : index
    %b = arith.muli %j, %c1 : index
    %c = arith.muli %k, %c2 : index
    %s0 = arith.addi %a, %b : index
    %s = arith.addi %s0, %c : index
    %c17 = arith.constant 17 : index
    %c8 = arith.constant 8 : index
    %m = arith.remui %s, %c17 : index
    %v = arith.subi %m, %c8 : index
    %vi = arith.index_cast %v : index to i32
    %vf = arith.sitofp %vi : i32 to f32
    %eighth = arith.constant 0.125 : f32
    %r = arith.mulf %vf, %eighth : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}

func.func @print(%h: tensor<?xf32>, %y: tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = tensor.dim %h, %c0 : tensor<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %hi = tensor.extract %h[%i] : tensor<?xf32>
    %yi = tensor.extract %y[%i] : tensor<?xf32>
    %hb = arith.bitcast %hi : f32 to i32
    %yb = arith.bitcast %yi : f32 to i32
    %v = vector.from_elements %hb, %yb : vector<2xi32>
    vector.print %v : vector<2xi32>
  }
  return
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %c11 = arith.constant 11 : index
  %c20 = arith.constant 20 : index
  %c24 = arith.constant 24 : index
  %c40 = arith.constant 40 : index

  %xe = tensor.empty(%c2, %c20, %c24) : tensor<?x?x?xf32>
  %xd = call @fill3(%xe, %c5, %c7, %c3) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %x = tensor.cast %xd : tensor<?x?x?xf32> to tensor<2x20x24xf32>
  %we = tensor.empty(%c2, %c24, %c40) : tensor<?x?x?xf32>
  %wd = call @fill3(%we, %c3, %c11, %c2) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %w = tensor.cast %wd : tensor<?x?x?xf32> to tensor<2x24x40xf32>
  %be = tensor.empty(%c1, %c1, %c40) : tensor<?x?x?xf32>
  %bd = call @fill3(%be, %c1, %c1, %c5) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %b = tensor.collapse_shape %bd [[0, 1, 2]] : tensor<?x?x?xf32> into tensor<?xf32>
  %bias = tensor.cast %b : tensor<?xf32> to tensor<40xf32>

  vector.print str "GELU f32 exact batch\n"
  %h3 = call @batch_h(%x, %w, %bias) : (tensor<2x20x24xf32>, tensor<2x24x40xf32>, tensor<40xf32>) -> tensor<2x20x40xf32>
  %y3 = call @batch_gelu(%x, %w, %bias) : (tensor<2x20x24xf32>, tensor<2x24x40xf32>, tensor<40xf32>) -> tensor<2x20x40xf32>
  %h3f = tensor.collapse_shape %h3 [[0, 1, 2]] : tensor<2x20x40xf32> into tensor<1600xf32>
  %y3f = tensor.collapse_shape %y3 [[0, 1, 2]] : tensor<2x20x40xf32> into tensor<1600xf32>
  %h3d = tensor.cast %h3f : tensor<1600xf32> to tensor<?xf32>
  %y3d = tensor.cast %y3f : tensor<1600xf32> to tensor<?xf32>
  call @print(%h3d, %y3d) : (tensor<?xf32>, tensor<?xf32>) -> ()

  // The first batch of x as the left operand; W^T built as [out, in].
  %a = tensor.extract_slice %x[0, 0, 0] [1, 20, 24] [1, 1, 1] : tensor<2x20x24xf32> to tensor<20x24xf32>
  %wte = tensor.empty(%c1, %c40, %c24) : tensor<?x?x?xf32>
  %wtd = call @fill3(%wte, %c1, %c11, %c3) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %wt3 = tensor.cast %wtd : tensor<?x?x?xf32> to tensor<1x40x24xf32>
  %wt = tensor.collapse_shape %wt3 [[0, 1], [2]] : tensor<1x40x24xf32> into tensor<40x24xf32>

  vector.print str "GELU f32 tanh transposed\n"
  %h2 = call @transposed_h(%a, %wt, %bias) : (tensor<20x24xf32>, tensor<40x24xf32>, tensor<40xf32>) -> tensor<20x40xf32>
  %y2 = call @transposed_gelu(%a, %wt, %bias) : (tensor<20x24xf32>, tensor<40x24xf32>, tensor<40xf32>) -> tensor<20x40xf32>
  %h2f = tensor.collapse_shape %h2 [[0, 1]] : tensor<20x40xf32> into tensor<800xf32>
  %y2f = tensor.collapse_shape %y2 [[0, 1]] : tensor<20x40xf32> into tensor<800xf32>
  %h2d = tensor.cast %h2f : tensor<800xf32> to tensor<?xf32>
  %y2d = tensor.cast %y2f : tensor<800xf32> to tensor<?xf32>
  call @print(%h2d, %y2d) : (tensor<?xf32>, tensor<?xf32>) -> ()

  vector.print str "GELU f32 exact wide\n"
  %c4096 = arith.constant 4096 : index
  %c16 = arith.constant 16 : index
  %c10 = arith.constant 10 : index
  %ae = tensor.empty(%c1, %c10, %c16) : tensor<?x?x?xf32>
  %a7d = call @fill3(%ae, %c5, %c7, %c3) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %a7 = tensor.cast %a7d : tensor<?x?x?xf32> to tensor<1x10x16xf32>
  %a72 = tensor.collapse_shape %a7 [[0, 1], [2]] : tensor<1x10x16xf32> into tensor<10x16xf32>
  %wwe = tensor.empty(%c1, %c16, %c4096) : tensor<?x?x?xf32>
  %wwd = call @fill3(%wwe, %c1, %c3, %c11) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %ww3 = tensor.cast %wwd : tensor<?x?x?xf32> to tensor<1x16x4096xf32>
  %ww = tensor.collapse_shape %ww3 [[0, 1], [2]] : tensor<1x16x4096xf32> into tensor<16x4096xf32>
  %bwe = tensor.empty(%c1, %c1, %c4096) : tensor<?x?x?xf32>
  %bwd = call @fill3(%bwe, %c1, %c1, %c5) : (tensor<?x?x?xf32>, index, index, index) -> tensor<?x?x?xf32>
  %bw1 = tensor.collapse_shape %bwd [[0, 1, 2]] : tensor<?x?x?xf32> into tensor<?xf32>
  %bw = tensor.cast %bw1 : tensor<?xf32> to tensor<4096xf32>
  %hw = call @wide_h(%a72, %ww, %bw) : (tensor<10x16xf32>, tensor<16x4096xf32>, tensor<4096xf32>) -> tensor<10x4096xf32>
  %yw = call @wide_gelu(%a72, %ww, %bw) : (tensor<10x16xf32>, tensor<16x4096xf32>, tensor<4096xf32>) -> tensor<10x4096xf32>
  %hwf = tensor.collapse_shape %hw [[0, 1]] : tensor<10x4096xf32> into tensor<40960xf32>
  %ywf = tensor.collapse_shape %yw [[0, 1]] : tensor<10x4096xf32> into tensor<40960xf32>
  %hwd = tensor.cast %hwf : tensor<40960xf32> to tensor<?xf32>
  %ywd = tensor.cast %ywf : tensor<40960xf32> to tensor<?xf32>
  call @print(%hwd, %ywd) : (tensor<?xf32>, tensor<?xf32>) -> ()

  vector.print str "GELU f32 tanh dynamic\n"
  %ad = tensor.cast %a : tensor<20x24xf32> to tensor<?x24xf32>
  %y4 = call @transposed_gelu_dynamic(%ad, %wt, %bias) : (tensor<?x24xf32>, tensor<40x24xf32>, tensor<40xf32>) -> tensor<?x40xf32>
  %y4s = tensor.cast %y4 : tensor<?x40xf32> to tensor<20x40xf32>
  %y4f = tensor.collapse_shape %y4s [[0, 1]] : tensor<20x40xf32> into tensor<800xf32>
  %y4d = tensor.cast %y4f : tensor<800xf32> to tensor<?xf32>
  call @print(%h2d, %y4d) : (tensor<?xf32>, tensor<?xf32>) -> ()
  return
}
