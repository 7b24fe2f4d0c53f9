//===- PatternUtils.cpp - Shared driver code of the gelu passes -*- C++ -*-===//
//
// The greedy application that gelu-expand, gelu-approximate and gelu-raise
// share, with the count of gelu.gelu ops their statistics report, the
// canonicalization patterns gelu-vectorize and gelu-gpu-distribute apply
// between tiling and vectorization, and the peeling of cache tile loops that
// gelu-fuse and gelu-vectorize share.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace mlir::gelu;

static unsigned countGeluOps(Operation *root) {
  unsigned count = 0;
  root->walk([&](GeluOp) { ++count; });
  return count;
}

FailureOr<GeluOpCounts>
mlir::gelu::applyPatternsCountingGeluOps(Operation *root,
                                         RewritePatternSet &&patterns) {
  GeluOpCounts counts;
  counts.before = countGeluOps(root);
  if (failed(applyPatternsGreedily(root, std::move(patterns))))
    return failure();
  counts.after = countGeluOps(root);
  return counts;
}

void mlir::gelu::populateAllCanonicalizationPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  for (Dialect *dialect : context->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : context->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, context);
}

void mlir::gelu::peelTileLoops(RewriterBase &rewriter,
                               ArrayRef<LoopLikeOpInterface> loops) {
  // Innermost first: peeling an outer loop then copies the inner loop with
  // its remainder.
  for (LoopLikeOpInterface loop : llvm::reverse(loops)) {
    if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation())) {
      scf::ForOp remainder;
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, remainder);
    }
  }
}
