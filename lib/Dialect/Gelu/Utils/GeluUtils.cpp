//===- GeluUtils.cpp - Helpers shared by the gelu lowerings -----*- C++ -*-===//
//
// Splatted float constants and the f16/bf16 <-> f32 conversions used by every
// lowering of gelu.gelu.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Utils/GeluUtils.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::gelu;

Value mlir::gelu::createFloatConstant(ImplicitLocOpBuilder &b, Type type,
                                      double value) {
  auto elementType = cast<FloatType>(getElementTypeOrSelf(type));
  bool losesInfo = false;
  APFloat apValue(value);
  apValue.convert(elementType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
  auto scalar = FloatAttr::get(elementType, apValue);
  if (auto shaped = dyn_cast<ShapedType>(type))
    return arith::ConstantOp::create(b, DenseElementsAttr::get(shaped, scalar));
  return arith::ConstantOp::create(b, scalar);
}

Type mlir::gelu::getTypeWithElementType(Type type, Type elementType) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.clone(elementType);
  return elementType;
}

FloatType mlir::gelu::getComputeElementType(Type type) {
  auto elementType = cast<FloatType>(getElementTypeOrSelf(type));
  if (elementType.getWidth() > 32)
    return elementType;
  return Float32Type::get(type.getContext());
}

Value mlir::gelu::extendToComputeType(ImplicitLocOpBuilder &b, Value value) {
  Type type = value.getType();
  Type computeType = getTypeWithElementType(type, getComputeElementType(type));
  if (computeType == type)
    return value;
  // No fastmath flags on the conversions: extf is exact and the truncation
  // is the one rounding GELU promises, so no flag can apply to either (and
  // arith-to-llvm would carry an arith attribute over to llvm.fpext).
  return arith::ExtFOp::create(b, computeType, value);
}

Value mlir::gelu::truncateToType(ImplicitLocOpBuilder &b, Value value,
                                 Type type) {
  if (value.getType() == type)
    return value;
  return arith::TruncFOp::create(b, type, value);
}
