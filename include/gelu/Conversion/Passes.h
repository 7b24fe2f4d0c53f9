//===- Passes.h - gelu conversion passes ------------------------*- C++ -*-===//
//
// Declarations of the gelu conversion passes, generated from Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_CONVERSION_PASSES_H
#define GELU_CONVERSION_PASSES_H

#include "gelu/Conversion/GeluToLinalg/GeluToLinalg.h"
#include "mlir/Pass/Pass.h"

namespace mlir::gelu {

#define GEN_PASS_REGISTRATION
#include "gelu/Conversion/Passes.h.inc"

} // namespace mlir::gelu

#endif // GELU_CONVERSION_PASSES_H
