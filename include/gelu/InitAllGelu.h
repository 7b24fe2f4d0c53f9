//===- InitAllGelu.h - Register everything gelu-mlir provides ---*- C++ -*-===//
//
// One place that registers the gelu dialect, passes and pipelines, so that
// gelu-opt and the mlir-opt plugin cannot drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_INITALLGELU_H
#define GELU_INITALLGELU_H

#include "gelu/Conversion/Passes.h"
#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Pipelines/Pipelines.h"
#include "mlir/IR/DialectRegistry.h"

namespace mlir::gelu {

/// Adds the dialects gelu-mlir defines to `registry`.
inline void registerAllGeluDialects(DialectRegistry &registry) {
  registry.insert<GeluDialect>();
}

/// Registers the gelu-mlir passes (transforms and conversions).
inline void registerAllGeluPasses() {
  registerGeluTransformsPasses();
  registerGeluConversionPasses();
}

/// Registers the gelu-mlir pass pipelines.
inline void registerAllGeluPipelines() { registerGeluPipelines(); }

} // namespace mlir::gelu

#endif // GELU_INITALLGELU_H
