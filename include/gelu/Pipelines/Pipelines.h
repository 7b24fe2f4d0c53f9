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

/// How gelu-cpu-pipeline lowers gelu.gelu.
enum class GeluLowering {
  /// gelu-expand: upstream math.erfc/math.tanh, then libm calls. The portable
  /// reference.
  Expand,
};

/// Options of `gelu-cpu-pipeline`.
struct GeluCpuPipelineOptions
    : public PassPipelineOptions<GeluCpuPipelineOptions> {
  PassOptions::Option<GeluLowering> geluLowering{
      *this, "gelu-lowering",
      llvm::cl::desc("How gelu.gelu is lowered"),
      llvm::cl::init(GeluLowering::Expand),
      llvm::cl::values(clEnumValN(GeluLowering::Expand, "expand",
                                  "gelu-expand: upstream math.erfc and "
                                  "math.tanh, then libm calls (the portable "
                                  "reference)"))};
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
