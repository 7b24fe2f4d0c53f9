// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-fuse{tile-m=16 tile-n=64}))" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-fuse{epilogues=false}))" \
// RUN:   | FileCheck %s --check-prefix=NO-EPILOGUE
// RUN: not gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-fuse{tile-m=0}))" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-TILE

// BAD-TILE: error: gelu-fuse: tile-m and tile-n must be positive

#rows = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>

// COM: matmul, bias add, GELU: the bias add and GELU fuse into one generic,
// COM: and the matmul is computed tile by tile inside that generic's loops
// COM: (columns outermost), accumulating in the output tile that the
// COM: epilogue then rewrites in place: one loop nest, no matmul-sized tensor.
// CHECK-LABEL: func.func @matmul_bias_gelu
// CHECK-SAME: (%[[X:.+]]: tensor<32x16xf32>, %[[W:.+]]: tensor<16x128xf32>, %[[B:.+]]: tensor<128xf32>)
// CHECK: %[[OUT:.+]] = tensor.empty() : tensor<32x128xf32>
// CHECK: scf.for %[[J:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC0:.+]] = %[[OUT]])
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC1:.+]] = %[[ACC0]])
// CHECK: %[[TILE:.+]] = tensor.extract_slice %[[ACC1]][%[[I]], %[[J]]] [16, 64] [1, 1]
// CHECK: %[[ZERO:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[TILE]] : tensor<16x64xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<16x16xf32>, tensor<16x64xf32>) outs(%[[ZERO]] : tensor<16x64xf32>)
// CHECK: %[[EPI:.+]] = linalg.generic {{.+}} ins(%{{.+}} : tensor<64xf32>) outs(%[[MM]] : tensor<16x64xf32>)
// CHECK: arith.addf
// CHECK: gelu.gelu
// CHECK: tensor.insert_slice %[[EPI]] into %[[ACC1]][%[[I]], %[[J]]] [16, 64] [1, 1]
// CHECK-NOT: linalg.matmul
// CHECK: return

// COM: epilogues=false (gelu-gpu-pipeline): the bias add and GELU still fuse,
// COM: the matmul stays whole and untiled.
// NO-EPILOGUE-LABEL: func.func @matmul_bias_gelu
// NO-EPILOGUE-NOT: scf.for
// NO-EPILOGUE: %[[MM:.+]] = linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<32x16xf32>, tensor<16x128xf32>)
// NO-EPILOGUE: linalg.generic {{.+}} ins(%[[MM]], %{{.+}} : tensor<32x128xf32>, tensor<128xf32>)
// NO-EPILOGUE: arith.addf
// NO-EPILOGUE: gelu.gelu
// NO-EPILOGUE-NOT: linalg.generic
// NO-EPILOGUE: return
func.func @matmul_bias_gelu(%x: tensor<32x16xf32>, %w: tensor<16x128xf32>,
                            %b: tensor<128xf32>) -> tensor<32x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<32x16xf32>, tensor<16x128xf32>)
                      outs(%acc : tensor<32x128xf32>) -> tensor<32x128xf32>
  %h = linalg.generic {indexing_maps = [#rows, #bias, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<32x128xf32>, tensor<128xf32>) outs(%e : tensor<32x128xf32>) {
  ^bb0(%m: f32, %bb: f32, %o: f32):
    %s = arith.addf %m, %bb : f32
    linalg.yield %s : f32
  } -> tensor<32x128xf32>
  %y = linalg.generic {indexing_maps = [#rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%h : tensor<32x128xf32>) outs(%e : tensor<32x128xf32>) {
  ^bb0(%in: f32, %o: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<32x128xf32>
  return %y : tensor<32x128xf32>
}

// -----

// COM: GEGLU: both projections are computed in the tile; the epilogue reads
// COM: the second one and multiplies. The second one accumulates in a
// COM: tile-sized tensor (not a slice of a result-sized one).
// CHECK-LABEL: func.func @geglu
// CHECK: scf.for
// CHECK: scf.for
// CHECK: linalg.matmul
// CHECK: %[[GATE:.+]] = tensor.empty() : tensor<16x64xf32>
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%[[GATE]] : tensor<16x64xf32>)
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: gelu.gelu
// CHECK: arith.mulf
// CHECK-NOT: linalg.matmul
#rows = affine_map<(d0, d1) -> (d0, d1)>
func.func @geglu(%x: tensor<32x16xf32>, %w: tensor<16x128xf32>, %v: tensor<16x128xf32>)
    -> tensor<32x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %a = linalg.matmul ins(%x, %w : tensor<32x16xf32>, tensor<16x128xf32>)
                     outs(%acc : tensor<32x128xf32>) -> tensor<32x128xf32>
  %e2 = tensor.empty() : tensor<32x128xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %gate = linalg.matmul ins(%x, %v : tensor<32x16xf32>, tensor<16x128xf32>)
                        outs(%acc2 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %y = linalg.generic {indexing_maps = [#rows, #rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%a, %gate : tensor<32x128xf32>, tensor<32x128xf32>) outs(%e : tensor<32x128xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %g = gelu.gelu %p : f32
    %r = arith.mulf %g, %q : f32
    linalg.yield %r : f32
  } -> tensor<32x128xf32>
  return %y : tensor<32x128xf32>
}

// -----

// COM: batch_matmul, and a matmul with a transposed right operand (as
// COM: PyTorch's Linear weight is [out, in]): fused the same way; batches are
// COM: tiled by 1.
// CHECK-LABEL: func.func @batch_and_transposed
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<1x16x8xf32>, tensor<1x8x64xf32>)
// CHECK: gelu.gelu
// CHECK: scf.for
// CHECK: scf.for
// CHECK: linalg.matmul indexing_maps
// CHECK-SAME: ins(%{{.+}}, %{{.+}} : tensor<16x8xf32>, tensor<64x8xf32>)
// CHECK: gelu.gelu
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#rows = affine_map<(d0, d1) -> (d0, d1)>
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs_t = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>
func.func @batch_and_transposed(%x: tensor<4x32x8xf32>, %w: tensor<4x8x128xf32>,
                                %a: tensor<32x8xf32>, %wt: tensor<128x8xf32>)
    -> (tensor<4x32x128xf32>, tensor<32x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32x128xf32>) -> tensor<4x32x128xf32>
  %mm = linalg.batch_matmul ins(%x, %w : tensor<4x32x8xf32>, tensor<4x8x128xf32>)
                            outs(%acc : tensor<4x32x128xf32>) -> tensor<4x32x128xf32>
  %y = linalg.generic {indexing_maps = [#rows3, #rows3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%mm : tensor<4x32x128xf32>) outs(%e : tensor<4x32x128xf32>) {
  ^bb0(%in: f32, %o: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<4x32x128xf32>
  %e2 = tensor.empty() : tensor<32x128xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mt = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
                      ins(%a, %wt : tensor<32x8xf32>, tensor<128x8xf32>)
                      outs(%acc2 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %z = linalg.generic {indexing_maps = [#rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%mt : tensor<32x128xf32>) outs(%e2 : tensor<32x128xf32>) {
  ^bb0(%in: f32, %o: f32):
    %g = gelu.gelu %in approximation = tanh : f32
    linalg.yield %g : f32
  } -> tensor<32x128xf32>
  return %y, %z : tensor<4x32x128xf32>, tensor<32x128xf32>
}

// -----

// COM: Negative: the matmul result is also returned, so it must exist whole;
// COM: it is not fused (the epilogue still fuses its own elementwise ops).
// CHECK-LABEL: func.func @matmul_has_another_user
// CHECK: %[[MM:.+]] = linalg.matmul
// CHECK-NOT: scf.for
// CHECK: linalg.generic
// CHECK: return %{{.+}}, %[[MM]]
#rows = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul_has_another_user(%x: tensor<32x16xf32>, %w: tensor<16x128xf32>)
    -> (tensor<32x128xf32>, tensor<32x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<32x16xf32>, tensor<16x128xf32>)
                      outs(%acc : tensor<32x128xf32>) -> tensor<32x128xf32>
  %y = linalg.generic {indexing_maps = [#rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<32x128xf32>) outs(%e : tensor<32x128xf32>) {
  ^bb0(%in: f32, %o: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<32x128xf32>
  return %y, %mm : tensor<32x128xf32>, tensor<32x128xf32>
}

// -----

// COM: Negative: the epilogue reads the matmul result transposed (its
// COM: iteration space does not match the matmul's output): not fused.
// CHECK-LABEL: func.func @shapes_do_not_match
// CHECK: linalg.matmul
// CHECK-NOT: scf.for
// CHECK: linalg.generic
#rows = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
func.func @shapes_do_not_match(%x: tensor<32x16xf32>, %w: tensor<16x128xf32>)
    -> tensor<128x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<32x16xf32>, tensor<16x128xf32>)
                      outs(%acc : tensor<32x128xf32>) -> tensor<32x128xf32>
  %et = tensor.empty() : tensor<128x32xf32>
  %y = linalg.generic {indexing_maps = [#transposed, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<32x128xf32>) outs(%et : tensor<128x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  } -> tensor<128x32xf32>
  return %y : tensor<128x32xf32>
}

// -----

// COM: Elementwise only: scaling, bias, GELU and a residual add fuse into one
// COM: linalg.generic.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: gelu.gelu
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
#rows = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @elementwise_chain(%h: tensor<8x64xf32>, %b: tensor<64xf32>,
                             %res: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %e = tensor.empty() : tensor<8x64xf32>
  %scale = arith.constant 0.125 : f32
  %s = linalg.generic {indexing_maps = [#rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%h : tensor<8x64xf32>) outs(%e : tensor<8x64xf32>) {
  ^bb0(%in: f32, %o: f32):
    %m = arith.mulf %in, %scale : f32
    linalg.yield %m : f32
  } -> tensor<8x64xf32>
  %t = linalg.generic {indexing_maps = [#rows, #bias, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%s, %b : tensor<8x64xf32>, tensor<64xf32>) outs(%e : tensor<8x64xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %a = arith.addf %in, %bb : f32
    %g = gelu.gelu %a : f32
    linalg.yield %g : f32
  } -> tensor<8x64xf32>
  %r = linalg.generic {indexing_maps = [#rows, #rows, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%t, %res : tensor<8x64xf32>, tensor<8x64xf32>) outs(%e : tensor<8x64xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %a = arith.addf %p, %q : f32
    linalg.yield %a : f32
  } -> tensor<8x64xf32>
  return %r : tensor<8x64xf32>
}
