/*===- Passes.h - C API of the gelu-mlir passes and pipelines -----*- C -*-===*\
|*                                                                            *|
|* Registration and creation of every gelu-mlir pass (generated from the     *|
|* Passes.td files, as upstream's mlir-c/Dialect/Linalg.h does) and of the   *|
|* gelu-cpu-pipeline and gelu-gpu-pipeline pipelines, so that              *|
|* mlirParsePassPipeline accepts them.                                        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef GELU_C_PASSES_H
#define GELU_C_PASSES_H

#include "mlir-c/Pass.h"

#include "gelu/Conversion/Passes.capi.h.inc"
#include "gelu/Dialect/Gelu/Transforms/Passes.capi.h.inc"

#ifdef __cplusplus
extern "C" {
#endif

/// Registers gelu-cpu-pipeline and gelu-gpu-pipeline with the global pass
/// registry.
MLIR_CAPI_EXPORTED void mlirRegisterGeluPipelines(void);

/// Registers every gelu-mlir pass and pipeline.
MLIR_CAPI_EXPORTED void mlirRegisterAllGeluPasses(void);

#ifdef __cplusplus
}
#endif

#endif // GELU_C_PASSES_H
