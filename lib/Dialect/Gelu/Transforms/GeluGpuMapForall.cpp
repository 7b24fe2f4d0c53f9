//===- GeluGpuMapForall.cpp - GPU-mapped scf.forall to scf.parallel -------===//
//
// The step between gelu-gpu-distribute's mapped scf.forall loops and
// upstream's convert-parallel-loops-to-gpu: the same loops as scf.parallel
// with the mapping that conversion reads. The loop rewrite itself is
// upstream's scf::forallToParallelLoop.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUGPUMAPFORALLPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// The processor of a block or thread mapping in x, y or z.
static std::optional<gpu::Processor> getProcessor(Attribute mapping) {
  auto dim = [](gpu::MappingId id) -> std::optional<unsigned> {
    switch (id) {
    case gpu::MappingId::DimX:
      return 0;
    case gpu::MappingId::DimY:
      return 1;
    case gpu::MappingId::DimZ:
      return 2;
    default:
      return std::nullopt;
    }
  };
  if (auto block = dyn_cast<gpu::GPUBlockMappingAttr>(mapping)) {
    if (std::optional<unsigned> d = dim(block.getBlock()))
      return static_cast<gpu::Processor>(
          static_cast<unsigned>(gpu::Processor::BlockX) + *d);
  } else if (auto thread = dyn_cast<gpu::GPUThreadMappingAttr>(mapping)) {
    if (std::optional<unsigned> d = dim(thread.getThread()))
      return static_cast<gpu::Processor>(
          static_cast<unsigned>(gpu::Processor::ThreadX) + *d);
  }
  return std::nullopt;
}

/// The memref.alloc or memref.alloca (host memory, default memory space)
/// that `buffer` is a view of, if any.
static Operation *getHostAllocation(Value buffer) {
  while (Operation *def = buffer.getDefiningOp()) {
    if (isa<memref::AllocOp, memref::AllocaOp>(def)) {
      auto type = cast<MemRefType>(buffer.getType());
      return type.getMemorySpace() ? nullptr : def;
    }
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      return nullptr;
    buffer = view.getViewSource();
  }
  return nullptr;
}

/// Reports the host allocations that the kernel `loop` would access: after
/// bufferization, a result that is not written into an argument gets a
/// memref.alloc, which the host lowers to malloc, memory a GPU cannot write.
static LogicalResult checkNoHostBuffers(scf::ForallOp loop) {
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(loop.getRegion(), captured);
  bool failed = false;
  for (Value value : captured) {
    if (!isa<MemRefType>(value.getType()))
      continue;
    Operation *allocation = getHostAllocation(value);
    if (!allocation)
      continue;
    allocation
        ->emitOpError("allocates host memory that a GPU kernel accesses: "
                      "write the result into a device memref argument "
                      "(bufferization.materialize_in_destination) or "
                      "allocate it with gpu.alloc")
        .attachNote(loop.getLoc())
        .append("the kernel's loop");
    failed = true;
  }
  return failure(failed);
}

struct GeluGpuMapForallPass final
    : mlir::gelu::impl::GeluGpuMapForallPassBase<GeluGpuMapForallPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> loops;
    getOperation()->walk([&](scf::ForallOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    for (scf::ForallOp loop : loops) {
      std::optional<ArrayAttr> mapping = loop.getMapping();
      if (!mapping || mapping->empty())
        continue;
      SmallVector<gpu::Processor> processors;
      for (Attribute dim : *mapping)
        if (std::optional<gpu::Processor> processor = getProcessor(dim))
          processors.push_back(*processor);
      if (processors.size() != mapping->size())
        continue; // Warps, lanes, linear ids: not ours to map.
      if (!loop.getOutputs().empty()) {
        loop.emitOpError("is mapped to the GPU but has tensor outputs: "
                         "bufferize before gelu-gpu-map-forall");
        return signalPassFailure();
      }
      // The outermost mapped loop is the kernel: what it reads and writes
      // from outside must be device memory.
      if (!loop->getParentOfType<scf::ForallOp>() &&
          failed(checkNoHostBuffers(loop)))
        return signalPassFailure();
      scf::ParallelOp parallel;
      if (failed(scf::forallToParallelLoop(rewriter, loop, &parallel)))
        return signalPassFailure();
      AffineMap identity = rewriter.getDimIdentityMap();
      SmallVector<gpu::ParallelLoopDimMappingAttr> dims =
          llvm::map_to_vector(processors, [&](gpu::Processor processor) {
            return gpu::ParallelLoopDimMappingAttr::get(
                &getContext(), processor, identity, identity);
          });
      if (failed(gpu::setMappingAttr(parallel, dims)))
        return signalPassFailure();
      ++numMapped;
    }
  }
};

} // namespace
