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

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUVECTORIZEPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// Marks the register blocks of a contraction between tiling and
/// vectorization (a discardable attribute, removed by vectorizeBlocks).
constexpr llvm::StringLiteral kBlockAttr = "gelu.register_block";

/// Marks the fill of a contraction's accumulator: it is not vectorized with
/// the elementwise ops but fused into the contraction's cache tiles and
/// replaced by one fill per register block (a discardable attribute, gone
/// by the end of the pass).
constexpr llvm::StringLiteral kAccumulatorFillAttr = "gelu.accumulator_fill";

/// Marks the fill of one register block's accumulator, made by
/// registerBlocks and vectorized with the blocks; its value is the shape the
/// block is known to have (0 where only run time knows).
constexpr llvm::StringLiteral kBlockFillAttr = "gelu.block_fill";

/// Marks the single-vector tiles of an elementwise op's remainder (see
/// tileToVectorWidth): they are vectorized to the vector width, not to the
/// unrolled tile.
constexpr llvm::StringLiteral kSingleVectorTileAttr = "gelu.single_vector_tile";

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

/// Vectorizes one tile made by tileToVectorWidth (or a register block's fill,
/// made by fillBlockAccumulators). After canonicalization a tile has a static
/// shape when its size is known (every full tile, and the remainder of a
/// statically sized op): it becomes vectors of exactly that shape, without
/// masks. A tile of dynamic size (the remainder of a dynamically sized op) is
/// vectorized to `vectorSizes` with masks.
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
      if (!isVectorizableElementwise(op))
        return;
      if (isBlockedAccumulatorFill(op))
        op->setAttr(kAccumulatorFillAttr, UnitAttr::get(op->getContext()));
      else
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
    // Contractions: cache tiles (partial ones peeled), canonicalization
    // (which makes the peeled tiles' sizes static), register blocks, and
    // their vectorization.
    auto collectContractions = [&] {
      SmallVector<linalg::LinalgOp> found;
      getOperation()->walk([&](linalg::LinalgOp op) {
        if (op.hasPureTensorSemantics() &&
            linalg::isaContractionOpInterface(op))
          found.push_back(op);
      });
      return found;
    };
    SmallVector<linalg::LinalgOp> contractions = collectContractions();
    for (linalg::LinalgOp op : contractions)
      if (failed(tileForCache(rewriter, op)))
        return signalPassFailure();
    if (!contractions.empty()) {
      RewritePatternSet canonicalization(&getContext());
      gelu::populateAllCanonicalizationPatterns(canonicalization);
      if (failed(applyPatternsGreedily(getOperation(),
                                       std::move(canonicalization))))
        return signalPassFailure();
      for (linalg::LinalgOp op : collectContractions())
        if (failed(registerBlocks(rewriter, op)))
          return signalPassFailure();
      // Accumulator fills that registerBlocks kept whole: vectorized as
      // elementwise ops after all.
      SmallVector<linalg::LinalgOp> keptFills;
      getOperation()->walk([&](linalg::FillOp fill) {
        if (fill->removeAttr(kAccumulatorFillAttr))
          keptFills.push_back(fill);
      });
      for (linalg::LinalgOp fill : keptFills)
        if (failed(tileToVectorWidth(rewriter, fill)))
          return signalPassFailure();
      if (failed(vectorizeBlocks(rewriter)))
        return signalPassFailure();
      if (!keptFills.empty() && failed(vectorizeTiles(rewriter)))
        return signalPassFailure();
      numContractions += contractions.size();
    }
    if (targets.empty() && contractions.empty())
      return;
    getOperation()->walk(
        [&](linalg::FillOp fill) { fill->removeAttr(kBlockFillAttr); });
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

  /// The (m, n, k) dimensions of a plain matmul-like contraction (with any
  /// batch dimensions), if `op` is one.
  static std::optional<std::array<unsigned, 3>>
  getMatmulDims(linalg::LinalgOp op) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
        dims->k.size() != 1)
      return std::nullopt;
    return std::array<unsigned, 3>{dims->m[0], dims->n[0], dims->k[0]};
  }

  /// Whether tileForCache tiles the contraction `op` with (m, n, k) `dims`:
  /// it is larger than a cache tile and not already in a tile loop
  /// (gelu-fuse's, or the user's).
  bool needsCacheTiles(linalg::LinalgOp op,
                       std::array<unsigned, 3> dims) const {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    auto fits = [](int64_t size, unsigned tile) {
      return !ShapedType::isDynamic(size) && size <= static_cast<int64_t>(tile);
    };
    bool inTile = op->getParentOfType<scf::ForOp>() ||
                  op->getParentOfType<scf::ForallOp>();
    return !inTile &&
           !(fits(ranges[dims[0]], tileM) && fits(ranges[dims[1]], tileN));
  }

  /// A linalg.fill whose only use is the accumulator of a plain matmul-like
  /// contraction (which tileForCache tiles with its fill, and registerBlocks
  /// blocks).
  bool isBlockedAccumulatorFill(linalg::LinalgOp op) const {
    auto fill = dyn_cast<linalg::FillOp>(op.getOperation());
    if (!fill || !fill->getResult(0).hasOneUse())
      return false;
    OpOperand &use = *fill->getResult(0).getUses().begin();
    auto contraction = dyn_cast<linalg::LinalgOp>(use.getOwner());
    if (!contraction || !contraction.hasPureTensorSemantics() ||
        !linalg::isaContractionOpInterface(contraction) ||
        !contraction.isDpsInit(&use) || contraction.getNumDpsInits() != 1)
      return false;
    return getMatmulDims(contraction).has_value();
  }

  /// Tile sizes for a contraction of `rank` loops with (m, n, k) `dims`:
  /// those of m, n and k, and `batchSize` for the batch dimensions (1 on a
  /// first tiling, 0 once they are single).
  static SmallVector<OpFoldResult> getTileSizes(Builder &b, unsigned rank,
                                                std::array<unsigned, 3> dims,
                                                int64_t mSize, int64_t nSize,
                                                int64_t kSize,
                                                int64_t batchSize = 1) {
    SmallVector<OpFoldResult> sizes(rank, b.getIndexAttr(batchSize));
    sizes[dims[0]] = b.getIndexAttr(mSize);
    sizes[dims[1]] = b.getIndexAttr(nSize);
    sizes[dims[2]] = b.getIndexAttr(kSize);
    return sizes;
  }

  /// A contraction larger than a cache tile, not already in a tile loop
  /// (gelu-fuse's, or the user's), as cache tiles: column tiles outermost,
  /// so that a panel of the right-hand side is reused by every row tile,
  /// the partial tiles peeled, so that a static shape keeps static tiles
  /// (the last 5 rows of ViT's 197 tokens a block of 5, not rows taken one
  /// at a time).
  LogicalResult tileForCache(RewriterBase &rewriter, linalg::LinalgOp op) {
    std::optional<std::array<unsigned, 3>> dims = getMatmulDims(op);
    if (!dims)
      return success(); // Not a plain matmul: left for convert-linalg-to-loops.
    unsigned m = (*dims)[0], n = (*dims)[1], k = (*dims)[2];
    unsigned rank = op.getNumLoops();
    if (!needsCacheTiles(op, *dims))
      return success();
    SmallVector<OpFoldResult> sizes =
        getTileSizes(rewriter, rank, *dims, tileM, tileN, 0);
    SmallVector<int64_t> order;
    for (unsigned d = 0; d < rank; ++d)
      if (d != m && d != n && d != k)
        order.push_back(d);
    order.append({n, m, k});
    scf::SCFTilingOptions options;
    options.setTileSizes(sizes);
    options.setInterchange(order);
    rewriter.setInsertionPoint(op);
    // The accumulator's fill (deferred by isBlockedAccumulatorFill) is
    // fused into the tiles, where registerBlocks replaces it by one fill
    // per register block. (The tile loops are all parallel: the fill of a
    // tile is made once per tile.)
    auto fill = op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
    scf::SCFTileAndFuseOptions fuseOptions;
    fuseOptions.setTilingOptions(options);
    fuseOptions.setFusionControlFn(
        [&](tensor::ExtractSliceOp, OpResult producer, bool)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (fill && producer.getOwner() == fill.getOperation() &&
              fill->hasAttr(kAccumulatorFillAttr))
            return scf::SCFTileAndFuseOptions::ControlFnResult{false};
          return std::nullopt;
        });
    FailureOr<scf::SCFTileAndFuseResult> tiled =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, cast<TilingInterface>(op.getOperation()), fuseOptions);
    if (failed(tiled))
      return op.emitOpError("could not be tiled into cache tiles");
    for (OpResult value : op->getResults())
      if (Value replacement = tiled->replacements.lookup(value))
        rewriter.replaceAllUsesWith(value, replacement);
    rewriter.eraseOp(op);
    if (fill && fill->use_empty())
      rewriter.eraseOp(fill);
    gelu::peelTileLoops(rewriter, tiled->loops);
    return success();
  }

  /// Copies the right-hand side panel of the cache tile `op` (K x tile-n,
  /// rows k, columns n) into a contiguous buffer when the matrix it is cut
  /// from has rows of a multiple of 4 KiB (BERT's and GPT-2 small's 3072 f32
  /// columns, GPT-2 medium's 4096, T5's 2048): 4 KiB is the way size of the
  /// L1 data cache (48 KiB 12-way on Zen 4/5, 32 KiB 8-way on Zen 3), so
  /// at that stride every row of the panel starts in the same L1 set, and in
  /// a quarter or fewer of the L2's sets; the rows evict each other and every
  /// block would stream the panel from L3 (BERT-base's 512-token layer: 215
  /// GFLOP/s read in place, 245 packed). The copy is hoisted out of the loops
  /// that do not move the panel (the row tiles), so it is made once per column
  /// tile; where there is no such loop (a single row tile) it would only add
  /// traffic, and the panel is read in place.
  void packRightHandSide(RewriterBase &rewriter, linalg::LinalgOp op,
                         unsigned k, unsigned n) {
    if (op.getNumDpsInputs() != 2)
      return;
    OpOperand *rhs = op.getDpsInputOperand(1);
    AffineMap map = op.getMatchingIndexingMap(rhs);
    unsigned rank = map.getNumResults();
    if (rank < 2 || map.getResult(rank - 2) != rewriter.getAffineDimExpr(k) ||
        map.getResult(rank - 1) != rewriter.getAffineDimExpr(n))
      return; // Only the row-major K x N layout.
    auto slice = rhs->get().getDefiningOp<tensor::ExtractSliceOp>();
    auto panelType = dyn_cast<RankedTensorType>(rhs->get().getType());
    if (!slice || !panelType || !panelType.hasStaticShape() ||
        !panelType.getElementType().isF32())
      return;
    RankedTensorType sourceType = slice.getSourceType();
    int64_t rowElements = sourceType.getShape().back();
    if (ShapedType::isDynamic(rowElements) || (rowElements * 4) % 4096 != 0 ||
        rowElements == panelType.getShape().back())
      return;
    rewriter.setInsertionPoint(op);
    Value panel = rhs->get();
    auto empty =
        tensor::EmptyOp::create(rewriter, op.getLoc(), panelType.getShape(),
                                panelType.getElementType());
    auto copy =
        linalg::CopyOp::create(rewriter, op.getLoc(), panel, empty.getResult());
    rewriter.modifyOpInPlace(op, [&] { rhs->set(copy.getResult(0)); });
    // Out of every loop that does not change the panel, innermost first.
    SmallVector<LoopLikeOpInterface> loops;
    for (Operation *parent = op->getParentOp(); parent;
         parent = parent->getParentOp())
      if (isa<scf::ForOp>(parent))
        loops.push_back(cast<LoopLikeOpInterface>(parent));
    for (LoopLikeOpInterface loop : loops)
      (void)moveLoopInvariantCode(loop);
    // Not hoisted (a single row tile: nothing would reuse the copy): read
    // the panel in place, or the copy already made for the full row tiles
    // when this is their peeled partial tile (BERT's 128 tokens: 32 of the
    // 128 rows).
    if (copy->getBlock() == op->getBlock()) {
      Value existing = findPanelCopy(op, slice);
      rewriter.modifyOpInPlace(op,
                               [&] { rhs->set(existing ? existing : panel); });
      rewriter.eraseOp(copy);
      rewriter.eraseOp(empty);
    }
  }

  /// A copy of the same panel as `slice` (a slice of the same tensor at the
  /// same offsets and sizes) made by packRightHandSide before `op`, in a
  /// block that encloses it, if any.
  static Value findPanelCopy(Operation *op, tensor::ExtractSliceOp slice) {
    for (Operation *ancestor = op; ancestor->getParentOp();
         ancestor = ancestor->getParentOp()) {
      for (Operation &candidate : *ancestor->getBlock()) {
        if (&candidate == ancestor)
          break;
        auto copy = dyn_cast<linalg::CopyOp>(candidate);
        auto source =
            copy ? copy.getInputs()[0].getDefiningOp<tensor::ExtractSliceOp>()
                 : tensor::ExtractSliceOp();
        if (source && source != slice &&
            source.getSource() == slice.getSource() &&
            source.getType() == slice.getType() &&
            isEqualConstantIntOrValueArray(source.getMixedOffsets(),
                                           slice.getMixedOffsets()) &&
            isEqualConstantIntOrValueArray(source.getMixedStrides(),
                                           slice.getMixedStrides()))
          return copy.getResult(0);
      }
    }
    return Value();
  }

  /// A contraction (a cache tile, or one that fits in one) as register
  /// blocks: micro-m x micro-n x 1 with the reduction innermost, the rows
  /// and columns left over in smaller blocks of known shape, all marked for
  /// vectorizeBlocks. (Upstream
  /// loop-invariant-subset-hoisting, after CSE, then keeps each block's
  /// accumulator in registers across the reduction loop.)
  LogicalResult registerBlocks(RewriterBase &rewriter, linalg::LinalgOp op) {
    std::optional<std::array<unsigned, 3>> dims = getMatmulDims(op);
    if (!dims)
      return success();
    unsigned m = (*dims)[0], n = (*dims)[1], k = (*dims)[2];
    // A constant-filled accumulator kept for fillBlockAccumulators.
    auto accumulatorFill =
        op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
    if (accumulatorFill && !accumulatorFill->hasAttr(kAccumulatorFillAttr))
      accumulatorFill = {};
    // The rows and columns left after the full blocks, when known.
    SmallVector<int64_t> extents = op.getStaticLoopRanges();
    bool rowsKnown = !ShapedType::isDynamic(extents[m]);
    int64_t partialRowTile = rowsKnown ? extents[m] % microM : 0;
    int64_t partialColumnTile =
        ShapedType::isDynamic(extents[n]) ? 0 : extents[n] % microN;
    packRightHandSide(rewriter, op, k, n);
    TilingInterface current = cast<TilingInterface>(op.getOperation());
    unsigned rank = op.getNumLoops();
    auto sizesFor = [&](int64_t mSize, int64_t nSize, int64_t kSize,
                        int64_t batchSize = 1) {
      return getTileSizes(rewriter, rank, *dims, mSize, nSize, kSize,
                          batchSize);
    };

    // Tiles `target` by `sizes` and peels the partial last iteration of its
    // loop number `peeledLoop`: `inner` gets the ops of the main loop, the
    // result is the main loop and the peeled one (null when none).
    auto tileAndPeel = [&](TilingInterface target, ArrayRef<OpFoldResult> sizes,
                           unsigned peeledLoop,
                           SmallVectorImpl<Operation *> &inner)
        -> FailureOr<std::pair<scf::ForOp, scf::ForOp>> {
      scf::SCFTilingOptions tileOptions;
      tileOptions.setTileSizes(sizes);
      rewriter.setInsertionPoint(target);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, target, tileOptions);
      if (failed(tiled))
        return failure();
      rewriter.replaceOp(target, tiled->replacements);
      if (tiled->loops.size() <= peeledLoop)
        return failure();
      auto loop = cast<scf::ForOp>(tiled->loops[peeledLoop].getOperation());
      scf::ForOp remainder;
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, loop, remainder);
      loop.walk([&](TilingInterface op) { inner.push_back(op); });
      return std::make_pair(loop, remainder);
    };
    // Rows in blocks of micro-m (batch dimensions by 1), the partial block
    // peeled.
    unsigned batchLoops = rank - 3;
    SmallVector<Operation *> rowBlocks;
    FailureOr<std::pair<scf::ForOp, scf::ForOp>> rowTiles =
        tileAndPeel(current, sizesFor(microM, 0, 0), batchLoops, rowBlocks);
    if (failed(rowTiles))
      return op.emitOpError("could not be tiled into register blocks");
    SmallVector<Operation *> partialRows;
    if (scf::ForOp remainder = rowTiles->second)
      remainder.walk([&](TilingInterface op) { partialRows.push_back(op); });

    // Each block with the shape it is known to have: rows x columns, 0 where
    // only run time knows (a column remainder of a dynamic width).
    SmallVector<std::tuple<Operation *, int64_t, int64_t>> blocks;
    // Columns by micro-n, the partial block peeled, the reduction innermost.
    auto columnBlocks = [&](Operation *rowBlock, int64_t rows) {
      SmallVector<Operation *> inner;
      FailureOr<std::pair<scf::ForOp, scf::ForOp>> columns =
          tileAndPeel(cast<TilingInterface>(rowBlock),
                      sizesFor(0, microN, 1, /*batchSize=*/0), 0, inner);
      if (failed(columns))
        return failure();
      for (Operation *block : inner)
        blocks.emplace_back(block, rows, microN);
      if (scf::ForOp remainder = columns->second)
        remainder.walk([&](TilingInterface block) {
          blocks.emplace_back(block, rows, partialColumnTile);
        });
      return success();
    };
    for (Operation *rowBlock : rowBlocks)
      if (failed(columnBlocks(rowBlock, microM)))
        return op.emitOpError("could not be tiled into register blocks");
    // Partial rows: all of them as one block when their number is known (a
    // static shape: the last 5 rows of ViT's 197 tokens are a 5 x micro-n
    // block, so each load of the right-hand side feeds 5 FMAs); else (fewer
    // than micro-m rows, how many known only at run time) in blocks of the
    // powers of two below micro-m, each peeled from the next (5 rows: a
    // block of 4, none of 2, one of 1), so that every block has a known
    // shape.
    SmallVector<int64_t> rowBlockSizes;
    if (rowsKnown) {
      if (partialRowTile > 0)
        rowBlockSizes.push_back(partialRowTile);
    } else {
      for (int64_t rows = llvm::bit_floor(static_cast<uint64_t>(microM - 1));
           rows >= 1; rows /= 2)
        rowBlockSizes.push_back(rows);
    }
    SmallVector<Operation *> pending = partialRows;
    for (int64_t rows : rowBlockSizes) {
      SmallVector<Operation *> next;
      for (Operation *partial : pending) {
        SmallVector<Operation *> rowBlocksOfSize;
        FailureOr<std::pair<scf::ForOp, scf::ForOp>> tiledRows = tileAndPeel(
            cast<TilingInterface>(partial),
            sizesFor(rows, 0, 0, /*batchSize=*/0), 0, rowBlocksOfSize);
        if (failed(tiledRows))
          return op.emitOpError("could not be tiled into rows");
        for (Operation *rowBlock : rowBlocksOfSize)
          if (failed(columnBlocks(rowBlock, rows)))
            return op.emitOpError("could not be tiled into register blocks");
        if (scf::ForOp remainder = tiledRows->second)
          remainder.walk([&](TilingInterface op) { next.push_back(op); });
      }
      pending = std::move(next);
    }
    // Vectorized after canonicalization (vectorizeBlocks).
    for (auto [block, rows, columns] : blocks)
      block->setAttr(kBlockAttr,
                     rewriter.getDenseI64ArrayAttr({rows, columns}));
    if (accumulatorFill)
      fillBlockAccumulators(rewriter, accumulatorFill, blocks);
    return success();
  }

  /// Replaces the fill of a blocked contraction's accumulator by one fill
  /// per register block, made before the block's reduction loop: vectorized,
  /// it is a splat that the accumulator starts from in registers (after
  /// loop-invariant-subset-hoisting, canonicalization forwards it to the
  /// hoisted read of the accumulator and drops it under the block's final
  /// write), so the accumulator is neither zeroed in memory nor read back
  /// from it. (A fill of the whole tile stored 48 KiB of zeros into lines
  /// not yet in the cache, in a burst before the first block: the fused
  /// BERT-base layer is 1.4-2.1% faster without, scripts/ab-ffn.py.) Left as
  /// it is, and vectorized as an
  /// elementwise op, when a block's accumulator is not a slice of its
  /// reduction loop's own iteration argument taken at offsets defined
  /// outside that loop (a reduction of size 1, which has no loop).
  void fillBlockAccumulators(
      RewriterBase &rewriter, linalg::FillOp fill,
      ArrayRef<std::tuple<Operation *, int64_t, int64_t>> blocks) {
    struct BlockInit {
      OpOperand *loopInit;
      tensor::ExtractSliceOp slice;
      scf::ForOp loop;
      SmallVector<int64_t> shape;
    };
    SmallVector<BlockInit> inits;
    for (auto [block, rows, columns] : blocks) {
      auto linalgBlock = cast<linalg::LinalgOp>(block);
      auto slice = linalgBlock.getDpsInitOperand(0)
                       ->get()
                       .getDefiningOp<tensor::ExtractSliceOp>();
      auto iterArg =
          slice ? dyn_cast<BlockArgument>(slice.getSource()) : BlockArgument();
      auto loop = iterArg
                      ? dyn_cast<scf::ForOp>(iterArg.getOwner()->getParentOp())
                      : scf::ForOp();
      if (!loop || iterArg.getOwner() != loop.getBody() ||
          iterArg == loop.getInductionVar() ||
          slice->getBlock() != loop.getBody())
        return;
      // The slice's offsets, computed in the loop from outer values (by
      // tiling), out of it first.
      (void)moveLoopInvariantCode(
          cast<LoopLikeOpInterface>(loop.getOperation()));
      bool invariant = llvm::all_of(slice->getOperands(), [&](Value v) {
        return v == iterArg ||
               !loop->isAncestor(v.getParentRegion()->getParentOp());
      });
      if (!invariant)
        return;
      // The shape the block's accumulator is known to have (0 where only
      // run time knows), for vectorizeBlocks.
      SmallVector<int64_t> shape;
      std::optional<std::array<unsigned, 3>> dims = getMatmulDims(linalgBlock);
      AffineMap map =
          linalgBlock.getMatchingIndexingMap(linalgBlock.getDpsInitOperand(0));
      for (AffineExpr e : map.getResults()) {
        unsigned d = cast<AffineDimExpr>(e).getPosition();
        shape.push_back(!dims             ? 0
                        : d == (*dims)[0] ? rows
                        : d == (*dims)[1] ? columns
                                          : 1);
      }
      inits.push_back({loop.getTiedLoopInit(iterArg), slice, loop, shape});
    }
    Value value = fill.getInputs()[0];
    for (BlockInit init : inits) {
      rewriter.setInsertionPoint(init.loop);
      Location loc = init.slice.getLoc();
      Value whole = init.loopInit->get();
      auto slice = tensor::ExtractSliceOp::create(
          rewriter, loc, init.slice.getType(), whole,
          init.slice.getMixedOffsets(), init.slice.getMixedSizes(),
          init.slice.getMixedStrides());
      auto blockFill =
          linalg::FillOp::create(rewriter, loc, value, slice.getResult());
      blockFill->setAttr(kBlockFillAttr,
                         rewriter.getDenseI64ArrayAttr(init.shape));
      auto filled = tensor::InsertSliceOp::create(
          rewriter, loc, blockFill.getResult(0), whole,
          init.slice.getMixedOffsets(), init.slice.getMixedSizes(),
          init.slice.getMixedStrides());
      rewriter.modifyOpInPlace(init.loop,
                               [&] { init.loopInit->set(filled.getResult()); });
    }
    rewriter.replaceAllUsesWith(fill.getResult(0),
                                fill.getDpsInitOperand(0)->get());
    rewriter.eraseOp(fill);
  }

  /// Replaces `op`, whose loops are known by construction to have the
  /// sizes `loopSizes` although its types are dynamic, by the same op on
  /// its tensor operands cast to those static shapes, its result cast back
  /// (so that it vectorizes without masks); returns the static op.
  static linalg::LinalgOp castToKnownShape(RewriterBase &rewriter,
                                           linalg::LinalgOp op,
                                           ArrayRef<int64_t> loopSizes) {
    rewriter.setInsertionPoint(op);
    SmallVector<Value> operands;
    for (OpOperand &operand : op->getOpOperands()) {
      auto type = dyn_cast<RankedTensorType>(operand.get().getType());
      if (!type) {
        operands.push_back(operand.get()); // A scalar (a fill's value).
        continue;
      }
      AffineMap map = op.getMatchingIndexingMap(&operand);
      SmallVector<int64_t> staticShape =
          llvm::map_to_vector(map.getResults(), [&](AffineExpr e) -> int64_t {
            return loopSizes[cast<AffineDimExpr>(e).getPosition()];
          });
      operands.push_back(tensor::CastOp::create(
          rewriter, op.getLoc(), type.clone(staticShape), operand.get()));
    }
    Type resultType = operands.back().getType();
    Operation *staticOp =
        mlir::clone(rewriter, op, TypeRange{resultType}, operands);
    Value result = tensor::CastOp::create(
        rewriter, op.getLoc(), op->getResultTypes()[0], staticOp->getResult(0));
    rewriter.replaceOp(op, result);
    return cast<linalg::LinalgOp>(staticOp);
  }

  /// Vectorizes the register blocks registerBlocks marked, after
  /// canonicalization has folded what tiling left symbolic but is known:
  /// every block of static shape (the full micro-m x micro-n ones, the
  /// column remainder of a static width, the single rows of the row
  /// remainder) becomes a vector.contract on vectors of exactly its shape,
  /// without masks, which the LLVM lowering turns into outer products (one
  /// broadcast and FMA per row). A block still of dynamic shape (the column
  /// remainder of a dynamic width) stays linalg, for convert-linalg-to-loops:
  /// masked contractions do not survive canonicalization in MLIR 22.
  LogicalResult vectorizeBlocks(RewriterBase &rewriter) {
    RewritePatternSet patterns(&getContext());
    gelu::populateAllCanonicalizationPatterns(patterns);
    // Block sizes (affine.min of a loop variable and a bound) that the loop
    // bounds make constant, in nests whose outer bounds are not constant
    // (the last cache tile of a dynamic number of rows).
    scf::populateSCFForLoopCanonicalizationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return failure();
    // The accumulators' fills (fillBlockAccumulators): splats written where
    // the shape is static, fills left for convert-linalg-to-loops where it
    // is not (a column remainder of a dynamic width).
    SmallVector<linalg::FillOp> blockFills;
    getOperation()->walk([&](linalg::FillOp fill) {
      auto shape = fill->getAttrOfType<DenseI64ArrayAttr>(kBlockFillAttr);
      if (shape && fill.hasPureTensorSemantics() &&
          !llvm::is_contained(shape.asArrayRef(), 0))
        blockFills.push_back(fill);
    });
    for (linalg::FillOp fill : blockFills) {
      // A dynamic shape known by construction (the last cache tile of a
      // number of rows known only at run time): cast to that shape.
      linalg::LinalgOp staticFill = fill;
      if (staticFill.hasDynamicShape())
        staticFill = castToKnownShape(
            rewriter, staticFill,
            fill->getAttrOfType<DenseI64ArrayAttr>(kBlockFillAttr)
                .asArrayRef());
      if (failed(vectorizeTile(rewriter, staticFill, /*vectorSizes=*/{})))
        return failure();
    }
    SmallVector<linalg::LinalgOp> blocks;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kBlockAttr))
        blocks.push_back(op);
    });
    for (linalg::LinalgOp block : blocks) {
      auto shape = cast<DenseI64ArrayAttr>(block->getAttr(kBlockAttr));
      block->removeAttr(kBlockAttr);
      if (!block.hasPureTensorSemantics())
        continue;
      // The block's vector shape: its static shape, or the one it is known
      // to have (a full block in a nest whose bounds canonicalization could
      // not fold), with no masks.
      rewriter.setInsertionPoint(block);
      if (block.hasDynamicShape()) {
        // Known by construction: the block on operands cast to their static
        // shapes (so that it vectorizes without masks, which would keep the
        // accumulator from being hoisted out of the reduction loop), its
        // result cast back.
        std::optional<std::array<unsigned, 3>> dims = getMatmulDims(block);
        if (!dims || shape[0] == 0 || shape[1] == 0)
          continue; // Left for convert-linalg-to-loops.
        SmallVector<int64_t> loopSizes(block.getNumLoops(), 1);
        loopSizes[(*dims)[0]] = shape[0];
        loopSizes[(*dims)[1]] = shape[1];
        block = castToKnownShape(rewriter, block, loopSizes);
        rewriter.setInsertionPoint(block);
      }
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, block, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
          /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/true);
      if (failed(result))
        return block.emitOpError("could not be vectorized");
      rewriter.replaceOp(block, result->replacements);
    }
    return success();
  }

  /// Vectors per loop iteration for the elementwise `op`: `logistic-unroll`
  /// (`logistic-unroll-bf16`) where it computes tanh-mode GELU or QuickGELU
  /// on f32 (bf16), `unroll` otherwise.
  unsigned getUnroll(linalg::LinalgOp op) {
    unsigned result = unroll;
    op->walk([&](gelu::GeluOp gelu) {
      if (gelu.getApproximation() == gelu::Approximation::exact)
        return WalkResult::advance();
      Type type = gelu.getType();
      if (type.isF32() && logisticUnroll != 0)
        result = logisticUnroll;
      else if (type.isBF16() && logisticUnrollBf16 != 0)
        result = logisticUnrollBf16;
      else
        return WalkResult::advance();
      return WalkResult::interrupt();
    });
    return result;
  }

  /// Whether the partial tile of the elementwise `op` is computed one vector
  /// at a time (tileToVectorWidth). Not for two vectors per iteration or
  /// fewer: at most one vector's work is saved there, and the loops it adds
  /// cost the main loop registers (the exact f64 core at unroll 2 spilled 20
  /// times in the main loop with them, and none without:
  /// test/Pipelines/gelu-cpu-pipeline-unroll.mlir). Not for elements
  /// narrower than 32 bits: LLVM 22 cannot select the masked load of one
  /// vector of 8 bf16 for AVX2 (`Cannot select: v8bf16 = masked_load`).
  bool hasSingleVectorRemainder(linalg::LinalgOp op) {
    if (getUnroll(op) <= 2)
      return false;
    return llvm::all_of(op->getOperandTypes(), [](Type type) {
      Type element = getElementTypeOrSelf(type);
      return !element.isIntOrFloat() || element.getIntOrFloatBitWidth() >= 32;
    });
  }

  /// Tiles `op` to the vector width (after one scf.forall over its outermost
  /// dimension when parallel) and peels the partial tile of the innermost
  /// loop.
  LogicalResult tileToVectorWidth(RewriterBase &rewriter, linalg::LinalgOp op) {
    unsigned rank = op.getNumLoops();
    int64_t tile = static_cast<int64_t>(vectorWidth) * getUnroll(op);
    // Asked now: tiling replaces (erases) `op`.
    bool singleVectorRemainder = hasSingleVectorRemainder(op);
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
      return current->emitOpError("could not be tiled to the vector width");
    if (tiled->loops.empty())
      return current->emitOpError("tiling produced no loop");
    rewriter.replaceOp(current, tiled->replacements);

    // Peel the innermost loop: its main part runs full tiles only.
    auto innermost = cast<scf::ForOp>(tiled->loops.back().getOperation());
    scf::ForOp remainder;
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, innermost, remainder);
    if (!remainder || !singleVectorRemainder)
      return success();

    // The remainder (fewer than `tile` elements) runs one vector per
    // iteration, peeled again, so that only its last partial vector is
    // masked. Vectorized as one masked vector of `tile` lanes it computes
    // all `tile` lanes, and its mask of 96 lanes (f32 tanh mode, 16 lanes,
    // unroll 6) LLVM builds lane by lane from k-register shifts: about 500
    // instructions, which made the 64 elements left of 4096 cost as much as
    // 500 elements of the main loop (tanh f32 on 4096 elements: x0.91 the
    // time, `scripts/ab-ffn.py --kernel gelu --approximation tanh --size
    // 4096`).
    SmallVector<TilingInterface> remainderTiles;
    remainder.getBody()->walk([&](linalg::LinalgOp tileOp) {
      if (isVectorizableElementwise(tileOp))
        remainderTiles.push_back(cast<TilingInterface>(tileOp.getOperation()));
    });
    for (TilingInterface remainderTile : remainderTiles) {
      SmallVector<int64_t> vectorSizes(rank, 0);
      vectorSizes.back() = static_cast<int64_t>(vectorWidth);
      scf::SCFTilingOptions vectorOptions;
      vectorOptions.setTileSizes(tileSizes(vectorSizes));
      rewriter.setInsertionPoint(remainderTile);
      FailureOr<scf::SCFTilingResult> vectors =
          scf::tileUsingSCF(rewriter, remainderTile, vectorOptions);
      if (failed(vectors) || vectors->loops.empty())
        return remainderTile->emitOpError(
            "could not be tiled to single vectors");
      rewriter.replaceOp(remainderTile, vectors->replacements);
      vectors->tiledOps.back()->setAttr(kSingleVectorTileAttr,
                                        rewriter.getUnitAttr());
      auto vectorLoop = cast<scf::ForOp>(vectors->loops.back().getOperation());
      scf::ForOp lastVector;
      if (failed(scf::peelForLoopAndSimplifyBounds(rewriter, vectorLoop,
                                                   lastVector)))
        continue;
      // In the loop of full vectors the size min(r - iv, width) is the
      // width: the loop stops at r - r mod width. The peeling cannot prove
      // it, because the tiling composed r (the remainder's size, itself an
      // affine expression of the outer iv) into the min, while the loop's
      // bound stays a separate value of r.
      int64_t width = static_cast<int64_t>(vectorWidth);
      SmallVector<affine::AffineMinOp> sizes;
      vectorLoop.getBody()->walk([&](affine::AffineMinOp min) {
        if (llvm::is_contained(min.getOperands(),
                               vectorLoop.getInductionVar()) &&
            llvm::any_of(min.getAffineMap().getResults(), [&](AffineExpr e) {
              auto constant = dyn_cast<AffineConstantExpr>(e);
              return constant && constant.getValue() == width;
            }))
          sizes.push_back(min);
      });
      for (affine::AffineMinOp min : sizes) {
        rewriter.setInsertionPoint(min);
        rewriter.replaceOpWithNewOp<arith::ConstantIndexOp>(min, width);
      }
    }
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
      if (isVectorizableElementwise(op) && !op->hasAttr(kAccumulatorFillAttr) &&
          !op->hasAttr(kBlockFillAttr))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp tile : tiles) {
      SmallVector<int64_t> vectorSizes(tile.getNumLoops(), 1);
      vectorSizes.back() = static_cast<int64_t>(vectorWidth);
      if (!tile->removeAttr(kSingleVectorTileAttr))
        vectorSizes.back() *= getUnroll(tile);
      if (failed(vectorizeTile(rewriter, tile, vectorSizes)))
        return failure();
    }
    return success();
  }
};

} // namespace
