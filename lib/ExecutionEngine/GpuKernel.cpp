//===- GpuKernel.cpp - Compile GELU kernels for GPUs in-process -*- C++ -*-===//
//
// Parses MLIR source, runs gelu-gpu-pipeline (format=isa) and reads the
// kernel's assembly out of the gpu.binary op it produced and the launch
// configuration out of the gpu.launch_func that calls it.
//
//===----------------------------------------------------------------------===//

#include "gelu/ExecutionEngine/GpuKernel.h"
#include "gelu/InitAllGelu.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

using namespace mlir;
using namespace mlir::gelu;

llvm::Expected<GpuKernelImage>
mlir::gelu::compileGpuKernel(llvm::StringRef source,
                             const GeluGpuPipelineOptions &options) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllGeluDialects(registry);
  registerAllGPUToLLVMIRTranslations(registry);
  MLIRContext context(registry);

  std::string diagnostics;
  llvm::raw_string_ostream diagnosticStream(diagnostics);
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnosticStream << d << "\n";
    return success();
  });

  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module)
    return llvm::createStringError("cannot parse the kernel:\n" + diagnostics);
  GeluGpuPipelineOptions isaOptions;
  isaOptions.copyOptionValuesFrom(options);
  isaOptions.format = "isa";
  PassManager pm(&context);
  buildGeluGpuPipeline(pm, isaOptions);
  if (failed(pm.run(*module)))
    return llvm::createStringError("gelu-gpu-pipeline failed:\n" + diagnostics);

  SmallVector<gpu::LaunchFuncOp> launches;
  module->walk([&](gpu::LaunchFuncOp op) { launches.push_back(op); });
  if (launches.size() != 1)
    return llvm::createStringError(
        "expected exactly one kernel launch, found " +
        std::to_string(launches.size()));
  gpu::LaunchFuncOp launch = launches.front();

  GpuKernelImage image;
  image.kernelName = launch.getKernelName().str();
  auto binary = SymbolTable::lookupNearestSymbolFrom<gpu::BinaryOp>(
      launch, launch.getKernelModuleName());
  if (!binary || binary.getObjects().empty())
    return llvm::createStringError("no gpu.binary for the kernel");
  image.assembly =
      cast<gpu::ObjectAttr>(binary.getObjects()[0]).getObject().str();
  // Host code is in the LLVM dialect by now: the block size is an
  // llvm.mlir.constant.
  APInt threads;
  if (!matchPattern(launch.getBlockSizeX(), m_ConstantInt(&threads)))
    return llvm::createStringError("the block size is not a constant");
  image.threadsPerBlock = threads.getZExtValue();
  return image;
}
