//===- GeluDialect.cpp - gelu dialect ---------------------------*- C++ -*-===//
//
// Registers the gelu dialect's operations and attributes, and materializes
// folded constants as arith.constant.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "gelu/Dialect/Gelu/IR/GeluAttrs.h"
#include "gelu/Dialect/Gelu/IR/GeluOps.h"

using namespace mlir;
using namespace mlir::gelu;

#include "gelu/Dialect/Gelu/IR/GeluOpsDialect.cpp.inc"

void GeluDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "gelu/Dialect/Gelu/IR/GeluOps.cpp.inc"
      >();
  registerAttributes();
}

Operation *GeluDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}
