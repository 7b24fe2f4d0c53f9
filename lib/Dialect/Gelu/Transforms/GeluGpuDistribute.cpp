//===- GeluGpuDistribute.cpp - Elementwise linalg on GPUs -------*- C++ -*-===//
//
// Tiles elementwise linalg.generic ops into scf.forall over blocks and
// threads with 128-bit vectors per thread (upstream scf::tileUsingSCF and
// linalg::vectorize), versioning each thread's tile on whether it is full so
// that only the last one needs masks. Blocks are numbered linearly over the
// rows and the column chunks of each row, so the grid is one-dimensional.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUGPUDISTRIBUTEPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

static bool isElementwiseOnTensors(linalg::GenericOp op) {
  return op.hasPureTensorSemantics() && linalg::isElementwise(op) &&
         op.getNumLoops() > 0;
}

/// The widest element type an elementwise op reads or writes, in bytes.
static unsigned widestElementBytes(linalg::GenericOp op) {
  unsigned bytes = 1;
  for (Value v : op->getOperands())
    if (auto shaped = dyn_cast<ShapedType>(v.getType()))
      bytes = std::max<unsigned>(
          bytes, shaped.getElementType().getIntOrFloatBitWidth() / 8);
  return bytes;
}

struct GeluGpuDistributePass final
    : mlir::gelu::impl::GeluGpuDistributePassBase<GeluGpuDistributePass> {
  using GeluGpuDistributePassBase::GeluGpuDistributePassBase;

  void runOnOperation() override {
    if (threadsPerBlock == 0) {
      getOperation()->emitError(
          "gelu-gpu-distribute: threads-per-block must be positive");
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    // linalg.fill (an output's initial value) is elementwise too, as the
    // generic op it generalizes to.
    SmallVector<linalg::FillOp> fills;
    getOperation()->walk([&](linalg::FillOp fill) {
      if (fill.hasPureTensorSemantics() && fill.getNumLoops() > 0)
        fills.push_back(fill);
    });
    for (linalg::FillOp fill : fills) {
      rewriter.setInsertionPoint(fill);
      if (failed(linalg::generalizeNamedOp(rewriter, fill)))
        return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> targets;
    bool undistributed = false;
    getOperation()->walk([&](linalg::LinalgOp op) {
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (generic && isElementwiseOnTensors(generic)) {
        targets.push_back(generic);
        return;
      }
      if (!requireAll || !op.hasPureTensorSemantics())
        return;
      if (op.getNumLoops() == 0 && generic && linalg::isElementwise(generic))
        op->emitOpError("works on 0-d tensors: gelu-gpu-pipeline runs "
                        "elementwise operations on tensors of rank 1 or "
                        "more (reshape the operands to tensor<1x...>)");
      else
        op->emitOpError("is not elementwise: gelu-gpu-pipeline runs only "
                        "elementwise operations (GELU and its fused "
                        "neighbours) on the GPU");
      undistributed = true;
    });
    if (undistributed)
      return signalPassFailure();
    SmallVector<Operation *> blockLoops;
    for (linalg::GenericOp op : targets) {
      FailureOr<scf::ForallOp> blockLoop = distribute(rewriter, op);
      if (failed(blockLoop))
        return signalPassFailure();
      blockLoops.push_back(*blockLoop);
    }
    if (blockLoops.empty())
      return;

    // Fold what tiling left symbolic but is known (the sizes of tiles that
    // cover a whole static dimension, unit coordinates), so that a thread
    // tile of known size has a static type before it is vectorized. (Masked
    // transfers on a slice whose type becomes static only afterwards are
    // broken by MLIR 22's canonicalization: it folds a tensor.cast into the
    // vector.mask.) The mapped loops themselves stay.
    SmallVector<Operation *> nestedOps;
    for (Operation *loop : blockLoops)
      loop->walk([&](Operation *nested) { nestedOps.push_back(nested); });
    RewritePatternSet patterns(&getContext());
    gelu::populateAllCanonicalizationPatterns(patterns);
    (void)applyOpPatternsGreedily(
        nestedOps, std::move(patterns),
        GreedyRewriteConfig().setStrictness(
            GreedyRewriteStrictness::ExistingAndNewOps));

    // Every elementwise op on tensors inside a block loop is a thread's tile.
    SmallVector<linalg::GenericOp> threadTiles;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (isElementwiseOnTensors(op) && op->getParentOfType<scf::ForallOp>())
        threadTiles.push_back(op);
    });
    for (linalg::GenericOp tile : threadTiles)
      if (failed(vectorizeThreadTile(rewriter, tile)))
        return signalPassFailure();
  }

  /// Rewrites `op` into a one-dimensional scf.forall over blocks, each of
  /// which computes `perBlock` consecutive elements of one row (1 x ... x 1 x
  /// perBlock; the last block of a row is partial), and returns the op
  /// inside. The blocks are numbered linearly (affine.delinearize_index
  /// recovers the row and the column chunk) so that the grid is only in x,
  /// which holds 2^31 - 1 blocks, whatever the rank and the outer sizes.
  FailureOr<TilingInterface> tileOverBlocks(RewriterBase &rewriter,
                                            linalg::GenericOp op,
                                            int64_t perBlock) {
    Location loc = op.getLoc();
    unsigned rank = op.getNumLoops();
    rewriter.setInsertionPoint(op);
    auto tileable = cast<TilingInterface>(op.getOperation());
    SmallVector<OpFoldResult> extents =
        llvm::map_to_vector(tileable.getIterationDomain(rewriter),
                            [](const Range &range) { return range.size; });
    AffineExpr s0, s1;
    bindSymbols(rewriter.getContext(), s0, s1);
    SmallVector<OpFoldResult> basis(extents.begin(), extents.end() - 1);
    basis.push_back(affine::makeComposedFoldedAffineApply(
        rewriter, loc, s0.ceilDiv(perBlock), {extents.back()}));
    OpFoldResult blocks = basis.front();
    for (OpFoldResult extent : llvm::drop_begin(basis))
      blocks = affine::makeComposedFoldedAffineApply(rewriter, loc, s0 * s1,
                                                     {blocks, extent});

    // Mapped to blocks: besides stating the intent, a mapping keeps
    // canonicalization from folding a loop of one block away, which would
    // leave the work to the host.
    ArrayAttr blockMapping =
        rewriter.getArrayAttr({gpu::GPUBlockMappingAttr::get(
            rewriter.getContext(), gpu::MappingId::DimX)});
    auto forall = scf::ForallOp::create(rewriter, loc, {blocks},
                                        op.getDpsInits(), blockMapping);
    rewriter.setInsertionPointToStart(forall.getBody());
    SmallVector<OpFoldResult> offsets, sizes;
    if (rank == 1) {
      offsets.push_back(forall.getInductionVar(0));
    } else {
      auto position = affine::AffineDelinearizeIndexOp::create(
          rewriter, loc, forall.getInductionVar(0), basis);
      for (unsigned d = 0; d < rank; ++d)
        offsets.push_back(position.getResult(d));
    }
    sizes.assign(rank, rewriter.getIndexAttr(1));
    offsets.back() = affine::makeComposedFoldedAffineApply(
        rewriter, loc, s0 * perBlock, {offsets.back()});
    sizes.back() = affine::makeComposedFoldedAffineMin(
        rewriter, loc,
        AffineMap::get(0, 2,
                       {rewriter.getAffineConstantExpr(perBlock), s1 - s0},
                       rewriter.getContext()),
        {offsets.back(), extents.back()});

    // The tile of a clone that writes into the loop's shared outputs.
    IRMapping outputs;
    outputs.map(op.getDpsInits(), forall.getRegionIterArgs());
    auto clone = cast<TilingInterface>(rewriter.clone(*op, outputs));
    FailureOr<TilingResult> tile =
        clone.getTiledImplementation(rewriter, offsets, sizes);
    if (failed(tile) || tile->tiledOps.size() != 1) {
      rewriter.eraseOp(clone);
      rewriter.eraseOp(forall);
      return op.emitOpError("could not be tiled over GPU blocks");
    }
    SmallVector<SmallVector<OpFoldResult>> resultOffsets, resultSizes;
    for (unsigned i = 0, e = op->getNumResults(); i < e; ++i) {
      if (failed(clone.getResultTilePosition(rewriter, i, offsets, sizes,
                                             resultOffsets.emplace_back(),
                                             resultSizes.emplace_back()))) {
        rewriter.eraseOp(clone);
        rewriter.eraseOp(forall);
        return op.emitOpError("could not be tiled over GPU blocks");
      }
    }
    rewriter.eraseOp(clone);

    rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
    for (auto [i, value] : llvm::enumerate(tile->tiledValues)) {
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      tensor::ParallelInsertSliceOp::create(
          rewriter, loc, value, forall.getRegionIterArgs()[i], resultOffsets[i],
          resultSizes[i], strides);
    }
    rewriter.replaceOp(op, forall.getResults());
    return cast<TilingInterface>(tile->tiledOps.front());
  }

  /// The elements each thread of `op` computes.
  int64_t elementsPerThreadOf(linalg::GenericOp op) {
    return elementsPerThread
               ? elementsPerThread
               : std::max<int64_t>(1, 16 / widestElementBytes(op));
  }

  /// Tiles `op` over blocks and threads; returns the block loop.
  FailureOr<scf::ForallOp> distribute(RewriterBase &rewriter,
                                      linalg::GenericOp op) {
    unsigned rank = op.getNumLoops();
    int64_t perThread = elementsPerThreadOf(op);
    int64_t perBlock = perThread * threadsPerBlock;
    FailureOr<TilingInterface> blockOp = tileOverBlocks(rewriter, op, perBlock);
    if (failed(blockOp))
      return failure();
    auto blockLoop = (*blockOp)->getParentOfType<scf::ForallOp>();

    // Threads: each thread `perThread` consecutive elements.
    SmallVector<int64_t> threadTiles(rank, 0);
    threadTiles.back() = perThread;
    scf::SCFTilingOptions threadOptions;
    threadOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    threadOptions.setMapping({gpu::GPUThreadMappingAttr::get(
        rewriter.getContext(), gpu::MappingId::DimX)});
    threadOptions.setTileSizes(
        llvm::map_to_vector(threadTiles, [&](int64_t size) -> OpFoldResult {
          return rewriter.getIndexAttr(size);
        }));
    rewriter.setInsertionPoint(*blockOp);
    FailureOr<scf::SCFTilingResult> threads =
        scf::tileUsingSCF(rewriter, *blockOp, threadOptions);
    if (failed(threads))
      return blockOp->emitOpError("could not be tiled over GPU threads");
    rewriter.replaceOp(*blockOp, threads->replacements);
    return blockLoop;
  }

  /// Vectorizes a thread's tile: 1 in the outer dimensions and `perThread`
  /// elements, full or (last thread) partial. A tile of static shape (its
  /// size is the same in every thread) becomes vectors of that shape.
  LogicalResult vectorizeThreadTile(RewriterBase &rewriter,
                                    linalg::GenericOp op) {
    if (!op.hasDynamicShape()) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result =
          linalg::vectorize(rewriter, op);
      if (failed(result))
        return op.emitOpError("could not be vectorized");
      rewriter.replaceOp(op, result->replacements);
      return success();
    }
    SmallVector<int64_t> vectorSizes(op.getNumLoops(), 1);
    vectorSizes.back() = elementsPerThreadOf(op);
    return vectorizeVersioned(rewriter, op, vectorSizes);
  }

  /// Vectorizes `op` in an scf.if on whether its innermost size is the full
  /// vector size: unmasked then, masked otherwise.
  LogicalResult vectorizeVersioned(RewriterBase &rewriter, linalg::GenericOp op,
                                   ArrayRef<int64_t> vectorSizes) {
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value innermost = linalg::createOrFoldDimOp(
        rewriter, loc, op.getDpsInitOperand(0)->get(), op.getNumLoops() - 1);
    Value full = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::eq, innermost,
        arith::ConstantIndexOp::create(rewriter, loc, vectorSizes.back()));
    auto ifOp = scf::IfOp::create(rewriter, loc, op->getResultTypes(), full,
                                  /*withElseRegion=*/true);
    SmallVector<bool> scalable(vectorSizes.size(), false);
    for (bool masked : {false, true}) {
      Block &block =
          masked ? ifOp.getElseRegion().front() : ifOp.getThenRegion().front();
      rewriter.setInsertionPointToStart(&block);
      auto clone = cast<linalg::GenericOp>(rewriter.clone(*op));
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, clone, vectorSizes, scalable,
          /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/!masked);
      if (failed(result))
        return op.emitOpError("could not be vectorized");
      rewriter.replaceOp(clone, result->replacements);
      scf::YieldOp::create(rewriter, loc, result->replacements);
    }
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

} // namespace
