//===- GeluAttrs.cpp - gelu dialect attributes ------------------*- C++ -*-===//
//
// The `approximation` enum attribute.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluAttrs.h"
#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::gelu;

#include "gelu/Dialect/Gelu/IR/GeluEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluAttrs.cpp.inc"

//===----------------------------------------------------------------------===//
// ApproximationAttr
//===----------------------------------------------------------------------===//

Attribute ApproximationAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef name;
  if (failed(parser.parseKeyword(&name)))
    return {};
  std::optional<Approximation> value = symbolizeApproximation(name);
  if (!value) {
    SmallVector<StringRef> names;
    for (uint32_t i = 0; i <= getMaxEnumValForApproximation(); ++i)
      names.push_back(stringifyApproximation(static_cast<Approximation>(i)));
    parser.emitError(loc) << "unknown GELU approximation '" << name
                          << "'; expected one of: " << llvm::join(names, ", ");
    return {};
  }
  return ApproximationAttr::get(parser.getContext(), *value);
}

void ApproximationAttr::print(AsmPrinter &printer) const {
  // The leading space matches the declarative enum format, so the generic
  // form reads #gelu<approximation tanh>.
  printer << " " << stringifyApproximation(getValue());
}

//===----------------------------------------------------------------------===//
// GeluDialect
//===----------------------------------------------------------------------===//

void GeluDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "gelu/Dialect/Gelu/IR/GeluAttrs.cpp.inc"
      >();
}
