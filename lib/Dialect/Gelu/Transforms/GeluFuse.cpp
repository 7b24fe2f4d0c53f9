//===- GeluFuse.cpp - Fuse GELU with bias, gates and matmuls ----*- C++ -*-===//
//
// Elementwise fusion (bias + GELU, GEGLU, scaling, residual add) with upstream
// linalg elementwise fusion, then epilogue fusion: the elementwise consumer of
// a contraction is tiled and the contraction is fused into its tiles with
// upstream scf::tileConsumerAndFuseProducersUsingSCF. This pass only decides
// what to fuse and with which tile sizes.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUFUSEPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// A contraction (matmul-like: a reduction over k of products) on tensors.
static bool isTensorContraction(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.hasPureTensorSemantics() &&
         linalg::isaContractionOpInterface(linalgOp);
}

/// An elementwise linalg.generic on tensors.
static bool isTensorElementwise(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic && generic.hasPureTensorSemantics() &&
         linalg::isElementwise(generic);
}

/// The contraction results `consumer` can absorb: each read with the identity
/// map over the consumer's whole iteration space, and used by nothing else.
static SmallVector<OpOperand *>
fusableContractions(linalg::GenericOp consumer) {
  SmallVector<OpOperand *> operands;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    Operation *producer = input->get().getDefiningOp();
    if (!isTensorContraction(producer) || !input->get().hasOneUse())
      continue;
    if (!consumer.getMatchingIndexingMap(input).isIdentity())
      continue;
    auto producerType = cast<RankedTensorType>(input->get().getType());
    if (producerType.getRank() != consumer.getNumLoops())
      continue;
    operands.push_back(input);
  }
  return operands;
}

/// Lets the first fused contraction of a tile accumulate in the epilogue's
/// output tile: its zero-filled accumulator becomes a fill of that tile and
/// the epilogue writes over the accumulated tile, so bufferization computes
/// all three in the output buffer and no buffer of the raw matmul result is
/// allocated.
static void accumulateInOutputTile(RewriterBase &rewriter,
                                   Operation *tiledConsumer) {
  auto consumer = dyn_cast_or_null<linalg::GenericOp>(tiledConsumer);
  if (!consumer || consumer.getNumDpsInits() != 1 ||
      !consumer.getMatchingBlockArgument(consumer.getDpsInitOperand(0))
           .use_empty())
    return;
  Value dest = consumer.getDpsInitOperand(0)->get();
  Operation *destOp = dest.getDefiningOp();
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    auto contraction = input->get().getDefiningOp<linalg::LinalgOp>();
    if (!contraction || !linalg::isaContractionOpInterface(contraction) ||
        !input->get().hasOneUse() ||
        !consumer.getMatchingIndexingMap(input).isIdentity())
      continue;
    auto fill =
        contraction.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
    if (!fill || !fill.getResult(0).hasOneUse() ||
        fill.getResult(0).getType() != dest.getType())
      continue;
    // The output tile must be available where the fill is.
    if (destOp && destOp->getBlock() == fill->getBlock() &&
        fill->isBeforeInBlock(destOp)) {
      bool movable = llvm::all_of(destOp->getOperands(), [&](Value v) {
        Operation *def = v.getDefiningOp();
        return !def || def->getBlock() != fill->getBlock() ||
               def->isBeforeInBlock(fill);
      });
      if (!movable)
        continue;
      rewriter.moveOpBefore(destOp, fill);
    }
    rewriter.modifyOpInPlace(fill,
                             [&] { fill.getDpsInitOperand(0)->set(dest); });
    // The epilogue then reads the accumulated tile as its output operand and
    // overwrites it: read and write of one slice, which bufferization (and
    // gelu-vectorize's tiling) keep in place.
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    for (OpOperand *other : consumer.getDpsInputOperands())
      if (other != input) {
        inputs.push_back(other->get());
        maps.push_back(consumer.getMatchingIndexingMap(other));
      }
    maps.push_back(consumer.getMatchingIndexingMap(input));
    rewriter.setInsertionPoint(consumer);
    auto inPlace = linalg::GenericOp::create(
        rewriter, consumer.getLoc(), consumer.getResultTypes(), inputs,
        ValueRange{input->get()}, maps, consumer.getIteratorTypesArray());
    Block *oldBody = consumer.getBlock();
    Block *newBody = rewriter.createBlock(&inPlace.getRegion());
    IRMapping mapping;
    for (OpOperand *other : consumer.getDpsInputOperands()) {
      BlockArgument arg = oldBody->getArgument(other->getOperandNumber());
      if (other != input)
        mapping.map(arg, newBody->addArgument(arg.getType(), arg.getLoc()));
    }
    BlockArgument accumulated = oldBody->getArgument(input->getOperandNumber());
    mapping.map(accumulated, newBody->addArgument(accumulated.getType(),
                                                  accumulated.getLoc()));
    for (Operation &op : oldBody->getOperations())
      rewriter.clone(op, mapping);
    rewriter.replaceOp(consumer, inPlace->getResults());
    return;
  }
}

struct GeluFusePass final : mlir::gelu::impl::GeluFusePassBase<GeluFusePass> {
  using GeluFusePassBase::GeluFusePassBase;

  void runOnOperation() override {
    if (tileM == 0 || tileN == 0) {
      getOperation()->emitError(
          "gelu-fuse: tile-m and tile-n must be positive");
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();

    // 1. Elementwise chains become one linalg.generic.
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *operand) {
          // Only elementwise producers; contractions are fused below, by
          // tiling.
          return isTensorElementwise(operand->get().getDefiningOp());
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    if (!epilogues)
      return;

    // 2. Contractions into their elementwise consumer's tiles.
    SmallVector<linalg::GenericOp> consumers;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (isTensorElementwise(op) && !fusableContractions(op).empty())
        consumers.push_back(op);
    });
    IRRewriter rewriter(context);
    for (linalg::GenericOp consumer : consumers) {
      unsigned rank = consumer.getNumLoops();
      if (rank < 2)
        continue;
      // Batch dimensions by 1, then rows by tile-m and columns by tile-n,
      // with the column loop outermost so that a column panel of the weights
      // is reused across the row tiles.
      SmallVector<OpFoldResult> sizes(rank, rewriter.getIndexAttr(1));
      sizes[rank - 2] = rewriter.getIndexAttr(tileM);
      sizes[rank - 1] = rewriter.getIndexAttr(tileN);
      SmallVector<int64_t> interchange =
          llvm::to_vector(llvm::seq<int64_t>(0, static_cast<int64_t>(rank)));
      std::swap(interchange[rank - 2], interchange[rank - 1]);
      scf::SCFTilingOptions tiling;
      tiling.setTileSizes(sizes);
      tiling.setInterchange(interchange);
      scf::SCFTileAndFuseOptions options;
      options.setTilingOptions(tiling);
      // Fuse contractions (and the fill of their accumulator), nothing else:
      // other producers stay whole, computed once.
      options.setFusionControlFn(
          [](tensor::ExtractSliceOp, OpResult producer, bool)
              -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
            Operation *op = producer.getOwner();
            if (isTensorContraction(op) || isa<linalg::FillOp>(op))
              return scf::SCFTileAndFuseOptions::ControlFnResult{false};
            return std::nullopt;
          });
      rewriter.setInsertionPoint(consumer);
      FailureOr<scf::SCFTileAndFuseResult> result =
          scf::tileConsumerAndFuseProducersUsingSCF(
              rewriter, cast<TilingInterface>(consumer.getOperation()),
              options);
      if (failed(result)) {
        consumer.emitWarning("gelu-fuse: could not tile and fuse");
        continue;
      }
      for (OpResult value : consumer->getResults())
        if (Value replacement = result->replacements.lookup(value))
          rewriter.replaceAllUsesWith(value, replacement);
      accumulateInOutputTile(rewriter, result->tiledAndFusedOps.front());
      // The partial tiles peeled: with a static shape every tile then has a
      // static size, which gelu-vectorize's register blocks need to cover
      // the last rows (5 of ViT's 197 tokens) with one block.
      gelu::peelTileLoops(rewriter, result->loops);
      numEpilogues += llvm::count_if(result->fusedProducers, [](Operation *op) {
        return isTensorContraction(op);
      });
    }
    // A tile of a matmul whose accumulator is not the output tile (GEGLU's
    // gate) is a slice of a tensor.empty as large as the whole result:
    // folded into a tensor.empty of the tile, it bufferizes to a tile-sized
    // buffer instead of a result-sized one (2 MiB for T5's GEGLU, freshly
    // mapped and faulted in on every call).
    RewritePatternSet emptyPatterns(context);
    tensor::populateFoldTensorEmptyPatterns(emptyPatterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(emptyPatterns))))
      return signalPassFailure();
  }
};

} // namespace
