//===- GeluGpuLimitRegisters.cpp - nvvm.maxnreg on kernels ------*- C++ -*-===//
//
// Caps the registers per thread of NVVM kernels. Upstream sets nvvm.maxnreg
// only from the transform dialect's or the user's attributes, and
// gpu-kernel-outlining does not carry attributes from gpu.launch to the
// kernel, so a pipeline that wants a cap sets it on the outlined kernels.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUGPULIMITREGISTERSPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {
struct GeluGpuLimitRegistersPass final
    : mlir::gelu::impl::GeluGpuLimitRegistersPassBase<
          GeluGpuLimitRegistersPass> {
  using GeluGpuLimitRegistersPassBase::GeluGpuLimitRegistersPassBase;

  void runOnOperation() override {
    if (maxRegisters == 0)
      return;
    gpu::GPUModuleOp module = getOperation();
    if (ArrayAttr targets = module.getTargetsAttr()) {
      for (Attribute target : targets) {
        if (isa<NVVM::NVVMTargetAttr>(target))
          continue;
        module.emitError()
            << "max-registers sets nvvm.maxnreg, which only NVVM targets "
               "read; this gpu.module targets "
            << target;
        return signalPassFailure();
      }
    }
    StringRef name = NVVM::NVVMDialect::getMaxnregAttrName();
    auto cap = IntegerAttr::get(IntegerType::get(&getContext(), 32),
                                static_cast<int64_t>(maxRegisters));
    for (auto func : module.getOps<gpu::GPUFuncOp>())
      if (func.isKernel() && !func->hasAttr(name))
        func->setAttr(name, cap);
  }
};
} // namespace
