//===- Pipelines.h - gelu pass pipelines ------------------------*- C++ -*-===//
//
// The end-to-end pipelines: option structs, the builders that C++ users can
// embed in their own pass managers, and their registration.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_PIPELINES_PIPELINES_H
#define GELU_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;

namespace gelu {

/// Options of `gelu-cpu-pipeline`.
struct GeluCpuPipelineOptions
    : public PassPipelineOptions<GeluCpuPipelineOptions> {
  PassOptions::Option<std::string> geluLowering{
      *this, "gelu-lowering",
      llvm::cl::desc("How gelu.gelu is lowered: 'expand' (upstream math.erfc "
                     "and math.tanh, then libm calls: the portable reference)"),
      llvm::cl::init("expand")};
};

/// Builds `gelu-cpu-pipeline` into `pm` (anchored on a builtin.module): a
/// module of func.func on tensors, memrefs and scalars using gelu.gelu is
/// bufferized (function boundaries included) and lowered to the LLVM dialect,
/// ready for mlir-runner or mlir-translate.
void buildGeluCpuPipeline(OpPassManager &pm,
                          const GeluCpuPipelineOptions &options);

/// Registers every gelu pipeline with the pass registry.
void registerGeluPipelines();

} // namespace gelu
} // namespace mlir

#endif // GELU_PIPELINES_PIPELINES_H
