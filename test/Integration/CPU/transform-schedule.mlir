// docs/examples/ffn-transform-schedule.mlir, a transform-dialect schedule that
// fuses matmul + bias + GELU, applied to @ffn, then gelu-cpu-pipeline without
// its own fusion (fuse=false) vectorizes and lowers the scheduled loops.
//
// The inputs are multiples of 1/8 in [-1, 1] with K = 24, so the
// pre-activation h is exact in f32 in any accumulation order: results are
// checked against mpmath's GELU(h) at the bound of the pipeline's exact f32
// core (2 ulp: the piecewise core with AVX-512, 1 for the f64 core), and
// must equal gelu-fuse's (the pass) bit for bit. 100 x 300 outputs: a full
// and a partial tile in each direction (tiles of 48 x 256).
//
// REQUIRES: mpmath
// RUN: gelu-opt %s \
// RUN:   --transform-preload-library=transform-library-paths=%gelu_src/docs/examples/ffn-transform-schedule.mlir \
// RUN:   --transform-interpreter --canonicalize > %t.scheduled
// RUN: FileCheck %s < %t.scheduled
// RUN: gelu-opt %t.scheduled --gelu-cpu-pipeline="vector-width=8 fuse=false" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: > %t.out
// RUN: %check-values --only exact --expect 30000 --max-ulp 2 < %t.out
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8" \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_c_runner_utils -shared-libs=%mlir_runner_utils \
// RUN: | diff %t.out -

// The schedule's result: one loop nest, the fill and matmul on a tile, then
// bias and GELU on it; no full-size matmul left.
// CHECK-LABEL: func.func @ffn
// CHECK-NOT: linalg.matmul
// CHECK: scf.for
// CHECK: scf.for
// CHECK: linalg.fill {{.*}} -> tensor<?x?xf32>
// CHECK: linalg.matmul {{.*}} -> tensor<?x?xf32>
// CHECK: linalg.generic
// CHECK: gelu.gelu
// CHECK-LABEL: func.func @ffn_h

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#bias = affine_map<(d0, d1) -> (d1)>

func.func @ffn(%x: tensor<100x24xf32>, %w: tensor<24x300xf32>,
               %b: tensor<300xf32>) -> tensor<100x300xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<100x300xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<100x300xf32>) -> tensor<100x300xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<100x24xf32>, tensor<24x300xf32>)
                      outs(%acc : tensor<100x300xf32>) -> tensor<100x300xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<100x300xf32>, tensor<300xf32>) outs(%e : tensor<100x300xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<100x300xf32>
  %y = gelu.gelu %h : tensor<100x300xf32>
  return %y : tensor<100x300xf32>
}

// h alone (no GELU: the schedule does not touch it).
func.func @ffn_h(%x: tensor<100x24xf32>, %w: tensor<24x300xf32>,
                 %b: tensor<300xf32>) -> tensor<100x300xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<100x300xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<100x300xf32>) -> tensor<100x300xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<100x24xf32>, tensor<24x300xf32>)
                      outs(%acc : tensor<100x300xf32>) -> tensor<100x300xf32>
  %h = linalg.generic {indexing_maps = [#id2, #bias, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<100x300xf32>, tensor<300xf32>) outs(%e : tensor<100x300xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<100x300xf32>
  return %h : tensor<100x300xf32>
}

// ((c0 i + c1 j) mod 17 - 8) / 8: multiples of 1/8 in [-1, 1].
func.func @fill(%e: tensor<?x?xf32>, %c0: index, %c1: index) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<?x?xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %a = arith.muli %i, %c0 : index
    %b = arith.muli %j, %c1 : index
    %s = arith.addi %a, %b : index
    %c17 = arith.constant 17 : index
    %c8 = arith.constant 8 : index
    %m = arith.remui %s, %c17 : index
    %v = arith.subi %m, %c8 : index
    %vi = arith.index_cast %v : index to i32
    %vf = arith.sitofp %vi : i32 to f32
    %eighth = arith.constant 0.125 : f32
    %r = arith.mulf %vf, %eighth : f32
    linalg.yield %r : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
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
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %c11 = arith.constant 11 : index
  %c24 = arith.constant 24 : index
  %c100 = arith.constant 100 : index
  %c300 = arith.constant 300 : index
  %xe = tensor.empty(%c100, %c24) : tensor<?x?xf32>
  %xd = call @fill(%xe, %c5, %c7) : (tensor<?x?xf32>, index, index) -> tensor<?x?xf32>
  %x = tensor.cast %xd : tensor<?x?xf32> to tensor<100x24xf32>
  %we = tensor.empty(%c24, %c300) : tensor<?x?xf32>
  %wd = call @fill(%we, %c3, %c11) : (tensor<?x?xf32>, index, index) -> tensor<?x?xf32>
  %w = tensor.cast %wd : tensor<?x?xf32> to tensor<24x300xf32>
  %be = tensor.empty(%c1, %c300) : tensor<?x?xf32>
  %bd = call @fill(%be, %c1, %c5) : (tensor<?x?xf32>, index, index) -> tensor<?x?xf32>
  %b = tensor.collapse_shape %bd [[0, 1]] : tensor<?x?xf32> into tensor<?xf32>
  %bias = tensor.cast %b : tensor<?xf32> to tensor<300xf32>

  vector.print str "GELU f32 exact scheduled\n"
  %h = call @ffn_h(%x, %w, %bias) : (tensor<100x24xf32>, tensor<24x300xf32>, tensor<300xf32>) -> tensor<100x300xf32>
  %y = call @ffn(%x, %w, %bias) : (tensor<100x24xf32>, tensor<24x300xf32>, tensor<300xf32>) -> tensor<100x300xf32>
  %hf = tensor.collapse_shape %h [[0, 1]] : tensor<100x300xf32> into tensor<30000xf32>
  %yf = tensor.collapse_shape %y [[0, 1]] : tensor<100x300xf32> into tensor<30000xf32>
  %hd = tensor.cast %hf : tensor<30000xf32> to tensor<?xf32>
  %yd = tensor.cast %yf : tensor<30000xf32> to tensor<?xf32>
  call @print(%hd, %yd) : (tensor<?xf32>, tensor<?xf32>) -> ()
  return
}
