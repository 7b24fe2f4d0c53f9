//===- GeluDialect.h - gelu dialect -----------------------------*- C++ -*-===//
//
// Declares the gelu dialect.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUDIALECT_H
#define GELU_DIALECT_GELU_IR_GELUDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "gelu/Dialect/Gelu/IR/GeluOpsDialect.h.inc"

#endif // GELU_DIALECT_GELU_IR_GELUDIALECT_H
