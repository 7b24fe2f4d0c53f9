//===- GeluPrefetch.cpp - Software prefetch in streaming loops --*- C++ -*-===//
//
// An elementwise kernel that streams from DRAM with a long computation per
// vector holds many instructions between its loads and its stores; the
// hardware prefetchers can fall behind, and the stores wait for their lines
// (docs/Pipelines.md: a gain at 16Mi elements, a cost at 64Ki). This pass
// asks for the lines a fixed distance ahead, for reading and for writing,
// and can version the loop on the size of the buffers it streams, so that
// data that fits the caches runs the loop without them. Upstream has no such
// pass for the memref/vector level (LLVM's LoopDataPrefetch is not in x86's
// pipeline).
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUPREFETCHPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// The cache line the prefetches are spaced by.
constexpr int64_t kLineBytes = 64;

/// A 1-D in-bounds unmasked transfer of `loop`'s body on a memref with unit
/// innermost stride whose innermost index is `loop`'s induction variable,
/// plus an offset defined outside the loop, and whose other indices are
/// defined outside the loop.
struct StreamAccess {
  Value memref;
  SmallVector<Value> indices;
  int64_t elementBytes;
  int64_t vectorBytes;
  bool isWrite;
};

/// Whether `index` is `loop`'s induction variable, or its sum with values
/// defined outside `loop` (arith.addi, or an affine.apply of a sum of its
/// operands with unit coefficients, as tiling for scf.forall leaves the
/// chunk's offset plus the induction variable).
bool isInductionVarPlusInvariant(Value index, scf::ForOp loop) {
  Value iv = loop.getInductionVar();
  if (index == iv)
    return true;
  Operation *def = index.getDefiningOp();
  if (!def)
    return false;
  if (auto add = dyn_cast<arith::AddIOp>(def)) {
    Value lhs = add.getLhs(), rhs = add.getRhs();
    return (isInductionVarPlusInvariant(lhs, loop) &&
            loop.isDefinedOutsideOfLoop(rhs)) ||
           (isInductionVarPlusInvariant(rhs, loop) &&
            loop.isDefinedOutsideOfLoop(lhs));
  }
  auto apply = dyn_cast<affine::AffineApplyOp>(def);
  if (!apply)
    return false;
  // The map is a sum of its operands, each once with coefficient 1, and the
  // induction variable is one of them, the others defined outside.
  AffineMap map = apply.getAffineMap();
  if (map.getNumResults() != 1)
    return false;
  unsigned numOperands = apply.getNumOperands();
  AffineExpr sum = getAffineConstantExpr(0, apply.getContext());
  for (unsigned i = 0; i < map.getNumDims(); ++i)
    sum = sum + getAffineDimExpr(i, apply.getContext());
  for (unsigned i = 0; i < map.getNumSymbols(); ++i)
    sum = sum + getAffineSymbolExpr(i, apply.getContext());
  if (simplifyAffineExpr(map.getResult(0), map.getNumDims(),
                         map.getNumSymbols()) !=
      simplifyAffineExpr(sum, map.getNumDims(), map.getNumSymbols()))
    return false;
  unsigned ivCount = 0;
  for (unsigned i = 0; i < numOperands; ++i) {
    Value operand = apply.getOperand(i);
    if (operand == iv)
      ++ivCount;
    else if (!loop.isDefinedOutsideOfLoop(operand))
      return false;
  }
  return ivCount == 1;
}

/// The access `op` makes, if it streams along `loop`.
std::optional<StreamAccess> getStreamAccess(Operation *op, scf::ForOp loop) {
  auto transfer = dyn_cast<VectorTransferOpInterface>(op);
  if (!transfer || transfer.getMask() || transfer.hasOutOfBoundsDim())
    return std::nullopt;
  auto memrefType = dyn_cast<MemRefType>(transfer.getShapedType());
  VectorType vectorType = transfer.getVectorType();
  if (!memrefType || vectorType.getRank() != 1 ||
      !memrefType.getElementType().isIntOrFloat() ||
      !transfer.getPermutationMap().isMinorIdentity())
    return std::nullopt;
  int64_t offset;
  SmallVector<int64_t> strides;
  if (failed(memrefType.getStridesAndOffset(strides, offset)) ||
      strides.back() != 1)
    return std::nullopt;
  ValueRange indices = transfer.getIndices();
  // The other indices (a row) and the memref stay fixed along the loop.
  if (!isInductionVarPlusInvariant(indices.back(), loop) ||
      !loop.isDefinedOutsideOfLoop(transfer.getBase()) ||
      !llvm::all_of(indices.drop_back(), [&](Value index) {
        return loop.isDefinedOutsideOfLoop(index);
      }))
    return std::nullopt;
  int64_t elementBytes = memrefType.getElementTypeBitWidth() / 8;
  if (elementBytes == 0)
    return std::nullopt;
  return StreamAccess{transfer.getBase(), llvm::to_vector(indices),
                      elementBytes, vectorType.getNumElements() * elementBytes,
                      isa<vector::TransferWriteOp>(op)};
}

/// The memref that `value` views, through subviews and casts: the argument
/// or allocation whose size says whether the data fits the caches.
Value getViewedMemref(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (auto subview = dyn_cast<memref::SubViewOp>(def))
      value = subview.getSource();
    else if (auto cast = dyn_cast<memref::CastOp>(def))
      value = cast.getSource();
    else
      break;
  }
  return value;
}

struct GeluPrefetchPass final
    : public gelu::impl::GeluPrefetchPassBase<GeluPrefetchPass> {
  using Base::Base;

  void runOnOperation() override {
    if (distance == 0)
      return;
    if (distance % kLineBytes != 0) {
      emitError(getOperation()->getLoc())
          << "gelu-prefetch: distance " << distance.getValue()
          << " is not a multiple of the 64-byte cache line";
      return signalPassFailure();
    }
    SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      prefetchStreams(loop);
  }

  /// The streams of `loop`, if it is an innermost loop that reads and writes
  /// at least min-bytes (and a line) per iteration. A loop with a loop inside
  /// is a tile loop or a reduction, not a stream; a loop that only reads (a
  /// reduction) or only writes (a fill) is left alone.
  SmallVector<StreamAccess> getStreams(scf::ForOp loop) {
    Block *body = loop.getBody();
    if (llvm::any_of(*body, [](Operation &op) {
          return op.getNumRegions() != 0 && !isa<vector::MaskOp>(op);
        }))
      return {};
    SmallVector<StreamAccess> accesses;
    for (Operation &op : *body)
      if (std::optional<StreamAccess> access = getStreamAccess(&op, loop))
        accesses.push_back(*access);
    int64_t minimum = std::max<int64_t>(kLineBytes, minBytes);
    auto streams = [&](bool isWrite) {
      return llvm::any_of(accesses, [&](const StreamAccess &access) {
        return access.isWrite == isWrite && access.vectorBytes >= minimum;
      });
    };
    if (!streams(false) || !streams(true))
      return {};
    return accesses;
  }

  void prefetchStreams(scf::ForOp loop) {
    SmallVector<StreamAccess> accesses = getStreams(loop);
    if (accesses.empty())
      return;
    if (minTotalBytes == 0) {
      insertPrefetches(loop, accesses);
      return;
    }
    // Versioned: the prefetching copy runs where the memrefs the streams
    // view hold at least min-total-bytes together, the loop as it was
    // elsewhere.
    ImplicitLocOpBuilder b(loop.getLoc(), loop);
    SmallVector<Value> viewed;
    for (const StreamAccess &access : accesses) {
      // Defined outside the loop, as the view is (getStreamAccess).
      Value memref = getViewedMemref(access.memref);
      if (!llvm::is_contained(viewed, memref))
        viewed.push_back(memref);
    }
    Value totalBytes;
    for (Value memref : viewed) {
      auto type = cast<MemRefType>(memref.getType());
      Value bytes =
          arith::ConstantIndexOp::create(b, type.getElementTypeBitWidth() / 8);
      for (int64_t dim = 0; dim < type.getRank(); ++dim)
        bytes = arith::MulIOp::create(
            b, bytes,
            type.isDynamicDim(dim)
                ? memref::DimOp::create(b, memref, dim).getResult()
                : arith::ConstantIndexOp::create(b, type.getDimSize(dim))
                      .getResult());
      totalBytes =
          totalBytes ? arith::AddIOp::create(b, totalBytes, bytes) : bytes;
    }
    Value large =
        arith::CmpIOp::create(b, arith::CmpIPredicate::uge, totalBytes,
                              arith::ConstantIndexOp::create(b, minTotalBytes));
    auto ifOp = scf::IfOp::create(b, loop.getResultTypes(), large,
                                  /*withElseRegion=*/true);
    auto fill = [&](Block *block, Operation *loopOp) {
      OpBuilder blockBuilder = OpBuilder::atBlockEnd(block);
      if (!block->empty() && block->back().hasTrait<OpTrait::IsTerminator>())
        block->back().erase();
      if (loopOp->getBlock())
        loopOp->moveBefore(block, block->end());
      else
        blockBuilder.insert(loopOp);
      blockBuilder.setInsertionPointToEnd(block);
      scf::YieldOp::create(blockBuilder, loop.getLoc(), loopOp->getResults());
    };
    auto prefetching = cast<scf::ForOp>(loop->clone());
    loop->replaceUsesWithIf(ifOp.getResults(), [&](OpOperand &use) {
      return !ifOp->isAncestor(use.getOwner());
    });
    fill(ifOp.thenBlock(), prefetching);
    fill(ifOp.elseBlock(), loop);
    insertPrefetches(prefetching, getStreams(prefetching));
  }

  void insertPrefetches(scf::ForOp loop, ArrayRef<StreamAccess> accesses) {
    ImplicitLocOpBuilder b(loop.getLoc(), loop);
    // At the start of the body, in the order of the accesses, where the
    // index is the induction variable; after the index's definition
    // otherwise.
    OpBuilder::InsertPoint atStart(loop.getBody(), loop.getBody()->begin());
    for (const StreamAccess &access : accesses) {
      Value index = access.indices.back();
      Operation *def = index.getDefiningOp();
      if (def)
        b.setInsertionPointAfter(def);
      else
        b.restoreInsertionPoint(atStart);
      // The innermost index `distance` bytes ahead, clamped so that every
      // line of the vector there lies in the row (the loop runs full
      // vectors only, so the row holds one): a prefetch past the end would
      // be an out-of-bounds memref access. One add and one min per stream;
      // the lines are constant offsets from it.
      unsigned rank = access.indices.size();
      int64_t vectorElements = access.vectorBytes / access.elementBytes;
      Value lastStart = arith::SubIOp::create(
          b,
          memref::DimOp::create(b, access.memref,
                                static_cast<int64_t>(rank - 1)),
          arith::ConstantIndexOp::create(b, vectorElements));
      Value start = arith::MinSIOp::create(
          b,
          arith::AddIOp::create(
              b, index,
              arith::ConstantIndexOp::create(b, static_cast<int64_t>(distance) /
                                                    access.elementBytes)),
          lastStart);
      for (int64_t line = 0; line < access.vectorBytes; line += kLineBytes) {
        SmallVector<Value> indices(access.indices);
        indices.back() =
            line == 0
                ? start
                : arith::AddIOp::create(b, start,
                                        arith::ConstantIndexOp::create(
                                            b, line / access.elementBytes));
        memref::PrefetchOp::create(b, access.memref, indices, access.isWrite,
                                   /*localityHint=*/3, /*isDataCache=*/true);
      }
      if (!def)
        atStart = b.saveInsertionPoint();
    }
  }
};

} // namespace
