//===- GeluOps.cpp - gelu dialect operations --------------------*- C++ -*-===//
//
// gelu.gelu: the folder, and the double-precision reference evaluation it
// uses.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace mlir::gelu;

#define GET_OP_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Reference evaluation
//===----------------------------------------------------------------------===//

double mlir::gelu::evaluateGeluReference(double x, Approximation approximation) {
  if (std::isnan(x))
    return x;
  // The formulas give inf*0 = NaN at -inf; the limit is -0.
  if (std::isinf(x))
    return x < 0 ? -0.0 : x;
  switch (approximation) {
  case Approximation::exact:
    // x*Phi(x) with Phi(x) = erfc(-x/sqrt2)/2: no 1+erf cancellation, so the
    // negative tail keeps its value (GELU(-10) = -7.62e-23, not -0).
    return 0.5 * x * std::erfc(-x * M_SQRT1_2);
  case Approximation::tanh: {
    // 0.5*x*(1+tanh(u)) = x/(1+exp(-2u)): no 1+tanh cancellation.
    constexpr double kSqrt2OverPi = 0.79788456080286535588;
    double u = kSqrt2OverPi * (x + 0.044715 * x * x * x);
    return x / (1.0 + std::exp(-2.0 * u));
  }
  }
  llvm_unreachable("unknown GELU approximation");
}

//===----------------------------------------------------------------------===//
// GeluOp
//===----------------------------------------------------------------------===//

/// Folds one element: the value is computed in double and rounded once (to
/// nearest, ties to even) to the element type.
static APFloat foldElement(const APFloat &value, Approximation approximation) {
  bool losesInfo = false;
  APFloat wide = value;
  wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  APFloat result(evaluateGeluReference(wide.convertToDouble(), approximation));
  result.convert(value.getSemantics(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
  return result;
}

OpFoldResult GeluOp::fold(FoldAdaptor adaptor) {
  Attribute operand = adaptor.getOperand();
  if (!operand)
    return {};
  Approximation approximation = getApproximation();

  if (auto scalar = dyn_cast<FloatAttr>(operand))
    return FloatAttr::get(scalar.getType(),
                          foldElement(scalar.getValue(), approximation));

  auto elements = dyn_cast<DenseFPElementsAttr>(operand);
  if (!elements)
    return {};
  if (elements.isSplat())
    return DenseElementsAttr::get(
        elements.getType(),
        foldElement(elements.getSplatValue<APFloat>(), approximation));
  SmallVector<APFloat> folded;
  folded.reserve(elements.getNumElements());
  for (const APFloat &value : elements.getValues<APFloat>())
    folded.push_back(foldElement(value, approximation));
  return DenseElementsAttr::get(elements.getType(), folded);
}
