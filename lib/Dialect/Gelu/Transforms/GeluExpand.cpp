//===- GeluExpand.cpp - Expand gelu.gelu into arith/math --------*- C++ -*-===//
//
// The portable reference lowering of gelu.gelu: the op's formula written with
// upstream arith and math operations (math.erfc, math.tanh), left for
// upstream passes to lower further. The exact form uses erfc so that the
// negative tail does not cancel; f16 and bf16 are computed in f32.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"
#include "gelu/Dialect/Gelu/Utils/GeluUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUEXPANDPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;
using namespace mlir::gelu;

//===----------------------------------------------------------------------===//
// Formula
//===----------------------------------------------------------------------===//

Value mlir::gelu::buildGeluFormula(ImplicitLocOpBuilder &b, Value x,
                                   Approximation approximation,
                                   arith::FastMathFlags fmf) {
  Type type = x.getType();
  auto cst = [&](double value) { return createFloatConstant(b, type, value); };
  auto mul = [&](Value lhs, Value rhs) {
    return arith::MulFOp::create(b, lhs, rhs, fmf).getResult();
  };
  auto add = [&](Value lhs, Value rhs) {
    return arith::AddFOp::create(b, lhs, rhs, fmf).getResult();
  };

  // Below -40 the erf and tanh forms have underflowed to zero in every
  // supported type (QuickGELU, which decays as x exp(1.702 x), below -1000);
  // clamping there turns GELU(-inf) = -inf * 0 = NaN into -0. NaN compares
  // false and passes through.
  Value low = cst(approximation == Approximation::sigmoid ? -1000.0 : -40.0);
  Value isLow =
      arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, x, low, fmf);
  x = arith::SelectOp::create(b, isLow, low, x);

  Value halfX = mul(x, cst(0.5));
  switch (approximation) {
  case Approximation::exact: {
    // 0.5 * x * erfc(-x / sqrt(2)).
    Value arg = mul(x, cst(-M_SQRT1_2));
    Value erfc = math::ErfcOp::create(b, arg, fmf);
    return mul(halfX, erfc);
  }
  case Approximation::tanh: {
    // 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))).
    Value cube = mul(mul(x, x), x);
    Value inner = add(x, mul(cube, cst(kGeluTanhCubicCoefficient)));
    Value tanh = math::TanhOp::create(b, mul(inner, cst(kSqrt2OverPi)), fmf);
    return mul(halfX, add(tanh, cst(1.0)));
  }
  case Approximation::sigmoid: {
    // x / (1 + exp(-1.702 x)).
    Value e = math::ExpOp::create(b, mul(x, cst(-kQuickGeluScale)), fmf);
    return arith::DivFOp::create(b, x, add(cst(1.0), e), fmf);
  }
  }
  llvm_unreachable("unknown GELU approximation");
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

struct ExpandGeluOp final : OpRewritePattern<GeluOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GeluOp op,
                                PatternRewriter &rewriter) const override {
    // The formula's constants are splats of the operand type, which only
    // static shapes can hold; dynamic tensors go through linalg first.
    if (auto tensorType = dyn_cast<TensorType>(op.getType());
        tensorType && !tensorType.hasStaticShape())
      return rewriter.notifyMatchFailure(
          op, "dynamically shaped tensor: run convert-gelu-to-linalg first");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    arith::FastMathFlags fmf = op.getFastmath();
    Value x = extendToComputeType(b, op.getOperand());
    Value result = buildGeluFormula(b, x, op.getApproximation(), fmf);
    rewriter.replaceOp(op, truncateToType(b, result, op.getType()));
    return success();
  }
};

} // namespace

void mlir::gelu::populateGeluExpandPatterns(RewritePatternSet &patterns) {
  patterns.add<ExpandGeluOp>(patterns.getContext());
}

//===----------------------------------------------------------------------===//
// GeluExpandPass
//===----------------------------------------------------------------------===//

namespace {
struct GeluExpandPass final
    : mlir::gelu::impl::GeluExpandPassBase<GeluExpandPass> {
  using GeluExpandPassBase::GeluExpandPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateGeluExpandPatterns(patterns);
    FailureOr<GeluOpCounts> counts =
        applyPatternsCountingGeluOps(getOperation(), std::move(patterns));
    if (failed(counts))
      return signalPassFailure();
    numExpanded += counts->before - counts->after;
  }
};
} // namespace
