//===- GeluPrefetch.cpp - Software prefetch in streaming loops --*- C++ -*-===//
//
// An elementwise kernel that streams from DRAM with a long computation per
// vector holds many instructions between its loads and its stores; the
// hardware prefetchers can fall behind, and the stores wait for their lines
// (docs/Pipelines.md: a gain at 16Mi elements, a cost at 64Ki, so the CPU
// pipeline leaves it off by default). This pass asks for the lines a fixed
// distance ahead, for reading and for writing. Upstream has no such pass
// for the memref/vector level (LLVM's LoopDataPrefetch is not in x86's
// pipeline).
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

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
/// innermost stride whose innermost index is `loop`'s induction variable.
struct StreamAccess {
  Value memref;
  SmallVector<Value> indices;
  int64_t elementBytes;
  int64_t vectorBytes;
  bool isWrite;
};

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
  if (indices.back() != loop.getInductionVar())
    return std::nullopt;
  int64_t elementBytes = memrefType.getElementTypeBitWidth() / 8;
  if (elementBytes == 0)
    return std::nullopt;
  return StreamAccess{transfer.getBase(), llvm::to_vector(indices),
                      elementBytes, vectorType.getNumElements() * elementBytes,
                      isa<vector::TransferWriteOp>(op)};
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

  /// Innermost loops only: a loop with a loop inside is a tile loop or a
  /// reduction, not a stream.
  void prefetchStreams(scf::ForOp loop) {
    Block *body = loop.getBody();
    if (llvm::any_of(*body, [](Operation &op) {
          return op.getNumRegions() != 0 && !isa<vector::MaskOp>(op);
        }))
      return;
    SmallVector<StreamAccess> accesses;
    for (Operation &op : *body)
      if (std::optional<StreamAccess> access = getStreamAccess(&op, loop))
        accesses.push_back(*access);
    // A stream is at least a line (and min-bytes) per iteration read and
    // written: a loop that only reads (a reduction) or only writes (a fill)
    // is left alone.
    int64_t minimum = std::max<int64_t>(kLineBytes, minBytes);
    auto streams = [&](bool isWrite) {
      return llvm::any_of(accesses, [&](const StreamAccess &access) {
        return access.isWrite == isWrite && access.vectorBytes >= minimum;
      });
    };
    if (!streams(false) || !streams(true))
      return;

    ImplicitLocOpBuilder b(loop.getLoc(), loop);
    b.setInsertionPointToStart(body);
    for (const StreamAccess &access : accesses) {
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
              b, loop.getInductionVar(),
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
    }
  }
};

} // namespace
