//===- Passes.td - gelu conversion passes ------------------*- tablegen -*-===//
//
// Passes that convert gelu.gelu into other dialects.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_CONVERSION_PASSES_TD
#define GELU_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// GeluToLinalg
//===----------------------------------------------------------------------===//

def ConvertGeluToLinalgPass : Pass<"convert-gelu-to-linalg"> {
  let summary = "Convert gelu.gelu on ranked tensors to linalg.generic";
  let description = [{
    Rewrites each `gelu.gelu` on a ranked tensor (static or dynamic shape)
    into a parallel `linalg.generic` whose body applies `gelu.gelu` to one
    scalar. As upstream does for every elementwise op, the operand itself is
    the destination (`outs`), so bufferization can compute in place when the
    operand has no other use. The result fuses, tiles, vectorizes and bufferizes like any other linalg
    elementwise operation; the scalar `gelu.gelu` in its body is lowered
    later (`gelu-expand` or `gelu-approximate`).

    The rewrite is upstream's `populateElementwiseToLinalgConversionPatterns`
    (the one behind `convert-elementwise-to-linalg`), restricted to
    `gelu.gelu` so that other elementwise operations are left alone.
    `gelu.gelu` on scalars, vectors and unranked tensors is left unchanged;
    with `require-ranked` (as in `gelu-cpu-pipeline` and `gelu-gpu-pipeline`,
    which must lower every op) one on an unranked tensor is an error.

    Example:

    ```mlir
    %0 = gelu.gelu %x : tensor<?x3072xf32>
    ```

    becomes

    ```mlir
    %0 = linalg.generic {
        indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                         affine_map<(d0, d1) -> (d0, d1)>],
        iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<?x3072xf32>) outs(%x : tensor<?x3072xf32>) {
    ^bb0(%in: f32, %out: f32):
      %g = gelu.gelu %in : f32
      linalg.yield %g : f32
    } -> tensor<?x3072xf32>
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = [
    Option<"requireRanked", "require-ranked", "bool", /*default=*/"false",
           "Report gelu.gelu on an unranked tensor as an error instead of "
           "leaving it">,
  ];
}

#endif // GELU_CONVERSION_PASSES_TD
