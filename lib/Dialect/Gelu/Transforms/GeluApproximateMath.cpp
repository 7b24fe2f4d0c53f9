//===- GeluApproximateMath.cpp - Upstream math approximations ---*- C++ -*-===//
//
// A pass around upstream's populateMathPolynomialApproximationPatterns, which
// upstream exposes only through a test pass. The CPU pipeline lowers the math
// operations that remain after GELU (users' own math.exp, math.tanh, ...)
// with it, and the benchmark builds the upstream GELU baselines with it.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::gelu {
#define GEN_PASS_DEF_GELUAPPROXIMATEMATHPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;

namespace {
struct GeluApproximateMathPass final
    : mlir::gelu::impl::GeluApproximateMathPassBase<GeluApproximateMathPass> {
  using GeluApproximateMathPassBase::GeluApproximateMathPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    MathPolynomialApproximationOptions options;
    options.enableAvx2 = enableAvx2;
    populateMathPolynomialApproximationPatterns(patterns, options);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
