//===- GeluAttrs.cpp - gelu dialect attributes ------------------*- C++ -*-===//
//
// The `approximation` enum attribute.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluAttrs.h"
#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::gelu;

#include "gelu/Dialect/Gelu/IR/GeluEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluAttrs.cpp.inc"

void GeluDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "gelu/Dialect/Gelu/IR/GeluAttrs.cpp.inc"
      >();
}
