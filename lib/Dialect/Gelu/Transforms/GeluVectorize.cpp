//===- GeluVectorize.cpp - Tile and vectorize elementwise linalg -*- C++ -*-===//
//
// Tiles elementwise linalg.generic ops (GELU and its fused neighbours) to the
// vector width, peels the remainder, and vectorizes both parts. Everything is
// upstream machinery (scf::tileUsingSCF, peelForLoopAndSimplifyBounds,
// linalg::vectorize); this pass only chooses the tile sizes and applies them
// in the order that leaves full tiles unmasked.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUVECTORIZEPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// Elementwise linalg.generic ops on tensors: every loop parallel, every
/// indexing map a projected permutation (identity or broadcast).
static bool isVectorizableElementwise(linalg::GenericOp op) {
  return op.hasPureTensorSemantics() && linalg::isElementwise(op) &&
         op.getNumLoops() > 0;
}

/// Vectorizes the elementwise generic ops in `region` with vector sizes
/// `sizes`. With `fullTiles`, the dynamic sizes are known to equal `sizes`
/// (the peeled main loop), so no masks are needed.
static LogicalResult vectorizeIn(RewriterBase &rewriter, Region &region,
                                 ArrayRef<int64_t> sizes, bool fullTiles) {
  SmallVector<linalg::GenericOp> ops;
  region.walk([&](linalg::GenericOp op) {
    if (isVectorizableElementwise(op))
      ops.push_back(op);
  });
  for (linalg::GenericOp op : ops) {
    rewriter.setInsertionPoint(op);
    SmallVector<bool> scalableDims(sizes.size(), false);
    FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
        rewriter, op, sizes, scalableDims,
        /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/fullTiles);
    if (failed(result))
      return op.emitOpError("could not be vectorized");
    rewriter.replaceOp(op, result->replacements);
  }
  return success();
}

struct GeluVectorizePass final
    : mlir::gelu::impl::GeluVectorizePassBase<GeluVectorizePass> {
  using GeluVectorizePassBase::GeluVectorizePassBase;

  void runOnOperation() override {
    if (vectorWidth == 0 || unroll == 0 || parallelChunk == 0) {
      getOperation()->emitError(
          "gelu-vectorize: vector-width, unroll and parallel-chunk must be "
          "positive");
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> targets;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (isVectorizableElementwise(op))
        targets.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : targets) {
      if (failed(tileAndVectorize(rewriter, op)))
        return signalPassFailure();
      ++numVectorized;
    }
    if (targets.empty())
      return;
    // Tiles of N-D ops are 1 x ... x 1 x tile: drop the unit dimensions, so
    // that the transfers become plain 1-D loads and stores instead of being
    // staged through memory by the n-D transfer lowering.
    RewritePatternSet patterns(&getContext());
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    vector::ShapeCastOp::getCanonicalizationPatterns(patterns, &getContext());
    vector::BroadcastOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }

  LogicalResult tileAndVectorize(RewriterBase &rewriter,
                                 linalg::GenericOp op) {
    unsigned rank = op.getNumLoops();
    int64_t tile = static_cast<int64_t>(vectorWidth) * unroll;
    auto tileSizes = [&](ArrayRef<int64_t> sizes) {
      return llvm::map_to_vector(sizes, [&](int64_t size) -> OpFoldResult {
        return rewriter.getIndexAttr(size);
      });
    };

    TilingInterface current = cast<TilingInterface>(op.getOperation());
    if (parallel) {
      // One scf.forall over the outermost dimension.
      SmallVector<int64_t> sizes(rank, 0);
      sizes[0] = rank == 1 ? static_cast<int64_t>(parallelChunk) : 1;
      scf::SCFTilingOptions options;
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      options.setTileSizes(tileSizes(sizes));
      rewriter.setInsertionPoint(current);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, current, options);
      if (failed(tiled))
        return op.emitOpError("could not be tiled for parallel execution");
      rewriter.replaceOp(current, tiled->replacements);
      current = cast<TilingInterface>(tiled->tiledOps.back());
    }

    // Vector tiles: the innermost dimension by `tile`, the others by 1 (the
    // outermost is already a single row or chunk when parallel).
    SmallVector<int64_t> sizes(rank, 1);
    sizes.back() = tile;
    SmallVector<int64_t> vectorSizes = sizes;
    if (parallel && rank > 1)
      sizes.front() = 0;
    scf::SCFTilingOptions options;
    options.setTileSizes(tileSizes(sizes));
    rewriter.setInsertionPoint(current);
    FailureOr<scf::SCFTilingResult> tiled =
        scf::tileUsingSCF(rewriter, current, options);
    if (failed(tiled))
      return op.emitOpError("could not be tiled to the vector width");
    rewriter.replaceOp(current, tiled->replacements);
    if (tiled->loops.empty())
      return op.emitOpError("tiling produced no loop");

    // Peel the innermost loop: its main part runs full tiles only.
    auto innermost = cast<scf::ForOp>(tiled->loops.back().getOperation());
    scf::ForOp remainder;
    bool peeled = succeeded(
        scf::peelForLoopAndSimplifyBounds(rewriter, innermost, remainder));
    if (failed(vectorizeIn(rewriter, innermost.getRegion(), vectorSizes,
                           /*fullTiles=*/peeled)))
      return failure();
    if (peeled && failed(vectorizeIn(rewriter, remainder.getRegion(),
                                     vectorSizes, /*fullTiles=*/false)))
      return failure();
    return success();
  }
};

} // namespace
