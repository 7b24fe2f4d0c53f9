// A transform-dialect schedule for a transformer FFN layer (matmul, bias add,
// GELU in a function named @ffn): the same fusion gelu-fuse performs, written
// with upstream transform ops for pipelines that schedule with the transform
// dialect (IREE style). gelu.gelu is an elementwise op like any other:
// convert-gelu-to-linalg and upstream linalg-fuse-elementwise-ops make bias
// and GELU one linalg.generic, which is tiled; the matmul and its zero fill
// are fused into the tile loop, so each tile is accumulated, biased and
// GELU'd while in cache and no buffer of the raw matmul result remains.
//
// Use (the schedule as a library, the payload without it):
//   gelu-opt ffn.mlir \
//     --transform-preload-library=transform-library-paths=ffn-transform-schedule.mlir \
//     --transform-interpreter --canonicalize \
//     --gelu-cpu-pipeline="fuse=false"
// test/Integration/CPU/transform-schedule.mlir runs it.

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %ffn = transform.structured.match ops{["func.func"]}
        attributes {sym_name = "ffn"} in %root
        : (!transform.any_op) -> !transform.any_op
    // Bias add and GELU into one elementwise linalg.generic.
    %linalg = transform.apply_registered_pass "convert-gelu-to-linalg" to %ffn
        : (!transform.any_op) -> !transform.any_op
    %fused = transform.apply_registered_pass "linalg-fuse-elementwise-ops"
        to %linalg : (!transform.any_op) -> !transform.any_op
    // Tiles of 48 x 256 outputs (gelu-fuse's defaults), the matmul and its
    // fill computed tile by tile inside the epilogue's loops.
    %epilogue = transform.structured.match ops{["linalg.generic"]} in %fused
        : (!transform.any_op) -> !transform.any_op
    %tile, %rows, %cols = transform.structured.tile_using_for %epilogue
        tile_sizes [48, 256]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op,
                                  !transform.any_op)
    %matmul = transform.structured.match ops{["linalg.matmul"]} in %fused
        : (!transform.any_op) -> !transform.any_op
    %tiled_matmul, %loop = transform.structured.fuse_into_containing_op
        %matmul into %cols
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op,
                                                     !transform.any_op)
    %fill = transform.structured.match ops{["linalg.fill"]} in %fused
        : (!transform.any_op) -> !transform.any_op
    %tiled_fill, %loop2 = transform.structured.fuse_into_containing_op
        %fill into %loop
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op,
                                                     !transform.any_op)
    transform.yield
  }
}
