//===- Transforms.h - gelu dialect rewrite patterns -------------*- C++ -*-===//
//
// Pattern sets behind the gelu passes, for use in other passes and pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H
#define GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H

namespace mlir {
class RewritePatternSet;

namespace gelu {

/// Rewrites gelu.gelu into upstream arith/math operations (math.erfc for the
/// exact form, math.tanh for the tanh form).
void populateGeluExpandPatterns(RewritePatternSet &patterns);

/// Rewrites gelu.gelu into gelu-mlir's own branch-free approximations (arith
/// and math.fma only); see gelu-approximate.
void populateGeluApproximatePatterns(RewritePatternSet &patterns);

/// Recognizes GELU written out as arith/math/tosa and replaces it with
/// gelu.gelu; constants must match within the relative `tolerance`. See
/// gelu-raise.
void populateGeluRaisePatterns(RewritePatternSet &patterns,
                               double tolerance = 1e-5);

} // namespace gelu
} // namespace mlir

#endif // GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H
