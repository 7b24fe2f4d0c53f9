//===- GeluToLinalg.cpp - Convert gelu.gelu to linalg.generic ---*- C++ -*-===//
//
// gelu.gelu on ranked tensors becomes a parallel linalg.generic with the
// scalar gelu.gelu in its body. The rewrite itself is upstream's elementwise
// to linalg pattern, which already handles any ElementwiseMappable op with
// static or dynamic shapes; this pass only restricts it to gelu.gelu.
//
//===----------------------------------------------------------------------===//

#include "gelu/Conversion/GeluToLinalg/GeluToLinalg.h"
#include "gelu/Dialect/Gelu/IR/GeluOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_CONVERTGELUTOLINALGPASS
#include "gelu/Conversion/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;
using namespace mlir::gelu;

void mlir::gelu::populateGeluToLinalgConversionPatterns(
    RewritePatternSet &patterns, ConversionTarget &target) {
  linalg::populateElementwiseToLinalgConversionPatterns(patterns);
  // Everything but gelu.gelu on ranked tensors stays as it is, so the upstream
  // patterns (which match any elementwise op) only ever rewrite gelu.gelu.
  target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
  target.addDynamicallyLegalOp<GeluOp>(
      [](GeluOp op) { return !isa<RankedTensorType>(op.getType()); });
}

//===----------------------------------------------------------------------===//
// ConvertGeluToLinalgPass
//===----------------------------------------------------------------------===//

namespace {
struct ConvertGeluToLinalgPass final
    : mlir::gelu::impl::ConvertGeluToLinalgPassBase<ConvertGeluToLinalgPass> {
  using ConvertGeluToLinalgPassBase::ConvertGeluToLinalgPassBase;

  void runOnOperation() override {
    if (requireRanked) {
      bool unranked = false;
      getOperation()->walk([&](GeluOp op) {
        if (!isa<UnrankedTensorType>(op.getType()))
          return;
        op.emitOpError("works on an unranked tensor, which has no linalg "
                       "form: cast the operand to a ranked tensor "
                       "(tensor.cast) first");
        unranked = true;
      });
      if (unranked)
        return signalPassFailure();
    }
    ConversionTarget target(getContext());
    RewritePatternSet patterns(&getContext());
    populateGeluToLinalgConversionPatterns(patterns, target);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
