//===- Passes.cpp - C API of the gelu-mlir passes and pipelines -----------===//
//
// The per-pass functions are generated from the Passes.td files, as in
// upstream's mlir/lib/CAPI/Dialect/LinalgPasses.cpp.
//
//===----------------------------------------------------------------------===//

#include "gelu-c/Passes.h"

#include "gelu/InitAllGelu.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;
using namespace mlir::gelu;

#ifdef __cplusplus
extern "C" {
#endif

#include "gelu/Conversion/Passes.capi.cpp.inc"
#include "gelu/Dialect/Gelu/Transforms/Passes.capi.cpp.inc"

#ifdef __cplusplus
}
#endif

void mlirRegisterGeluPipelines(void) { registerAllGeluPipelines(); }

void mlirRegisterAllGeluPasses(void) {
  registerAllGeluPasses();
  registerAllGeluPipelines();
}
