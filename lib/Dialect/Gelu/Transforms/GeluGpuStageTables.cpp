//===- GeluGpuStageTables.cpp - Constant tables in shared memory -*- C++
//-*-===//
//
// Copies the constant tables a kernel reads (memref.globals of its
// gpu.module) into workgroup memory when the kernel starts, and reads the
// copies: scattered reads of a small table are served by shared memory's
// banks instead of one L1 cache line per cycle.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUGPUSTAGETABLESPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// Shared memory's address space on NVPTX and AMDGPU.
constexpr int64_t kWorkgroupAddressSpace = 3;

/// Bytes each thread copies per step.
constexpr int64_t kCopyBytes = 16;

/// Whether every use of `getGlobal` reads it (memref.load, vector.load),
/// so that the reads can take a memref in another memory space.
static bool onlyRead(memref::GetGlobalOp getGlobal) {
  return llvm::all_of(getGlobal->getUses(), [](OpOperand &use) {
    Operation *user = use.getOwner();
    if (auto load = dyn_cast<memref::LoadOp>(user))
      return use.get() == load.getMemRef();
    if (auto load = dyn_cast<vector::LoadOp>(user))
      return use.get() == load.getBase();
    return false;
  });
}

/// Copies `source` (a static 1-D or n-D memref) into `target` with the
/// block's threads in turn: each thread copies the 16-byte chunks (or
/// elements, where the table is not a whole number of chunks) at its
/// linear thread id plus multiples of the block's size.
static void copyWithBlock(ImplicitLocOpBuilder &b, gpu::GPUFuncOp func,
                          Value source, Value target) {
  auto type = cast<MemRefType>(source.getType());
  int64_t elements = type.getNumElements();
  unsigned elementBytes = type.getElementTypeBitWidth() / 8;
  int64_t chunk = 1;
  if (elementBytes > 0 && kCopyBytes % elementBytes == 0 &&
      elements % (kCopyBytes / elementBytes) == 0)
    chunk = kCopyBytes / elementBytes;
  Type index = b.getIndexType();
  // n-D tables are copied through 1-D views of both buffers.
  auto flatten = [&](Value v) -> Value {
    if (type.getRank() == 1)
      return v;
    SmallVector<ReassociationIndices> all(1);
    for (int64_t d = 0; d < type.getRank(); ++d)
      all[0].push_back(d);
    return memref::CollapseShapeOp::create(b, v, all);
  };
  Value from = flatten(source), to = flatten(target);
  // The linear thread id and the block's size, the latter from the
  // kernel's known block size where it has one (outlining records a
  // gpu.launch's constant one): on AMDGPU gpu.block_dim is a call into
  // ockl, which the serializer then wants to link from ROCm's bitcode.
  std::optional<ArrayRef<int32_t>> known = func.getKnownBlockSize();
  auto dim = [&](gpu::Dimension d) -> std::pair<Value, Value> {
    Value thread = gpu::ThreadIdOp::create(b, index, d);
    Value size;
    if (known)
      size =
          arith::ConstantIndexOp::create(b, (*known)[static_cast<unsigned>(d)]);
    else
      size = gpu::BlockDimOp::create(b, index, d);
    return {thread, size};
  };
  auto [tx, bx] = dim(gpu::Dimension::x);
  auto [ty, by] = dim(gpu::Dimension::y);
  auto [tz, bz] = dim(gpu::Dimension::z);
  // Folded as they are built: with a known block size of 256 x 1 x 1 the
  // step is the constant 256.
  auto add = [&](Value x, Value y) {
    return b.createOrFold<arith::AddIOp>(x, y);
  };
  auto mul = [&](Value x, Value y) {
    return b.createOrFold<arith::MulIOp>(x, y);
  };
  Value thread = add(tx, mul(bx, add(ty, mul(by, tz))));
  Value threads = mul(bx, mul(by, bz));
  Value chunks = arith::ConstantIndexOp::create(b, elements / chunk);
  auto loop = scf::ForOp::create(b, thread, chunks, threads);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(loop.getBody());
  Value offset = arith::MulIOp::create(
      b, loop.getInductionVar(), arith::ConstantIndexOp::create(b, chunk));
  if (chunk == 1) {
    Value value = memref::LoadOp::create(b, from, offset);
    memref::StoreOp::create(b, value, to, offset);
  } else {
    auto vectorType = VectorType::get({chunk}, type.getElementType());
    Value value = vector::LoadOp::create(b, vectorType, from, offset);
    vector::StoreOp::create(b, value, to, offset);
  }
}

struct GeluGpuStageTablesPass final
    : mlir::gelu::impl::GeluGpuStageTablesPassBase<GeluGpuStageTablesPass> {
  using GeluGpuStageTablesPassBase::GeluGpuStageTablesPassBase;

  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : module.getOps<gpu::GPUFuncOp>()) {
      if (!func.isKernel() || func.getBody().empty())
        continue;
      // The kernel's reads of each table, in the order they appear.
      llvm::MapVector<memref::GlobalOp, SmallVector<memref::GetGlobalOp>> reads;
      func.walk([&](memref::GetGlobalOp getGlobal) {
        auto global = symbols.lookup<memref::GlobalOp>(getGlobal.getName());
        if (!global || !global.getConstant() || !global.getInitialValue() ||
            !global.getType().hasStaticShape() ||
            !global.getType().getLayout().isIdentity() ||
            !global.getSymName().starts_with(symbolPrefix))
          return;
        reads[global].push_back(getGlobal);
      });
      // A table with any use other than a read stays in global memory.
      reads.remove_if([](const auto &entry) {
        return !llvm::all_of(entry.second, onlyRead);
      });
      if (reads.empty())
        continue;
      Block &entry = func.getBody().front();
      ImplicitLocOpBuilder b(func.getLoc(), &entry, entry.begin());
      for (auto &[global, getGlobals] : reads) {
        MemRefType type = global.getType();
        // Workgroup memory as NVVM's and AMDGPU's address space 3, which
        // the GPU dialect accepts for workgroup attributions: with
        // #gpu.address_space<workgroup>, convert-vector-to-llvm (which runs
        // before the GPU conversions map that attribute) reports an error
        // for the copy's vector stores.
        auto workgroupType = MemRefType::get(
            type.getShape(), type.getElementType(), MemRefLayoutAttrInterface{},
            IntegerAttr::get(IntegerType::get(&getContext(), 64),
                             kWorkgroupAddressSpace));
        BlockArgument copy =
            func.addWorkgroupAttribution(workgroupType, global.getLoc());
        // The copy's 16-byte vector stores need the buffer 16-byte aligned
        // (its elements' alignment is the default).
        func.setWorkgroupAttributionAttr(
            func.getNumWorkgroupAttributions() - 1,
            LLVM::LLVMDialect::getAlignAttrName(),
            b.getI64IntegerAttr(std::max<int64_t>(
                kCopyBytes, global.getAlignment().value_or(0))));
        Value source =
            memref::GetGlobalOp::create(b, type, global.getSymName());
        copyWithBlock(b, func, source, copy);
        for (memref::GetGlobalOp getGlobal : getGlobals) {
          getGlobal.getResult().replaceAllUsesWith(copy);
          getGlobal.erase();
        }
        ++numStaged;
      }
      // Every thread of the block gets here: nothing of the kernel's own
      // code has run yet.
      gpu::BarrierOp::create(b);
    }
  }
};

} // namespace
