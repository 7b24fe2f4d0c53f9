//===- GpuKernel.h - Compile GELU kernels for GPUs in-process ---*- C++ -*-===//
//
// Runs gelu-gpu-pipeline on MLIR source and returns the device assembly (PTX
// or AMDGPU ISA) of its kernel with the launch configuration, for tools that
// load it with a vendor driver API (gelu-gpu-runner).
//
//===----------------------------------------------------------------------===//

#ifndef GELU_EXECUTIONENGINE_GPUKERNEL_H
#define GELU_EXECUTIONENGINE_GPUKERNEL_H

#include "gelu/Pipelines/Pipelines.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir::gelu {

/// One kernel of a module compiled by gelu-gpu-pipeline.
struct GpuKernelImage {
  /// The kernel's symbol in `assembly`.
  std::string kernelName;
  /// PTX text (nvvm) or AMDGPU assembly (rocdl), as gpu-module-to-binary
  /// produced it with format=isa.
  std::string assembly;
  /// Threads per block of the launch.
  unsigned threadsPerBlock = 0;
};

/// Parses `source` (a module with one func.func whose elementwise work
/// becomes exactly one kernel), runs gelu-gpu-pipeline with `options`
/// (format=isa) and returns that kernel.
llvm::Expected<GpuKernelImage>
compileGpuKernel(llvm::StringRef source, const GeluGpuPipelineOptions &options);

} // namespace mlir::gelu

#endif // GELU_EXECUTIONENGINE_GPUKERNEL_H
