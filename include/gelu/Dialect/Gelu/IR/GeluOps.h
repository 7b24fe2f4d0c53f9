//===- GeluOps.h - gelu dialect operations ----------------------*- C++ -*-===//
//
// Declares gelu.gelu.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUOPS_H
#define GELU_DIALECT_GELU_IR_GELUOPS_H

#include "gelu/Dialect/Gelu/IR/GeluAttrs.h"
#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/VectorInterfaces.h"

#define GET_OP_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluOps.h.inc"

#endif // GELU_DIALECT_GELU_IR_GELUOPS_H
