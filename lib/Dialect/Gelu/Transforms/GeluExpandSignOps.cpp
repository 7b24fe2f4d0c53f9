//===- GeluExpandSignOps.cpp - absf/copysign as bit ops ---------*- C++ -*-===//
//
// GPU lowerings call libdevice/ocml for math.absf and math.copysign; GELU's
// approximations need both and must not call either library, so on GPUs they
// become integer operations on the sign bit (what CPU backends select anyway).
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUEXPANDSIGNOPSPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {

/// The integer type of the same shape and width as the float type `type`
/// (scalar or vector), or null for anything else.
static Type getBitsType(Type type) {
  auto floatType = dyn_cast<FloatType>(getElementTypeOrSelf(type));
  if (!floatType || isa<TensorType>(type))
    return nullptr;
  auto intType = IntegerType::get(type.getContext(), floatType.getWidth());
  if (auto vectorType = dyn_cast<VectorType>(type))
    return vectorType.clone(intType);
  return intType;
}

/// A constant of `bitsType` (splatted for vectors) with only the sign bit set
/// (`signBit`) or all other bits set.
static Value createMask(ImplicitLocOpBuilder &b, Type bitsType, bool signBit) {
  unsigned width = getElementTypeOrSelf(bitsType).getIntOrFloatBitWidth();
  APInt mask = APInt::getSignMask(width);
  if (!signBit)
    mask.flipAllBits();
  auto elementAttr = IntegerAttr::get(getElementTypeOrSelf(bitsType), mask);
  if (auto vectorType = dyn_cast<VectorType>(bitsType))
    return arith::ConstantOp::create(
        b, DenseElementsAttr::get(vectorType, elementAttr.getValue()));
  return arith::ConstantOp::create(b, elementAttr);
}

struct ExpandAbsF final : OpRewritePattern<math::AbsFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::AbsFOp op,
                                PatternRewriter &rewriter) const override {
    Type bitsType = getBitsType(op.getType());
    if (!bitsType)
      return rewriter.notifyMatchFailure(op, "not a float scalar or vector");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value bits = arith::BitcastOp::create(b, bitsType, op.getOperand());
    Value magnitude = arith::AndIOp::create(
        b, bits, createMask(b, bitsType, /*signBit=*/false));
    rewriter.replaceOpWithNewOp<arith::BitcastOp>(op, op.getType(), magnitude);
    return success();
  }
};

struct ExpandCopySign final : OpRewritePattern<math::CopySignOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::CopySignOp op,
                                PatternRewriter &rewriter) const override {
    Type bitsType = getBitsType(op.getType());
    if (!bitsType)
      return rewriter.notifyMatchFailure(op, "not a float scalar or vector");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value magnitude = arith::AndIOp::create(
        b, arith::BitcastOp::create(b, bitsType, op.getLhs()),
        createMask(b, bitsType, /*signBit=*/false));
    Value sign = arith::AndIOp::create(
        b, arith::BitcastOp::create(b, bitsType, op.getRhs()),
        createMask(b, bitsType, /*signBit=*/true));
    Value bits = arith::OrIOp::create(b, magnitude, sign);
    rewriter.replaceOpWithNewOp<arith::BitcastOp>(op, op.getType(), bits);
    return success();
  }
};

struct GeluExpandSignOpsPass final
    : mlir::gelu::impl::GeluExpandSignOpsPassBase<GeluExpandSignOpsPass> {
  using GeluExpandSignOpsPassBase::GeluExpandSignOpsPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpandAbsF, ExpandCopySign>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
