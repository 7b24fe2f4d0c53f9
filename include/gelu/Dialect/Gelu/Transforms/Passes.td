//===- Passes.td - gelu dialect passes ---------------------*- tablegen -*-===//
//
// Passes that rewrite gelu.gelu within the dialects it lives among.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD
#define GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GeluExpandPass : Pass<"gelu-expand"> {
  let summary = "Expand gelu.gelu into upstream arith and math operations";
  let description = [{
    Rewrites every `gelu.gelu` on a scalar, a vector or a statically shaped
    tensor into the `arith` and `math` operations of its formula. This is the
    portable reference lowering: any target that can lower `math.erfc` and
    `math.tanh` can run it. `gelu.gelu` on dynamically shaped or unranked
    tensors is left alone (the formula's splat constants need a static
    shape): run `convert-gelu-to-linalg` first, which leaves scalar
    `gelu.gelu` in a `linalg.generic` body.

    - `exact` uses `0.5 * x * erfc(-x / sqrt(2))`, which does not cancel in
      the negative tail (the textbook `0.5 * x * (1 + erf(x / sqrt(2)))`
      returns 0 below x = -5.5).
    - `tanh` uses `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    - f16 and bf16 are computed in f32 and truncated once.
    - The operand is clamped below at -40 (where both formulas have long
      underflowed to zero in every supported type), so that GELU(-inf) is
      -0 instead of the 0 * inf = NaN of the formulas.

    The op's `fastmath` flags are copied onto the operations it creates.

    Example:

    ```mlir
    %y = gelu.gelu %x : f32
    ```

    becomes

    ```mlir
    %is_low = arith.cmpf olt, %x, %cst_m40 : f32
    %xc = arith.select %is_low, %cst_m40, %x : f32
    %t = arith.mulf %xc, %cst_m_rsqrt2 : f32
    %e = math.erfc %t : f32
    %h = arith.mulf %xc, %cst_half : f32
    %y = arith.mulf %h, %e : f32
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
  let statistics = [
    Statistic<"numExpanded", "num-expanded", "Number of gelu.gelu expanded">,
  ];
}

def GeluApproximatePass : Pass<"gelu-approximate"> {
  let summary = "Rewrite gelu.gelu into branch-free arithmetic with gelu-mlir's "
                "own accurate approximations";
  let description = [{
    Rewrites every `gelu.gelu` on a scalar, a vector or a statically shaped
    tensor into `arith` and `math.fma` code (no calls, no memory but for
    `table-lookup=memory` below, no `math.erf`/`math.exp`), so that the scalar and the vector code compute
    bitwise-identical results and any backend can run it. f32 and f64 code
    is branch-free; f16 and bf16 code has one `scf.if` (below). The
    approximations and their error bounds are in docs/Numerics.md; their
    coefficients come from tools/gelu-coefficients/gelu_coefficients.py.

    - f32: evaluated in an f64 core and rounded once (by default; see
      `exact-f32-core=piecewise` and `logistic-f32-core=f32` below for
      evaluation in f32).
      - `exact`: GELU(x) = x Q(|x|) for x <= 0 and x - x Q(x) for x > 0,
        with Q(a) = Phi(-a) = 2^k exp(r) R(a): a^2/2 is exact in f64, exp is
        range-reduced by ln2 and a degree-6 minimax polynomial, and R(a) =
        Q(a) exp(a^2/2) is a (4,5) rational on [0, 16].
      - `tanh`: x / (1 + exp(-2u)) for x > 0 and x exp(2u) / (1 + exp(2u))
        for x <= 0, 2u = 2 sqrt(2/pi) (x + 0.044715 x^3): no 1 + tanh(u)
        cancellation.
      - With `exact-f32-core=piecewise`, `exact` on f32 scalars and vectors
        is evaluated in f32 instead: the same x Q(a) and x - x Q(a), with
        a Q(a) = exp(-a^2/2) S(a), exp(-a^2/2) in f32 from the exactly
        split a^2, and S(a) = a R(a) a degree-6 polynomial on one of 16
        intervals of [0, 15), its coefficients picked per lane from
        16-entry constant vectors (`vector.extract` at the lane's index,
        gathered by `vector.from_elements`: one `vpermps` per table on
        AVX-512). 1.60 ulp over every f32 input, against 0.66 for the f64
        core, at about 0.6 of its time with AVX-512.
      - With `logistic-f32-core=f32`, `tanh` and `sigmoid` on f32 (any
        shape) are evaluated in f32: T = a e / (1 + e), e = exp(-w(a)),
        a = |x|, with w(a) log2(e) = k + g carried as two f32s (products
        split exactly by fmas), 2^-g a degree-6 polynomial, a 2^-g and
        1 + e kept as two f32s and the quotient corrected by its exact fma
        residual; the result is x - T or -0 - T in one fma. No tables.
        1.29 ulp (tanh) and 1.37 ulp (QuickGELU) over every f32 input,
        against 0.53 for the f64 core, at about 0.6 of its time.
      - With `logistic-f32-core=f32-table`, the same argument with
        2^(j/16) split off: W = w log2(e) = N/16 + g, |g| <= 1/32, T_j =
        2^(j/16) (j = N mod 16) and its correction delta_j = log2(T_j) -
        j/16 read from two 16-entry constant vectors as the piecewise
        core reads its tables (`table-lookup`), g reduced from a cHi and
        a cLo by one fma each, 2^g a degree-3 polynomial, and T = a / (1 +
        2^W): an exact numerator, the denominator as two f32s, the
        quotient corrected by its exact remainder. 1.50 ulp (tanh and
        QuickGELU) over every f32 input, 17 operations for the FMA pipes
        (upstream's tanh form has 17) and 2 permutes: with AVX-512, at
        seven vectors per loop iteration, 0.97-1.02 of the time of
        upstream's tanh form at 64Ki elements.
    - f16, bf16 (scalars and vectors): the same formulas in f32 (with a
      degree-5 exponential: more is lost to f32 rounding; an 11-bit x
      squares exactly), rounded to
      the element type where that is provably the correctly rounded result
      (the f32 value is not within 17 ulps of a rounding boundary); the
      other lanes, about 35 in 65,536, take the f64 core rounded to f32 to
      odd and then to the type, under an `scf.if` on whether any lane needs
      it. With `logistic-f32-core=f32` (or `f32-table`), `tanh` and
      `sigmoid` on f16/bf16 take that core as the fast path, with a 2-ulp
      window. Tensors of
      f16/bf16 use the f64 core throughout.
    - f64: the same formulas with the cancelling and amplifying steps in
      double-double arithmetic.
    - Special values: GELU(-inf) = -0, GELU(+inf) = +inf, NaN propagates,
      GELU(-0) = -0; |x| is clamped before squaring, so nothing overflows.

    `gelu.gelu` on dynamically shaped or unranked tensors is left alone (run
    `convert-gelu-to-linalg` first).

    Example:

    ```mlir
    %y = gelu.gelu %x : vector<16xf32>
    ```

    becomes about 70 `arith`/`math.fma` operations on `vector<16xf32>` and
    `vector<16xf64>`, ending in

    ```mlir
    %r = arith.select %is_positive, %x_minus_tail, %tail : vector<16xi1>, vector<16xf64>
    %y = arith.truncf %r : vector<16xf64> to vector<16xf32>
    ```

    With `hardware-tanh`, `tanh`-mode GELU on f32, f16 and bf16 is instead
    written as 0.5 x (1 + tanh(u)) in f32 with a `math.tanh` marked `afn`
    (approximate functions allowed), which the NVPTX backend selects as the
    hardware `tanh.approx.f32` (sm_75 and later; relative error about 2^-11
    per the PTX ISA, hence thousands of ulps, and large relative
    errors for x below about -2 where 1 + tanh(u) cancels). It is the
    `fast-math` option of `gelu-gpu-pipeline`; other targets lower the
    `math.tanh` as they would any other.

    With `table-lookup=avx512-permute`, the piecewise core reads its tables
    on vectors of a multiple of 16 lanes with the AVX-512 permute intrinsic
    (`llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"`, one per table
    and 16 lanes), whose index may be left unmasked: the instruction reads
    only its low four bits, where `vector.extract` needs an index in range.
    The same bits, one operation fewer on the core's critical path (3-4%
    faster on Zen 5); the module then runs only on AVX-512 hosts
    (`gelu-cpu-pipeline` picks it there). With `table-lookup=avx2-permute`
    it reads them on vectors of a multiple of 8 lanes with two AVX2
    permutes (`llvm.x86.avx2.permps`, one per half of the table) and a blend
    on the index's bit 3 (`llvm.x86.avx.blendv.ps.256`); the module then
    needs AVX2 (`gelu-cpu-pipeline` picks it on AVX2 hosts without
    AVX-512). With `table-lookup=memory` the tables are one constant
    `memref.global` (`@__gelu_piecewise_f32_tables`, 16 rows of eight f32s,
    row j holding entry j of every table), added to the nearest symbol table
    of the op, and each lane loads its row with one `vector.load`: what a GPU
    thread, which has no register permute, reads through its L1 cache
    (`gelu-gpu-pipeline` picks it for NVVM). The pass must then run on that
    symbol table (the module) or above it; run on a function, it reports an
    error.

    With `hardware-approximations=nvvm` (or `rocdl`), the f32 fast path of
    f16 and bf16 GELU takes its exp from the GPU's approximate instruction
    (`llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"`, relative error
    about 2 ulps; AMDGPU `llvm.amdgcn.exp2`, 1 ulp), lane by lane, with the
    rounding error of its argument carried separately so that the exp stays
    within a few f32 ulps over the whole range, and its division from
    `llvm.nvvm.div.approx.f` (2 ulps; AMDGPU: a multiply by
    `llvm.amdgcn.rcp`). Both are far inside the 16-ulp margin of the
    rounding test, so the results are still correctly rounded: the
    special-function unit replaces about 10 operations of a polynomial exp
    and a correctly rounded division. The logistic f32 core
    (`logistic-f32-core=f32`) takes its quotient from the reciprocal
    instruction (`llvm.nvvm.rcp.approx.ftz.f`, `llvm.amdgcn.rcp`) and its
    exact-residual correction instead of a division: on every input on an
    H200 its bound was the CPU's (1.273 ulps, for the core of 2026-12-04;
    0.26% of f32 results differ from the division's by an ulp:
    docs/Numerics.md). The module then runs only on that target.

    With `bf16-rounding=avx512bf16`, the f32 fast path's results on bf16
    vectors of a multiple of 32 lanes are rounded by AVX512-BF16's
    `vcvtne2ps2bf16` (`llvm.call_intrinsic
    "llvm.x86.avx512bf16.cvtne2ps2bf16.512"`, one per 32 lanes) instead of
    `arith.truncf`, which `gelu-cpu-pipeline` expands into about ten integer
    operations per 32 lanes. The instruction rounds to nearest even like the
    expansion but flushes subnormals, which the rounding test already sends
    to the fallback; NaN lanes get the expansion's quiet NaN, so scalar and
    vector code keep the same bits. The function is marked as needing
    `+avx512bf16`.

    With `bf16-table`, bf16 GELU on scalars and fixed-size vectors reads
    its results from a constant `memref.global` of 4,096 i16s per
    approximation (`@__gelu_bf16_table_exact`, `_tanh`, `_sigmoid`, 8 KiB
    each, added to the op's nearest symbol table like `table-lookup=memory`'s
    tables): the correctly rounded bf16 results, as bits, for every bf16 x
    with 2^-10 <= |x| < 64, generated with mpmath by
    `tools/gelu-coefficients/gelu_bf16_table.py`. Each lane's index is a few
    integer operations on x's bits, and the lookup a `memref.load` (scalars)
    or a `vector.gather`. The other inputs need no table: below 2^-10 the
    result is x/2 rounded to bf16 (the next term is under a quarter of its
    ulp; where x/2 is a tie between two subnormals the sign of that term
    picks the side), computed on the bits; at 64 and above it is x, at -64
    and below -0, and NaN stays x. No floating-point arithmetic is left: a
    GPU thread does one 2-byte load per element, from its L1 cache, where
    the computed fast path takes 23-34 f32 operations and a rounding test.
    `hardware-tanh` takes precedence for tanh-mode GELU.

    With `fallback-per-lane`, the rare f64 fallback of f16/bf16 vectors is
    computed lane by lane (scalar code under one `scf.if` per lane, inside
    the `scf.if` on any lane) instead of on the whole vector: the same bits,
    more code, and far fewer live registers, which is what a GPU thread's
    occupancy depends on (`gelu-gpu-pipeline` sets it).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
  let options = [
    Option<"hardwareTanh", "hardware-tanh", "bool", /*default=*/"false",
           "Lower tanh-mode GELU on f32/f16/bf16 with an afn math.tanh (the "
           "hardware tanh instruction on NVPTX) instead of gelu-mlir's "
           "approximation">,
    Option<"hardwareApproximations", "hardware-approximations",
           "::mlir::gelu::HardwareApproximations",
           /*default=*/"::mlir::gelu::HardwareApproximations::None",
           "Whose approximate exp, division and reciprocal the f32 fast "
           "path of f16/bf16 GELU (still correctly rounded) and the logistic "
           "f32 core use",
           [{::llvm::cl::values(
             clEnumValN(::mlir::gelu::HardwareApproximations::None, "none",
                        "a polynomial exp and a correctly rounded division"),
             clEnumValN(::mlir::gelu::HardwareApproximations::Nvvm, "nvvm",
                        "NVPTX ex2.approx.ftz.f32, div.approx.f32 and "
                        "rcp.approx.ftz.f32"),
             clEnumValN(::mlir::gelu::HardwareApproximations::Rocdl, "rocdl",
                        "AMDGPU v_exp_f32 and v_rcp_f32"))}]>,
    Option<"bf16Rounding", "bf16-rounding", "::mlir::gelu::Bf16Rounding",
           /*default=*/"::mlir::gelu::Bf16Rounding::Truncf",
           "How the f32 fast path's results are rounded to bf16",
           [{::llvm::cl::values(
             clEnumValN(::mlir::gelu::Bf16Rounding::Truncf, "truncf",
                        "arith.truncf (portable)"),
             clEnumValN(::mlir::gelu::Bf16Rounding::Avx512Bf16, "avx512bf16",
                        "vcvtne2ps2bf16 per 32 lanes (needs AVX512-BF16)"))}]>,
    Option<"fallbackPerLane", "fallback-per-lane", "bool",
           /*default=*/"false",
           "Compute the f64 fallback of f16/bf16 vectors lane by lane (fewer "
           "live registers, for GPUs) instead of on the whole vector">,
    Option<"exactF32Core", "exact-f32-core", "::mlir::gelu::ExactF32Core",
           /*default=*/"::mlir::gelu::ExactF32Core::F64",
           "How exact-mode GELU on f32 scalars and vectors is evaluated",
           [{::llvm::cl::values(
             clEnumValN(::mlir::gelu::ExactF32Core::F64, "f64",
                        "in f64, rounded once (0.66 ulp; portable)"),
             clEnumValN(::mlir::gelu::ExactF32Core::Piecewise, "piecewise",
                        "in f32 with piecewise polynomials from 16-entry "
                        "lookups (1.60 ulp; fast with AVX-512)"))}]>,
    Option<"logisticF32Core", "logistic-f32-core",
           "::mlir::gelu::LogisticF32Core",
           /*default=*/"::mlir::gelu::LogisticF32Core::F64",
           "How tanh-mode GELU and QuickGELU on f32 scalars and vectors are "
           "evaluated",
           [{::llvm::cl::values(
             clEnumValN(::mlir::gelu::LogisticF32Core::F64, "f64",
                        "in f64, rounded once (0.53 ulp)"),
             clEnumValN(::mlir::gelu::LogisticF32Core::F32, "f32",
                        "in f32 with the sigmoid's argument carried as two "
                        "f32s (1.3 ulp; no tables)"),
             clEnumValN(::mlir::gelu::LogisticF32Core::F32Table, "f32-table",
                        "f32 with 2^(j/16) from a 16-entry table, read as "
                        "table-lookup says (1.50 ulp; fast with AVX-512)"))}]>,
    Option<"tableLookup", "table-lookup", "::mlir::gelu::TableLookup",
           /*default=*/"::mlir::gelu::TableLookup::Extract",
           "How the piecewise f32 core reads its 16-entry tables on vectors",
           [{::llvm::cl::values(
             clEnumValN(::mlir::gelu::TableLookup::Extract, "extract",
                        "vector.extract per lane and vector.from_elements "
                        "(portable)"),
             clEnumValN(::mlir::gelu::TableLookup::Avx512Permute,
                        "avx512-permute",
                        "llvm.x86.avx512.permvar.sf.512 per 16 lanes on the "
                        "unmasked index (needs AVX-512)"),
             clEnumValN(::mlir::gelu::TableLookup::Avx2Permute,
                        "avx2-permute",
                        "llvm.x86.avx2.permps on each table half and a blend "
                        "per 8 lanes (needs AVX2)"),
             clEnumValN(::mlir::gelu::TableLookup::Memory, "memory",
                        "a vector.load per lane of its row of a constant "
                        "memref.global (GPUs; the pass must run on the "
                        "module)"))}]>,
    Option<"bf16Table", "bf16-table", "bool", /*default=*/"false",
           "Read bf16 GELU on scalars and vectors from a constant table of "
           "correctly rounded results (8 KiB per approximation, a "
           "memref.global; the pass must run on the module) instead of "
           "computing it">,
  ];
  let statistics = [
    Statistic<"numApproximated", "num-approximated",
              "Number of gelu.gelu rewritten">,
  ];
}

def GeluFusePass : InterfacePass<"gelu-fuse", "::mlir::FunctionOpInterface"> {
  let summary = "Fuse GELU with its neighbours: elementwise chains, and the "
                "matmul it follows";
  let description = [{
    Two steps, both upstream machinery:

    1. Elementwise fusion (`populateElementwiseOpsFusionPatterns`): bias
       add, scaling, residual add, the GEGLU product and `gelu.gelu` (as
       `linalg.generic` after `convert-gelu-to-linalg`) merge into one
       `linalg.generic`.
    2. Epilogue fusion (`scf::tileConsumerAndFuseProducersUsingSCF`): an
       elementwise `linalg.generic` that reads the result of a contraction
       (`linalg.matmul`, `linalg.batch_matmul`, matmuls with transposed
       operands, generic contractions) is tiled by `tile-m` x `tile-n`
       (column tiles outermost) and the contraction is computed tile by tile
       inside the same loop nest, so each output tile is accumulated, then
       biased and GELU'd while it is in cache; no buffer of the raw matmul
       result remains. `gelu-vectorize` then turns the tile's contraction
       into a register-blocked vector kernel and vectorizes the epilogue.

    The contraction is fused only when the elementwise op is its only user
    (otherwise its full result must exist anyway) and reads it with the
    identity map over the same iteration space (not broadcast or
    transposed).

    Example: `%h = linalg.matmul ...; %y = linalg.generic ins(%h, %bias) {
    addf; gelu.gelu }` becomes `scf.for %n { scf.for %m { %t = linalg.matmul
    (tile); %y_t = linalg.generic ins(%t, %bias_t) {...} } }`.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = [
    Option<"tileM", "tile-m", "unsigned", /*default=*/"48",
           "Rows of a fused output tile">,
    Option<"tileN", "tile-n", "unsigned", /*default=*/"256",
           "Columns of a fused output tile">,
    Option<"epilogues", "epilogues", "bool", /*default=*/"true",
           "Fuse contractions into their elementwise consumers (step 2); "
           "false: elementwise fusion only (gelu-gpu-pipeline)">,
  ];
  let statistics = [
    Statistic<"numEpilogues", "num-epilogues",
              "Contractions fused into their elementwise consumer's tiles">,
  ];
}

def GeluVectorizePass : InterfacePass<"gelu-vectorize",
                                      "::mlir::FunctionOpInterface"> {
  let summary = "Tile elementwise linalg operations to the vector width and "
                "vectorize them";
  let description = [{
    Tiles every elementwise `linalg.generic` on tensors (all loops parallel:
    GELU and its fused neighbours) with upstream `scf::tileUsingSCF`: the
    innermost dimension by `vector-width * unroll` elements and the outer
    ones by 1. The innermost loop is peeled (`peelForLoopAndSimplifyBounds`)
    so that full tiles are vectorized without masks and the remainder tile
    with masked transfers (upstream `linalg::vectorize` with vector sizes).
    With three vectors or more per tile, on elements of 32 bits or more, the
    remainder of a dynamic size is tiled again by `vector-width` and peeled:
    full single vectors without masks, then one masked vector, instead of
    one masked tile that computes every lane of the tile (f32 tanh mode on
    4096 elements with AVX-512: x0.91 the time).
    `gelu.gelu` in the body becomes `gelu.gelu` on vectors, for
    `gelu-approximate`. An operation on f32 whose GELU is tanh-mode or
    QuickGELU is tiled by `vector-width * logistic-unroll` instead when
    `logistic-unroll` is set (on bf16, `logistic-unroll-bf16`):
    `gelu-approximate`'s logistic f32 core, which bf16 tanh-mode GELU and
    QuickGELU evaluate in their f32 fast path, is one long chain of
    dependent operations per vector, which runs faster with more vectors in
    flight than the other approximations. The scalar (vector-width=1) and vector code compute
    the same operations per element, so they give bitwise-identical results.

    With `parallel`, the outermost dimension is first tiled into an
    `scf.forall` (chunks of `parallel-chunk` elements for 1-D operations,
    single rows otherwise), which the CPU pipeline turns into OpenMP.

    Contractions (`linalg.matmul`, `linalg.batch_matmul`, generic
    contractions) on tensors become register-blocked kernels: larger than a
    `tile-m` x `tile-n` tile, they are first tiled into cache tiles (column
    tiles outermost, the partial last tiles peeled, so that static shapes
    keep static tiles); each tile is tiled by `micro-m` x `micro-n` x 1 with
    the partial blocks peeled: the rows left over become one block when
    their number is known (the last 5 of 197 rows a 5 x `micro-n` block) and
    single rows otherwise, the columns left over a block of their width.
    After canonicalization every block of static shape is vectorized into a
    `vector.contract` of exactly its shape; only a block whose width is not
    known at compile time stays `linalg` (scalar loops). Upstream
    `loop-invariant-subset-hoisting` (after CSE) then moves the
    accumulator's transfers out of the reduction loop, so each block's
    accumulator stays in registers across K, and the LLVM lowering turns the
    contraction into outer products (broadcast and FMA). Contractions
    already inside a tile loop (`gelu-fuse`'s) are only register-blocked.
    `micro-n` should be a power-of-two number of vectors: other widths (48
    f32) lower to element-wise shuffles.

    Example (vector-width=8, unroll=1):

    ```mlir
    %y = linalg.generic ... ins(%x : tensor<?xf32>) ... { gelu.gelu %in : f32 }
    ```

    becomes

    ```mlir
    %main = scf.for %i = %c0 to %n_floor8 step %c8 ... {
      %v = vector.transfer_read ... : tensor<?xf32>, vector<8xf32>
      %g = gelu.gelu %v : vector<8xf32>
      ...
    }
    %rest = scf.for %i = %n_floor8 to %n step %c8 ... {
      %m = vector.create_mask %size : vector<8xi1>
      %v = vector.mask %m { vector.transfer_read ... } : vector<8xi1> -> vector<8xf32>
      ...
    }
    ```
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"8",
           "Elements per vector (1: scalar code)">,
    Option<"unroll", "unroll", "unsigned", /*default=*/"1",
           "Vectors per loop iteration">,
    Option<"logisticUnroll", "logistic-unroll", "unsigned", /*default=*/"0",
           "Vectors per loop iteration of f32 operations whose GELU is "
           "tanh-mode or QuickGELU (0: `unroll`)">,
    Option<"logisticUnrollBf16", "logistic-unroll-bf16", "unsigned",
           /*default=*/"0",
           "The same for bf16 operations (0: `unroll`)">,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Tile the outermost dimension into an scf.forall">,
    Option<"parallelChunk", "parallel-chunk", "unsigned", /*default=*/"16384",
           "Elements per scf.forall iteration of a 1-D operation">,
    Option<"microM", "micro-m", "unsigned", /*default=*/"8",
           "Rows of a contraction's register block (gelu-cpu-pipeline: 6)">,
    Option<"microN", "micro-n", "unsigned", /*default=*/"32",
           "Columns of a contraction's register block (gelu-cpu-pipeline: "
           "four vectors with 16 lanes, two otherwise)">,
    Option<"tileM", "tile-m", "unsigned", /*default=*/"48",
           "Rows of a contraction's cache tile">,
    Option<"tileN", "tile-n", "unsigned", /*default=*/"256",
           "Columns of a contraction's cache tile">,
  ];
  let statistics = [
    Statistic<"numVectorized", "num-vectorized",
              "Number of elementwise linalg operations tiled and vectorized">,
    Statistic<"numContractions", "num-contractions",
              "Number of contractions turned into register-blocked kernels">,
  ];
}

def GeluRaisePass : Pass<"gelu-raise"> {
  let summary = "Recognize GELU written out by frontends and raise it to "
                "gelu.gelu";
  let description = [{
    Finds GELU written as arithmetic, the way torch-mlir, TOSA legalizations,
    StableHLO/JAX, ONNX (before opset 20) and CLIP models write it, and
    replaces it with `gelu.gelu`, so that it gets the accurate lowering:

    - `exact`: `0.5 * x * (1 + erf(x / sqrt(2)))` (multiplying by 0.70710678
      or dividing by 1.41421356 or by `math.sqrt(2.0)`, any association and
      operand order of the products), `0.5 * x * erfc(-x / sqrt(2))`, and
      `x * Phi(x)` with Phi as `0.5 * (1 + erf(...))`, `0.5 + 0.5 * erf(...)`
      or `1 - 0.5 * erfc(x / sqrt(2))`;
    - `tanh`: `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))`, with
      the cube as `x * x * x`, `math.powf`, `math.fpowi` or `tosa.pow`, and
      any arrangement of the argument that is the same polynomial (the GPT-2
      and PyTorch orderings, `0.0356774 * x^3 + 0.7978846 * x`,
      `x * 0.7978846 * (1 + 0.044715 * x * x)`);
    - `sigmoid` (QuickGELU): `x * sigmoid(1.702 * x)` (`tosa.sigmoid`, or
      `1 / (1 + exp(-1.702 * x))` as a division or `tosa.reciprocal`) and
      `x / (1 + exp(-1.702 * x))`.

    It reads `arith`/`math` on scalars, vectors and tensors (inside
    `linalg.generic` bodies too, where the raised op is scalar) and TOSA on
    tensors. Constants may be scalars or splats, f32 or f64 literals, or
    constant expressions (`math.sqrt` of a constant); they must equal the
    formula's within the relative `tolerance` (or, when larger, the rounding
    error of the element type: 2^-8 for bf16, which holds 1.702 as
    1.703125): a near-miss is not raised.

    Shared intermediates: a GELU is raised only when every operation between
    its result and x is used only inside it. If the `erf`, the `0.5 * x` or
    any other intermediate has another user, the arithmetic is left as
    written: other users keep their values and no work is duplicated.

    Example:

    ```mlir
    %t = arith.mulf %x, %rsqrt2 : f32
    %e = math.erf %t : f32
    %s = arith.addf %e, %one : f32
    %h = arith.mulf %x, %half : f32
    %y = arith.mulf %h, %s : f32
    ```

    becomes

    ```mlir
    %y = gelu.gelu %x : f32
    ```
  }];
  let dependentDialects = ["::mlir::gelu::GeluDialect"];
  let options = [
    Option<"tolerance", "tolerance", "double", /*default=*/"1e-5",
           "Relative tolerance on the formulas' constants (an f32 literal is "
           "within 6e-8; 1e-5 also accepts six significant digits)">,
  ];
  let statistics = [
    Statistic<"numRaised", "num-raised", "Number of GELU raised">,
  ];
}

def GeluGpuStageTablesPass : Pass<"gelu-gpu-stage-tables",
                                   "::mlir::gpu::GPUModuleOp"> {
  let summary = "Copy the constant tables each kernel reads into workgroup "
                "(shared) memory when the kernel starts";
  let description = [{
    For each kernel `gpu.func` of the `gpu.module` that reads a constant
    `memref.global` of the module (through `memref.get_global`, used only by
    `memref.load` and `vector.load`) whose name starts with `symbol-prefix`,
    adds a workgroup attribution of the global's shape, copies the global
    into it at the start of the kernel (the block's threads in turn, 16
    bytes each per step where the size allows, then `gpu.barrier`) and reads
    the copy instead. Scattered reads of a small table, such as
    `gelu-approximate{bf16-table}`'s one 2-byte read per element, are then
    served by shared memory's 32 banks (a few cycles per warp-wide read)
    rather than by L1, which serves one cache line per cycle.

    The copy runs before any of the kernel's code, so every thread of the
    block reaches the barrier. It costs each block one read of the table
    from L2 (8 KiB for a bf16 table): kernels that give a block few elements
    pay it often (`elements-per-thread` of `gelu-gpu-distribute`).

    Upstream promotes buffers to workgroup memory only for
    `linalg` operands (`gpu::PromoteWorkgroupMemory`-style transforms in the
    transform dialect), not for globals read inside a kernel.

    Example (`symbol-prefix=__gelu_bf16_table`):

    ```mlir
    gpu.func @k(...) workgroup(%table : memref<4096xi16, #gpu.address_space<workgroup>>) kernel {
      // copy of @__gelu_bf16_table_exact into %table, gpu.barrier
      ...
      %e = memref.load %table[%i] : memref<4096xi16, #gpu.address_space<workgroup>>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
  let options = [
    Option<"symbolPrefix", "symbol-prefix", "std::string", /*default=*/"",
           "Stage the constant globals whose names start with this (empty: "
           "every constant global a kernel reads)">,
  ];
  let statistics = [
    Statistic<"numStaged", "num-staged",
              "Tables copied into a kernel's workgroup memory">,
  ];
}

def GeluGpuLimitRegistersPass : Pass<"gelu-gpu-limit-registers",
                                      "::mlir::gpu::GPUModuleOp"> {
  let summary = "Cap the registers of each NVVM kernel (nvvm.maxnreg)";
  let description = [{
    Sets `nvvm.maxnreg` on every kernel `gpu.func` of the `gpu.module`, which
    `convert-gpu-to-nvvm` carries to the LLVM function and the NVPTX back end
    emits as the PTX directive `.maxnreg`: ptxas (or the CUDA driver's JIT)
    then allocates at most that many registers per thread, spilling if it
    must. Element-wise kernels are memory-bound, and the threads an SM keeps
    resident (65,536 registers shared by at most 2,048 threads) set how many
    loads are in flight: at 32 registers all 2,048 fit, at 48 only 1,280.
    `ptxas -v` reports what a cap costs in spills. A kernel that already
    has `nvvm.maxnreg` keeps it.

    `max-registers=0` (the default) leaves the kernels alone. The attribute
    means nothing to other targets, so a cap on a `gpu.module` whose targets
    are not all `#nvvm.target` is an error.

    Example (`max-registers=32`):

    ```mlir
    gpu.module @kernels [#nvvm.target<chip = "sm_90">] {
      gpu.func @gelu(%x: memref<?xf32>) kernel
          attributes {nvvm.maxnreg = 32 : i32} { ... }
    }
    ```
  }];
  let dependentDialects = ["::mlir::NVVM::NVVMDialect"];
  let options = [
    Option<"maxRegisters", "max-registers", "unsigned", /*default=*/"0",
           "The most registers per thread (0: no cap)">,
  ];
}

def GeluGpuMapForallPass : InterfacePass<"gelu-gpu-map-forall",
                                         "::mlir::FunctionOpInterface"> {
  let summary = "Turn scf.forall loops mapped to GPU blocks and threads into "
                "scf.parallel loops mapped for convert-parallel-loops-to-gpu";
  let description = [{
    Rewrites every bufferized `scf.forall` whose mapping is GPU blocks or
    threads (`#gpu.block<x|y|z>`, `#gpu.thread<x|y|z>`, as
    `gelu-gpu-distribute` creates them) into an `scf.parallel` with the
    equivalent `#gpu.loop_dim_map` mapping (upstream `scf::forallToParallelLoop`
    and `gpu::setMappingAttr`), which `convert-parallel-loops-to-gpu` turns
    into a `gpu.launch`. Other loops are left alone (upstream
    `scf-forall-to-parallel` and `gpu-map-parallel-loops` handle unmapped
    ones).

    Upstream has no pass for this step: `gpu-map-parallel-loops` maps
    `scf.parallel` loops by nesting depth only, and the forall-to-GPU mapping
    of `#gpu.block`/`#gpu.thread` loops exists only as transform-dialect ops.
    A loop of one block or one thread keeps its mapping, and so its place in
    the kernel, where an unmapped one would be folded away by
    canonicalization.

    A mapped `scf.forall` that still has tensor outputs (not bufferized) is
    an error, and so is an outermost mapped loop (a kernel) that accesses a
    buffer allocated by `memref.alloc` or `memref.alloca` in the default
    memory space: the host lowers those to host memory, which the kernel
    cannot write. That is what bufferization gives a result that is not
    written into an argument (a returned tensor, a loop-carried one);
    `gelu-gpu-pipeline` expects results in device memref arguments.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect"];
  let statistics = [
    Statistic<"numMapped", "num-mapped", "Number of scf.forall loops mapped">,
  ];
}

def GeluGpuDistributePass : InterfacePass<"gelu-gpu-distribute",
                                          "::mlir::FunctionOpInterface"> {
  let summary = "Distribute elementwise linalg operations over GPU blocks and "
                "threads, 128 bits per thread";
  let description = [{
    Tiles every elementwise `linalg.generic` on tensors (GELU and its fused
    neighbours; `linalg.fill` is generalized to one) into two nested
    `scf.forall` loops, the outer one for blocks
    (the outer dimensions, at most two, and chunks of `threads-per-block` x
    `elements-per-thread` elements of the innermost one) and the inner one
    for threads, each thread owning `elements-per-thread` consecutive
    elements: 4 f32 or 8 bf16 are
    one 128-bit load and store, and a warp's accesses are contiguous. The
    loops are mapped to `#gpu.block<x>` and `#gpu.thread<x>`, which also
    keeps canonicalization from folding a loop of one block or one thread
    away. A thread's tile of dynamic size is vectorized twice, under an
    `scf.if` on whether it is full: full tiles without masks (plain vector
    loads), the last partial tile with masked transfers; a tile of static
    size (the same in every thread) becomes vectors of exactly its shape.
    With `elements-per-thread=0` it is 16 bytes' worth of the operation's
    widest element type.

    The CPU pipeline does not use this pass; `gelu-gpu-pipeline` does, then
    turns the loops into `gpu.launch` (after bufferization,
    `gelu-gpu-map-forall` and upstream `convert-parallel-loops-to-gpu`).
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
  let options = [
    Option<"threadsPerBlock", "threads-per-block", "unsigned",
           /*default=*/"256", "Threads of a block">,
    Option<"elementsPerThread", "elements-per-thread", "unsigned",
           /*default=*/"0",
           "Consecutive elements per thread (0: 16 bytes of the widest "
           "element type)">,
    Option<"requireAll", "require-all", "bool", /*default=*/"false",
           "Report every linalg operation on tensors that is not distributed "
           "(not elementwise) as an error: gelu-gpu-pipeline would leave it "
           "to the host, on device buffers">,
  ];
}

def GeluExpandSignOpsPass : Pass<"gelu-expand-sign-ops"> {
  let summary = "Expand math.absf and math.copysign into integer sign-bit "
                "operations";
  let description = [{
    Rewrites `math.absf` (clear the sign bit) and `math.copysign` (the
    magnitude bits of the first operand, the sign bit of the second) on f16,
    bf16, f32 and f64 scalars and vectors into `arith.bitcast`, `arith.andi`
    and `arith.ori`, which are exact for every input, NaN and infinities
    included.

    Why: upstream `convert-gpu-to-nvvm` and `convert-gpu-to-rocdl` turn these
    two operations (and their LLVM intrinsics) into calls to CUDA's libdevice
    (`__nv_fabsf`, `__nv_copysignf`) or AMD's ocml, which `gelu-gpu-pipeline`
    must not depend on; GELU's approximations use both. CPU backends
    already select the same bit operations, so the pass is only part of the
    GPU pipeline.

    Example:

    ```mlir
    %a = math.absf %x : vector<4xf32>
    ```

    becomes

    ```mlir
    %bits = arith.bitcast %x : vector<4xf32> to vector<4xi32>
    %mag = arith.andi %bits, %cst_0x7fffffff : vector<4xi32>
    %a = arith.bitcast %mag : vector<4xi32> to vector<4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def GeluPrefetchPass : Pass<"gelu-prefetch"> {
  let summary = "Prefetch the lines that streaming loops read and write, a "
                "fixed distance ahead";
  let description = [{
    In each innermost `scf.for` that reads and writes at least a 64-byte
    line per iteration with 1-D, unmasked, in-bounds vector transfers whose
    innermost index is the loop's induction variable, or its sum with values
    defined outside the loop (`arith.addi`, or an `affine.apply` of a sum,
    as tiling for `scf.forall` leaves the chunk's offset), on memrefs with
    unit innermost stride defined outside the loop, inserts one
    `memref.prefetch` per line of each such transfer, `distance` bytes
    ahead (at the start of the body, or after the index's definition):
    `read` for the transfer reads, `write` for the transfer writes,
    locality 3. The prefetched index is clamped to the last element of the
    row (`memref.dim` - 1), so no prefetch leaves the memref. A loop whose
    widest such read or widest such write moves fewer than `min-bytes` per
    iteration is left alone (`gelu-cpu-pipeline` passes 256: four lines).
    Masked transfers (the peeled remainders), loops with loops inside (tile
    loops, matmul reductions) and loops that only read or only write are
    left alone. `distance=0` does nothing; other distances must be
    multiples of 64.

    With `min-total-bytes`, the loop is versioned: an `scf.if` runs a copy
    with the prefetches where the memrefs its streams view (through
    `memref.subview` and `memref.cast`: the function's arguments, whole
    buffers rather than one parallel chunk) hold at least that many bytes
    together, and the loop as it was otherwise; its results are the
    `scf.if`'s.

    Why: an elementwise GELU kernel with a long chain per vector (the
    logistic f32 core, seven or eight vectors per iteration) holds hundreds of
    instructions, spills among them, between a load and the next
    iteration's, and on x86 a store waits in order for its line: from DRAM
    the hardware prefetchers fall behind. On one Zen 5 core 4096 bytes took
    such a kernel x0.70-0.79 the time at 2Mi f32 and x0.86 at 16Mi, and
    x0.87-0.91 at 64Mi on two cores, but x1.01-1.03 at 64Ki and 1Mi, where
    the data is in the caches: `gelu-cpu-pipeline` prefetches only where
    the buffers hold 16 MiB or more (docs/Pipelines.md). Upstream MLIR has
    no prefetch pass at this level, and LLVM's LoopDataPrefetch is not in
    x86's pipeline.

    Example (`distance=4096`):

    ```mlir
    scf.for %i = %c0 to %n step %c16 {
      %v = vector.transfer_read %in[%i], %pad {in_bounds = [true]}
        : memref<?xf32>, vector<16xf32>
      vector.transfer_write %v, %out[%i] {in_bounds = [true]}
        : vector<16xf32>, memref<?xf32>
    }
    ```

    gains, at the start of the body,

    ```mlir
    %ahead = arith.addi %i, %c1024 : index
    %j = arith.minsi %ahead, %last : index
    memref.prefetch %in[%j], read, locality<3>, data : memref<?xf32>
    memref.prefetch %out[%j'], write, locality<3>, data : memref<?xf32>
    ```
  }];
  let options = [
    Option<"distance", "distance", "unsigned", /*default=*/"4096",
           "How far ahead to prefetch, in bytes (a multiple of 64; 0: no "
           "prefetches)">,
    Option<"minBytes", "min-bytes", "unsigned", /*default=*/"64",
           "Loops whose widest read and widest write each move fewer bytes "
           "per iteration are left alone">,
    Option<"minTotalBytes", "min-total-bytes", "unsigned", /*default=*/"0",
           "Version each loop: prefetch only where the memrefs its streams "
           "view (through subviews and casts) hold at least this many bytes "
           "together; 0: always prefetch">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def GeluApproximateMathPass : Pass<"gelu-approximate-math"> {
  let summary = "Lower math operations with upstream's polynomial "
                "approximations";
  let description = [{
    Applies upstream `populateMathPolynomialApproximationPatterns` (the
    patterns behind upstream's test-only `-test-math-polynomial-approximation`
    flag, for which upstream registers no pass): `math.erf`, `math.erfc`,
    `math.tanh`, `math.exp`, `math.log`, ... on f32 (and f16/bf16 through
    f32) become `arith` polynomials. `gelu-cpu-pipeline` runs it on whatever
    `math` operations remain after GELU has been lowered, and the benchmark
    uses it for the upstream baselines.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::x86vector::X86VectorDialect"];
  let options = [
    Option<"enableAvx2", "enable-avx2", "bool", /*default=*/"false",
           "Use AVX2 intrinsics (x86vector rsqrt) in the approximations">,
  ];
}

#endif // GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD
