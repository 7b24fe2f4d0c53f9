//===- GeluVectorize.cpp - Tile and vectorize elementwise -------*- C++ -*-===//
//
// Tiles elementwise linalg.generic ops (GELU and its fused neighbours) to the
// vector width, peels the remainder, canonicalizes, and vectorizes: every tile
// of known size (the full ones, the remainder of a static shape) to static
// vectors without masks, the remainder of a dynamic shape with masks.
// Everything is upstream machinery (scf::tileUsingSCF,
// peelForLoopAndSimplifyBounds, linalg::vectorize); this pass only chooses
// the tile sizes and applies them in that order.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
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

/// Elementwise linalg ops on tensors: linalg.generic with every loop parallel
/// and every indexing map a projected permutation (identity or broadcast),
/// and linalg.fill (a matmul's zeroed accumulator).
static bool isVectorizableElementwise(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0)
    return false;
  if (isa<linalg::FillOp>(op))
    return true;
  return isa<linalg::GenericOp>(op) && linalg::isElementwise(op);
}

/// Vectorizes one tile made by tileToVectorWidth. After canonicalization a
/// tile has a static shape when its size is known (every full tile, and the
/// remainder of a statically sized op): it becomes vectors of exactly that
/// shape, without masks. A tile of dynamic size (the remainder of a
/// dynamically sized op) is vectorized to `vectorSizes` with masks.
static LogicalResult vectorizeTile(RewriterBase &rewriter, linalg::LinalgOp op,
                                   ArrayRef<int64_t> vectorSizes) {
  rewriter.setInsertionPoint(op);
  bool isStatic = !op.hasDynamicShape();
  ArrayRef<int64_t> sizes = isStatic ? ArrayRef<int64_t>() : vectorSizes;
  SmallVector<bool> scalableDims(sizes.size(), false);
  FailureOr<linalg::VectorizationResult> result =
      linalg::vectorize(rewriter, op, sizes, scalableDims);
  if (failed(result))
    return op.emitOpError("could not be vectorized");
  rewriter.replaceOp(op, result->replacements);
  return success();
}

struct GeluVectorizePass final
    : mlir::gelu::impl::GeluVectorizePassBase<GeluVectorizePass> {
  using GeluVectorizePassBase::GeluVectorizePassBase;

  void runOnOperation() override {
    if (vectorWidth == 0 || unroll == 0 || parallelChunk == 0 || microM == 0 ||
        microN == 0 || tileM == 0 || tileN == 0) {
      getOperation()->emitError(
          "gelu-vectorize: vector-width, unroll, parallel-chunk and the tile "
          "sizes must be positive");
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> targets;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isVectorizableElementwise(op))
        targets.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : targets) {
      if (failed(tileToVectorWidth(rewriter, op)))
        return signalPassFailure();
      ++numVectorized;
    }
    if (!targets.empty() && failed(vectorizeTiles(rewriter)))
      return signalPassFailure();
    SmallVector<linalg::LinalgOp> contractions;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && linalg::isaContractionOpInterface(op))
        contractions.push_back(op);
    });
    for (linalg::LinalgOp op : contractions) {
      if (failed(vectorizeContraction(rewriter, op)))
        return signalPassFailure();
    }
    if (targets.empty() && contractions.empty())
      return;
    // Tiles of N-D ops are 1 x ... x 1 x tile: drop the unit dimensions, so
    // that the transfers become plain 1-D loads and stores instead of being
    // staged through memory by the n-D transfer lowering.
    RewritePatternSet patterns(&getContext());
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    // Transfers read and write the loop-carried tensor itself rather than a
    // slice of it, so that loop-invariant-subset-hoisting carries a matmul
    // block's accumulator as a vector across the reduction loop (with a
    // tensor slice in between, bufferization would copy it every step).
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
    // With canonicalization (constant masks of full blocks vanish, constant
    // slice sizes become static), so that the folds above reach a fixpoint.
    gelu::populateAllCanonicalizationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }

  /// A contraction as a register-blocked kernel: cache tiles (when larger
  /// than one), micro tiles of micro-m x micro-n x 1 with the full tiles
  /// peeled from the partial ones, and vector.contract for the full ones
  /// (partial ones stay linalg, for convert-linalg-to-loops). (Upstream
  /// loop-invariant-subset-hoisting, after CSE, then keeps the accumulator in
  /// registers across the reduction loop.)
  LogicalResult vectorizeContraction(RewriterBase &rewriter,
                                     linalg::LinalgOp op) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
        dims->k.size() != 1)
      return success(); // Not a plain matmul: left for convert-linalg-to-loops.
    unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
    unsigned rank = op.getNumLoops();
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    auto sizesFor = [&](int64_t mSize, int64_t nSize, int64_t kSize) {
      SmallVector<OpFoldResult> sizes(rank, rewriter.getIndexAttr(1));
      sizes[m] = rewriter.getIndexAttr(mSize);
      sizes[n] = rewriter.getIndexAttr(nSize);
      sizes[k] = rewriter.getIndexAttr(kSize);
      return sizes;
    };
    // Loop order: batch dimensions, then the given order of m, n, k.
    auto orderFor = [&](ArrayRef<unsigned> last) {
      SmallVector<int64_t> order;
      for (unsigned d = 0; d < rank; ++d)
        if (!llvm::is_contained(last, d))
          order.push_back(d);
      for (unsigned d : last)
        order.push_back(d);
      return order;
    };

    TilingInterface current = cast<TilingInterface>(op.getOperation());
    auto fits = [](int64_t size, unsigned tile) {
      return !ShapedType::isDynamic(size) && size <= static_cast<int64_t>(tile);
    };
    // Already in a tile loop (gelu-fuse's, or the user's): register blocks
    // only.
    bool inTile = op->getParentOfType<scf::ForOp>() ||
                  op->getParentOfType<scf::ForallOp>();
    if (!inTile && (!fits(ranges[m], tileM) || !fits(ranges[n], tileN))) {
      // Cache tiles, column tiles outermost: a panel of the right-hand side
      // is reused by every row tile.
      scf::SCFTilingOptions options;
      options.setTileSizes(sizesFor(tileM, tileN, 0));
      options.setInterchange(orderFor({n, m, k}));
      rewriter.setInsertionPoint(current);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, current, options);
      if (failed(tiled))
        return op.emitOpError("could not be tiled into cache tiles");
      rewriter.replaceOp(current, tiled->replacements);
      current = cast<TilingInterface>(tiled->tiledOps.back());
    }

    // Register blocks with the reduction innermost.
    scf::SCFTilingOptions options;
    options.setTileSizes(sizesFor(microM, microN, 1));
    options.setInterchange(orderFor({m, n, k}));
    rewriter.setInsertionPoint(current);
    FailureOr<scf::SCFTilingResult> tiled =
        scf::tileUsingSCF(rewriter, current, options);
    if (failed(tiled))
      return op.emitOpError("could not be tiled into register blocks");
    rewriter.replaceOp(current, tiled->replacements);
    if (tiled->loops.size() < 3)
      return op.emitOpError("register tiling produced too few loops");
    auto mLoop =
        cast<scf::ForOp>(tiled->loops[tiled->loops.size() - 3].getOperation());
    auto nLoop =
        cast<scf::ForOp>(tiled->loops[tiled->loops.size() - 2].getOperation());

    // Peel partial blocks (columns, then rows): the main loops run full
    // blocks only and vectorize without masks.
    scf::ForOp nRemainder, mRemainder;
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, nLoop, nRemainder);
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, mLoop, mRemainder);

    SmallVector<int64_t> vectorSizes(rank, 1);
    vectorSizes[m] = microM;
    vectorSizes[n] = microN;
    llvm::SmallPtrSet<Operation *, 4> full;
    nLoop.walk([&](linalg::LinalgOp inner) { full.insert(inner); });
    // The blocks this tiling made: in the row loop and its remainder.
    SmallVector<linalg::LinalgOp> blocks;
    for (scf::ForOp loop : {mLoop, mRemainder})
      if (loop)
        loop.walk([&](linalg::LinalgOp inner) { blocks.push_back(inner); });
    for (linalg::LinalgOp block : blocks) {
      // Partial blocks (the peeled remainders) stay scalar loops: masked
      // contractions would not survive canonicalization, and they are at
      // most a row or column strip of the output.
      if (!full.contains(block))
        continue;
      rewriter.setInsertionPoint(block);
      SmallVector<bool> scalableDims(rank, false);
      // As vector.contract, which the LLVM lowering turns into outer
      // products (one broadcast and FMA per row), not a mul and an add.
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, block, vectorSizes, scalableDims,
          /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/true,
          /*createNamedContraction=*/true);
      if (failed(result))
        return block.emitOpError("could not be vectorized");
      rewriter.replaceOp(block, result->replacements);
    }
    ++numContractions;
    return success();
  }

  /// Tiles `op` to the vector width (after one scf.forall over its outermost
  /// dimension when parallel) and peels the partial tile of the innermost
  /// loop.
  LogicalResult tileToVectorWidth(RewriterBase &rewriter, linalg::LinalgOp op) {
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
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, innermost, remainder);
    return success();
  }

  /// Vectorizes the tiles made by tileToVectorWidth. The function is
  /// canonicalized first, which folds what tiling (ours, and gelu-fuse's
  /// around it) left symbolic but is known: single-iteration loops, the
  /// constant sizes of full tiles and of the remainders of static shapes. So
  /// every tile of known size is vectorized to its static shape, without
  /// masks. (Canonicalizing only after vectorization would not do: with MLIR
  /// 22, folding a static size into a masked vector.transfer_write on a
  /// tensor slice puts a tensor.cast inside its vector.mask, which is
  /// invalid.)
  LogicalResult vectorizeTiles(RewriterBase &rewriter) {
    RewritePatternSet patterns(&getContext());
    gelu::populateAllCanonicalizationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return failure();
    // Every elementwise op left is a tile: each was a target.
    SmallVector<linalg::LinalgOp> tiles;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isVectorizableElementwise(op))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp tile : tiles) {
      SmallVector<int64_t> vectorSizes(tile.getNumLoops(), 1);
      vectorSizes.back() = static_cast<int64_t>(vectorWidth) * unroll;
      if (failed(vectorizeTile(rewriter, tile, vectorSizes)))
        return failure();
    }
    return success();
  }
};

} // namespace
