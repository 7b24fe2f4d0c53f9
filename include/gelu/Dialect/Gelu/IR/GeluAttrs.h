//===- GeluAttrs.h - gelu dialect attributes --------------------*- C++ -*-===//
//
// Declares the `approximation` enum and its attribute.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUATTRS_H
#define GELU_DIALECT_GELU_IR_GELUATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

#include "gelu/Dialect/Gelu/IR/GeluEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluAttrs.h.inc"

#endif // GELU_DIALECT_GELU_IR_GELUATTRS_H
