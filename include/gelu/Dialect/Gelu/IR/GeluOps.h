//===- GeluOps.h - gelu dialect operations ----------------------*- C++ -*-===//
//
// Declares gelu.gelu and the reference implementation of its semantics used
// by the folder.
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

namespace mlir::gelu {

/// GELU of `x` in double precision for the given formula, without the
/// cancellations of the textbook forms: the exact form is evaluated as
/// 0.5*x*erfc(-x/sqrt(2)) and the tanh form as x/(1+exp(-2u)). Special values
/// follow the op's semantics (GELU(-inf) = -0, GELU(+inf) = +inf).
double evaluateGeluReference(double x, Approximation approximation);

} // namespace mlir::gelu

#endif // GELU_DIALECT_GELU_IR_GELUOPS_H
