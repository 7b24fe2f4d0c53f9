//===- GeluToLinalg.h - Convert gelu.gelu to linalg -------------*- C++ -*-===//
//
// Conversion of gelu.gelu on ranked tensors to linalg.generic.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_CONVERSION_GELUTOLINALG_GELUTOLINALG_H
#define GELU_CONVERSION_GELUTOLINALG_GELUTOLINALG_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class ConversionTarget;
class RewritePatternSet;

namespace gelu {

#define GEN_PASS_DECL_CONVERTGELUTOLINALGPASS
#include "gelu/Conversion/Passes.h.inc"

/// Adds the patterns that rewrite gelu.gelu on ranked tensors into
/// linalg.generic, and marks such ops illegal in `target`.
void populateGeluToLinalgConversionPatterns(RewritePatternSet &patterns,
                                            ConversionTarget &target);

} // namespace gelu
} // namespace mlir

#endif // GELU_CONVERSION_GELUTOLINALG_GELUTOLINALG_H
