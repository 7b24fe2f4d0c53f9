//===- GeluUtils.h - Helpers shared by the gelu lowerings -------*- C++ -*-===//
//
// Constants of the GELU formulas and the small IR-building helpers that every
// lowering of gelu.gelu needs: splatted float constants and the f16/bf16 to
// f32 round trip.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_UTILS_GELUUTILS_H
#define GELU_DIALECT_GELU_UTILS_GELUUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::gelu {

/// sqrt(2/pi), the scale inside the tanh of the GPT-2 formula.
constexpr double kSqrt2OverPi = 0.79788456080286535588;
/// The cubic coefficient of the GPT-2 formula.
constexpr double kGeluTanhCubicCoefficient = 0.044715;
/// The scale of QuickGELU, x * sigmoid(1.702 x).
constexpr double kQuickGeluScale = 1.702;

/// Returns an arith.constant of `type` (a float, or a vector or tensor of
/// floats, splatted) holding `value` rounded to the element type.
Value createFloatConstant(ImplicitLocOpBuilder &b, Type type, double value);

/// Returns `type` with its element type replaced by `elementType`.
Type getTypeWithElementType(Type type, Type elementType);

/// The element type a GELU on `type` is computed in: f32 for f16, bf16 and
/// f32; f64 for f64.
FloatType getComputeElementType(Type type);

/// Extends `value` to its compute type (see getComputeElementType) with
/// arith.extf; returns it unchanged when it already has it.
Value extendToComputeType(ImplicitLocOpBuilder &b, Value value);

/// Truncates `value` to `type` with one arith.truncf (round to nearest even);
/// returns it unchanged when it already has that type.
Value truncateToType(ImplicitLocOpBuilder &b, Value value, Type type);

} // namespace mlir::gelu

#endif // GELU_DIALECT_GELU_UTILS_GELUUTILS_H
