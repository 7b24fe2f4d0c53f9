//===- Transforms.h - gelu dialect rewrite patterns -------------*- C++ -*-===//
//
// Pattern sets behind the gelu passes, for use in other passes and pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H
#define GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H

#include "gelu/Dialect/Gelu/IR/GeluAttrs.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir {
class Operation;
class RewritePatternSet;

namespace gelu {

/// How gelu-approximate evaluates exact-mode GELU on f32 scalars and vectors.
enum class ExactF32Core {
  /// In f64 arithmetic, rounded once (0.66 ulp): portable.
  F64,
  /// In f32 arithmetic with piecewise polynomials chosen per lane from
  /// 16-entry constant tables (1.60 ulp): faster where the lookup is cheap
  /// (AVX-512's vpermps, AVX2's two permutes and a blend, a GPU's L1-cached
  /// loads: see TableLookup); correct, but slow, elsewhere.
  Piecewise,
};

/// How the piecewise f32 core reads a lane's entry of its 16-entry tables on
/// vectors.
enum class TableLookup {
  /// vector.extract at the lane's index and vector.from_elements: portable;
  /// LLVM's x86 backend matches it as one vpermps per table after masking
  /// the index to [0, 16).
  Extract,
  /// llvm.x86.avx512.permvar.sf.512 (vpermps) on each 16 lanes, with the
  /// index unmasked (the instruction reads its low four bits): one
  /// operation fewer on the core's critical path. The code then needs
  /// AVX-512; scalars and vectors of other lengths keep Extract.
  Avx512Permute,
  /// llvm.x86.avx2.permps (vpermps on 8 lanes) on each table half and
  /// llvm.x86.avx.blendv.ps.256 on the index's bit 3: three instructions
  /// per table and 8 lanes where Extract's lane-by-lane reads cost dozens
  /// (AVX2 has no 16-entry permute). The code then needs AVX2; scalars and
  /// vectors that are not a multiple of 8 lanes keep Extract.
  Avx2Permute,
  /// Reads of a constant memref.global (16 rows of the
  /// eight tables, 32 bytes each): per lane one vector.load of the row at
  /// its index. For GPUs, where a thread has no register permute but reads
  /// a small table through its L1 cache: two 128-bit loads per element.
  /// The global goes into the op's nearest symbol table, so the pass must
  /// run on that table (the module) or above it.
  Memory,
};

/// How gelu-approximate evaluates the tanh form and QuickGELU (the logistic
/// forms, x sigmoid(w(x))) on f32 scalars and vectors.
enum class LogisticF32Core {
  /// In f64 arithmetic, rounded once (0.53 ulp).
  F64,
  /// In f32 arithmetic, with w(x) carried as two f32s (1.3 ulp): no tables,
  /// so fast on every vector unit.
  F32,
  /// The same with 2^-w's fraction read from a 16-entry table of 2^(j/16)
  /// (1.50 ulp; a short exp polynomial): fast where the table is one register
  /// and one permute (AVX-512).
  F32Table,
};

/// Whose approximate instructions the f16/bf16 fast path takes its exp and
/// division from, and the logistic f32 core its reciprocal
/// (gelu-approximate's hardware-approximations).
enum class HardwareApproximations {
  /// None: a polynomial exp and a correctly rounded division (portable).
  None,
  /// NVPTX: ex2.approx.ftz.f32, div.approx.f32 and rcp.approx.ftz.f32.
  Nvvm,
  /// AMDGPU: v_exp_f32 and v_rcp_f32.
  Rocdl,
};

/// How the f32 fast path's results are rounded to bf16 (gelu-approximate's
/// bf16-rounding).
enum class Bf16Rounding {
  /// arith.truncf (integer arithmetic after arith-expand: any host).
  Truncf,
  /// AVX512-BF16's vcvtne2ps2bf16 on vectors of a multiple of 32 lanes.
  Avx512Bf16,
};

/// gelu.gelu ops in an operation before and after a rewrite.
struct GeluOpCounts {
  unsigned before = 0, after = 0;
};

/// Applies `patterns` greedily to `root`; returns the number of gelu.gelu
/// ops before and after (the passes' statistics), or failure when the driver
/// fails.
FailureOr<GeluOpCounts>
applyPatternsCountingGeluOps(Operation *root, RewritePatternSet &&patterns);

/// Adds the canonicalization patterns of every loaded dialect and registered
/// operation (what the canonicalizer pass applies) to `patterns`.
void populateAllCanonicalizationPatterns(RewritePatternSet &patterns);

/// Peels the partial last iteration off each scf.for of a tile loop nest
/// (`loops`, outermost first, as scf::tileUsingSCF returns them), innermost
/// first, so that for static shapes every copy of the tile has a static
/// size (upstream scf::peelForLoopAndSimplifyBounds).
void peelTileLoops(RewriterBase &rewriter, ArrayRef<LoopLikeOpInterface> loops);

/// Builds the textbook formula of `approximation` on `x` (f32 or f64
/// elements) with arith and math operations (math.erfc, math.tanh, math.exp)
/// carrying `fmf`; the operand is clamped at the low end so that GELU(-inf)
/// is -0. This is gelu-expand's lowering.
Value buildGeluFormula(ImplicitLocOpBuilder &b, Value x,
                       Approximation approximation, arith::FastMathFlags fmf);

/// Rewrites gelu.gelu into upstream arith/math operations (math.erfc for the
/// exact form, math.tanh for the tanh form).
void populateGeluExpandPatterns(RewritePatternSet &patterns);

/// Rewrites gelu.gelu into gelu-mlir's own branch-free approximations (arith
/// and math.fma only); see gelu-approximate. With `hardwareTanh`, tanh-mode
/// GELU on f32, f16 and bf16 instead uses the formula with a math.tanh marked
/// `afn`, for a backend's tanh instruction (NVPTX: tanh.approx.f32). With
/// `fallbackPerLane`, the f64 fallback of f16/bf16 vectors is computed lane
/// by lane (fewer live registers, for GPUs). `exactF32Core` picks how
/// exact-mode f32 scalars and vectors are evaluated, `logisticF32Core` how
/// the tanh form and QuickGELU are, `tableLookup` how the piecewise core
/// reads its tables, `hardwareApproximations` whose approximate exp,
/// division and reciprocal the f16/bf16 fast path and the logistic f32 core
/// use (GPUs), `bf16Rounding` how the bf16 fast path's results are rounded.
/// With `bf16Table`, bf16 scalars and vectors read their results from a
/// constant table (a memref.global added to the op's nearest symbol table).
void populateGeluApproximatePatterns(
    RewritePatternSet &patterns, bool hardwareTanh = false,
    bool fallbackPerLane = false, ExactF32Core exactF32Core = ExactF32Core::F64,
    LogisticF32Core logisticF32Core = LogisticF32Core::F64,
    TableLookup tableLookup = TableLookup::Extract,
    HardwareApproximations hardwareApproximations =
        HardwareApproximations::None,
    Bf16Rounding bf16Rounding = Bf16Rounding::Truncf, bool bf16Table = false);

/// Recognizes GELU written out as arith/math/tosa and replaces it with
/// gelu.gelu; constants must match within the relative `tolerance`. See
/// gelu-raise.
void populateGeluRaisePatterns(RewritePatternSet &patterns,
                               double tolerance = 1e-5);

} // namespace gelu
} // namespace mlir

#endif // GELU_DIALECT_GELU_TRANSFORMS_TRANSFORMS_H
