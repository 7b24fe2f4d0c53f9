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
#include <cstring>
#include <limits>
#include <optional>

using namespace mlir;
using namespace mlir::gelu;

#define GET_OP_CLASSES
#include "gelu/Dialect/Gelu/IR/GeluOps.cpp.inc"

//===----------------------------------------------------------------------===//
// GeluOp folding
//===----------------------------------------------------------------------===//

/// GELU of `x` for the given formula, without the cancellations of the
/// textbook forms: the exact form is evaluated as 0.5*x*erfc(-x/sqrt(2)), the
/// tanh form as x/(1+exp(-2u)) and QuickGELU as x/(1+exp(-1.702x)). It is
/// evaluated in long double (x87 extended precision on x86-64 Linux), so that
/// the one rounding to the element type is nearly always the correct
/// rounding, f64 included.
static long double evaluateGelu(long double x, Approximation approximation) {
  if (std::isnan(x))
    return x;
  // The formulas give inf*0 = NaN at -inf; the limit is -0.
  if (std::isinf(x))
    return x < 0 ? -0.0L : x;
  switch (approximation) {
  case Approximation::exact:
    // x*Phi(x) with Phi(x) = erfc(-x/sqrt2)/2: no 1+erf cancellation, so the
    // negative tail keeps its value (GELU(-10) = -7.62e-23, not -0).
    return 0.5L * x * std::erfc(-x * 0.70710678118654752440L);
  case Approximation::tanh: {
    // 0.5*x*(1+tanh(u)) = x/(1+exp(-2u)): no 1+tanh cancellation.
    long double u = 0.79788456080286535588L * (x + 0.044715L * x * x * x);
    return x / (1.0L + std::exp(-2.0L * u));
  }
  case Approximation::sigmoid:
    return x / (1.0L + std::exp(-1.702L * x));
  }
  llvm_unreachable("unknown GELU approximation");
}

/// The exact value of `value` as an APFloat of the host's long double format.
static APFloat toAPFloat(long double value) {
  constexpr int digits = std::numeric_limits<long double>::digits;
  if constexpr (digits == 64) {
    uint64_t words[2] = {0, 0};
    std::memcpy(words, &value, 10);
    return APFloat(APFloat::x87DoubleExtended(), APInt(80, words));
  } else if constexpr (digits == 113) {
    uint64_t words[2];
    std::memcpy(words, &value, 16);
    return APFloat(APFloat::IEEEquad(), APInt(128, words));
  } else {
    return APFloat(static_cast<double>(value));
  }
}

/// Folds one element: GELU is evaluated in extended precision and rounded
/// once (to nearest, ties to even) to the element type.
static APFloat foldElement(const APFloat &value, Approximation approximation) {
  bool losesInfo = false;
  APFloat wide = value;
  wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  APFloat result =
      toAPFloat(evaluateGelu(wide.convertToDouble(), approximation));
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
