//===- Pipelines.h - gelu pass pipelines ------------------------*- C++ -*-===//
//
// The end-to-end pipelines: option structs, the builders that C++ users can
// embed in their own pass managers, and their registration.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_PIPELINES_PIPELINES_H
#define GELU_PIPELINES_PIPELINES_H

#include "gelu/Dialect/Gelu/Transforms/Transforms.h"

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;

namespace gelu {

/// How gelu-cpu-pipeline lowers gelu.gelu.
enum class GeluLowering {
  /// gelu-approximate: gelu-mlir's own branch-free approximations (within
  /// 2 ulp, vectorized). The default.
  Approximate,
  /// gelu-expand: the formula with upstream math.erfc/math.tanh. The portable
  /// reference.
  Expand,
};

/// `gelu-cpu-pipeline`'s choice of how exact f32 GELU is evaluated.
enum class CpuExactF32Core {
  /// The piecewise f32 core where the host has AVX-512 (one vpermps per
  /// 16-entry table), the f64 core elsewhere.
  Auto,
  F64,
  Piecewise,
};

/// The core `choice` means on this host.
ExactF32Core resolveExactF32Core(CpuExactF32Core choice);

/// The values of an `exact-f32-core` option (the pipeline's, and the
/// tools').
inline llvm::cl::ValuesClass cpuExactF32CoreValues() {
  return llvm::cl::values(
      clEnumValN(CpuExactF32Core::Auto, "auto",
                 "piecewise with AVX-512 or AVX2 and FMA, f64 otherwise"),
      clEnumValN(CpuExactF32Core::F64, "f64",
                 "in f64, rounded once (0.66 ulp)"),
      clEnumValN(CpuExactF32Core::Piecewise, "piecewise",
                 "in f32 with piecewise polynomials from 16-entry lookups "
                 "(1.60 ulp)"));
}

/// `gelu-cpu-pipeline`'s choice of how the tanh form and QuickGELU on f32
/// are evaluated.
enum class CpuLogisticF32Core {
  /// The f32 table core where the host has AVX-512, the f32 core where it
  /// has AVX2 and FMA, the f64 core elsewhere.
  Auto,
  F64,
  F32,
  F32Table,
};

/// The core `choice` means on this host.
LogisticF32Core resolveLogisticF32Core(CpuLogisticF32Core choice);

/// The values of a `logistic-f32-core` option (the pipeline's, and the
/// tools').
inline llvm::cl::ValuesClass cpuLogisticF32CoreValues() {
  return llvm::cl::values(
      clEnumValN(CpuLogisticF32Core::Auto, "auto",
                 "f32-table with AVX-512, f32 with AVX2 and FMA, f64 "
                 "otherwise"),
      clEnumValN(CpuLogisticF32Core::F64, "f64",
                 "in f64, rounded once (0.53 ulp)"),
      clEnumValN(CpuLogisticF32Core::F32, "f32",
                 "in f32 with the sigmoid's argument carried as two f32s "
                 "(1.3 ulp)"),
      clEnumValN(CpuLogisticF32Core::F32Table, "f32-table",
                 "the same with 2^(j/16) read from a 16-entry table "
                 "(1.50 ulp; needs table-lookup=avx512-permute to be fast)"));
}

/// `gelu-cpu-pipeline`'s choice of how the piecewise core reads its tables.
enum class CpuTableLookup {
  /// The AVX-512 permute where the host has AVX-512, the AVX2 permutes
  /// where it has AVX2 and FMA, extract elsewhere.
  Auto,
  Extract,
  Avx512Permute,
  Avx2Permute,
  /// Loads from a constant global, as gelu-gpu-pipeline's kernels read the
  /// tables: slow on CPUs, for checking that code on every input here.
  Memory,
};

/// The lookup `choice` means on this host.
TableLookup resolveTableLookup(CpuTableLookup choice);

/// The values of a `table-lookup` option (the pipeline's, and the tools').
inline llvm::cl::ValuesClass cpuTableLookupValues() {
  return llvm::cl::values(
      clEnumValN(CpuTableLookup::Auto, "auto",
                 "avx512-permute with AVX-512, avx2-permute with AVX2 and "
                 "FMA, extract otherwise"),
      clEnumValN(CpuTableLookup::Extract, "extract",
                 "vector.extract per lane (portable)"),
      clEnumValN(CpuTableLookup::Avx512Permute, "avx512-permute",
                 "the AVX-512 permute intrinsic (needs AVX-512)"),
      clEnumValN(CpuTableLookup::Avx2Permute, "avx2-permute",
                 "two AVX2 permutes and a blend (needs AVX2)"),
      clEnumValN(CpuTableLookup::Memory, "memory",
                 "a load per lane from a constant global, as on GPUs "
                 "(slow here)"));
}

/// `gelu-cpu-pipeline`'s choice of how the bf16 fast path's results are
/// rounded.
enum class CpuBf16Rounding {
  /// vcvtne2ps2bf16 where the host has AVX512-BF16, truncf elsewhere.
  Auto,
  Truncf,
  Avx512Bf16,
};

/// The rounding `choice` means on this host.
Bf16Rounding resolveBf16Rounding(CpuBf16Rounding choice);

/// Options of `gelu-cpu-pipeline`.
struct GeluCpuPipelineOptions
    : public PassPipelineOptions<GeluCpuPipelineOptions> {
  PassOptions::Option<bool> raise{
      *this, "raise",
      llvm::cl::desc("First raise GELU written out by frontends (erf, erfc, "
                     "tanh and QuickGELU forms in arith/math/tosa) to "
                     "gelu.gelu (gelu-raise)"),
      llvm::cl::init(true)};
  PassOptions::Option<GeluLowering> geluLowering{
      *this, "gelu-lowering", llvm::cl::desc("How gelu.gelu is lowered"),
      llvm::cl::init(GeluLowering::Approximate),
      llvm::cl::values(
          clEnumValN(GeluLowering::Approximate, "approximate",
                     "gelu-approximate: gelu-mlir's own approximations"),
          clEnumValN(GeluLowering::Expand, "expand",
                     "gelu-expand: upstream math.erfc and math.tanh (the "
                     "portable reference)"))};
  PassOptions::Option<CpuExactF32Core> exactF32Core{
      *this, "exact-f32-core",
      llvm::cl::desc("How exact GELU on f32 is evaluated (gelu-approximate's "
                     "exact-f32-core)"),
      llvm::cl::init(CpuExactF32Core::Auto), cpuExactF32CoreValues()};
  PassOptions::Option<CpuLogisticF32Core> logisticF32Core{
      *this, "logistic-f32-core",
      llvm::cl::desc("How tanh-mode GELU and QuickGELU on f32 are evaluated "
                     "(gelu-approximate's logistic-f32-core)"),
      llvm::cl::init(CpuLogisticF32Core::Auto), cpuLogisticF32CoreValues()};
  PassOptions::Option<CpuTableLookup> tableLookup{
      *this, "table-lookup",
      llvm::cl::desc("How the piecewise f32 core reads its tables "
                     "(gelu-approximate's table-lookup)"),
      llvm::cl::init(CpuTableLookup::Auto), cpuTableLookupValues()};
  PassOptions::Option<CpuBf16Rounding> bf16Rounding{
      *this, "bf16-rounding",
      llvm::cl::desc("How the bf16 fast path's results are rounded "
                     "(gelu-approximate's bf16-rounding)"),
      llvm::cl::init(CpuBf16Rounding::Auto),
      llvm::cl::values(
          clEnumValN(CpuBf16Rounding::Auto, "auto",
                     "avx512bf16 with AVX512-BF16, truncf otherwise"),
          clEnumValN(CpuBf16Rounding::Truncf, "truncf",
                     "arith.truncf, expanded into integer operations "
                     "(portable)"),
          clEnumValN(CpuBf16Rounding::Avx512Bf16, "avx512bf16",
                     "vcvtne2ps2bf16 per 32 lanes (needs AVX512-BF16)"))};
  PassOptions::Option<bool> bf16Table{
      *this, "bf16-table",
      llvm::cl::desc("Read bf16 GELU on vectors and scalars from a constant "
                     "table of correctly rounded results, one load per "
                     "element (gelu-approximate's bf16-table), instead of "
                     "computing it: the same bits, x0.67-0.99 the time with "
                     "AVX-512 and x0.38-0.83 on AVX2 code"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("Elements per vector for elementwise code; 0 picks the "
                     "host's f32 width (16 with AVX-512, 8 with AVX2, 4 with "
                     "NEON or SSE); 1 gives scalar code"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> unroll{
      *this, "unroll",
      llvm::cl::desc("Vectors per loop iteration; 0 picks the host's (2 with "
                     "AVX-512, whose 32 registers hold two f64 cores in "
                     "flight, and 7 for f32 (8 for bf16) tanh-mode GELU and "
                     "QuickGELU with the logistic f32 table core, 6 for f32 "
                     "with the f32 core; 1 otherwise)"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> prefetchDistance{
      *this, "prefetch-distance",
      llvm::cl::desc("Bytes ahead that streaming elementwise loops moving "
                     "four lines or more per iteration prefetch the lines "
                     "they read and write (gelu-prefetch; a multiple of 64); "
                     "0: none"),
      llvm::cl::init(4096)};
  PassOptions::Option<unsigned> prefetchMinTotalBytes{
      *this, "prefetch-min-total-bytes",
      llvm::cl::desc("Prefetch only where the buffers a loop streams hold "
                     "at least this many bytes together (gelu-prefetch's "
                     "min-total-bytes: the loop is versioned on their "
                     "size; the default, 16 MiB, is past the caches of one "
                     "core); 0: always"),
      llvm::cl::init(16 << 20)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Run the outermost loop of elementwise code on all "
                     "cores with OpenMP (link libomp: mlir-runner "
                     "-shared-libs=/usr/lib/llvm-22/lib/libomp.so)"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> parallelChunk{
      *this, "parallel-chunk",
      llvm::cl::desc("Elements per parallel task of a 1-D operation"),
      llvm::cl::init(16384)};
  PassOptions::Option<bool> fuse{
      *this, "fuse",
      llvm::cl::desc("Fuse GELU with its elementwise neighbours and the "
                     "matmul it follows (gelu-fuse)"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> tileM{
      *this, "tile-m",
      llvm::cl::desc("Rows of a matmul (and fused epilogue) cache tile"),
      llvm::cl::init(48)};
  PassOptions::Option<unsigned> tileN{
      *this, "tile-n",
      llvm::cl::desc("Columns of a matmul (and fused epilogue) cache tile"),
      llvm::cl::init(256)};
  PassOptions::Option<unsigned> microM{
      *this, "micro-m", llvm::cl::desc("Rows of a matmul register block; 0: 6"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> microN{
      *this, "micro-n",
      llvm::cl::desc("Columns of a matmul register block, a power-of-two "
                     "number of vectors; 0: four vectors with 16 lanes "
                     "(AVX-512: 32 registers), two otherwise"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> mathApproximation{
      *this, "math-approximation",
      llvm::cl::desc("Lower the math ops left after GELU (users' own, or "
                     "gelu-expand's erfc/tanh) with upstream's polynomial "
                     "approximations; false: libm calls"),
      llvm::cl::init(true)};
};

/// The GPU back end of `gelu-gpu-pipeline`.
enum class GpuTarget {
  /// NVIDIA: NVVM, serialized to PTX.
  Nvvm,
  /// AMD: ROCDL, serialized to AMDGPU assembly.
  Rocdl,
};

/// `gelu-gpu-pipeline`'s choice of how the tanh form and QuickGELU on f32
/// are evaluated.
enum class GpuLogisticF32Core {
  /// The f32 core for NVVM (1.2 times the f64 core's bandwidth on an H200),
  /// the f64 core for ROCDL.
  Auto,
  F64,
  /// NVVM only: ROCDL always uses the f64 core (LLVM 22's AMDGPU
  /// instruction selection fails on the f32 core's f16 tiles of odd size).
  F32,
};

/// `gelu-gpu-pipeline`'s choice of how exact GELU on f32 is evaluated.
enum class GpuExactF32Core {
  /// The piecewise f32 core for NVVM, its tables read from global memory
  /// (gelu-approximate's table-lookup=memory); the f64 core for ROCDL.
  Auto,
  F64,
  /// With ROCDL too (not measured there; the tables are read with flat
  /// loads).
  Piecewise,
};

/// `gelu-gpu-pipeline`'s choice of where bf16 GELU's results come from.
enum class GpuBf16Table {
  /// Computed: the f32 fast path and its f64 fallback.
  None,
  /// Read from a constant table in global memory, through L1.
  Global,
  /// Read from a copy of that table in each block's shared memory
  /// (gelu-gpu-stage-tables).
  Workgroup,
};

/// Options of `gelu-gpu-pipeline`.
struct GeluGpuPipelineOptions
    : public PassPipelineOptions<GeluGpuPipelineOptions> {
  PassOptions::Option<GpuTarget> target{
      *this, "target", llvm::cl::desc("The GPU back end"),
      llvm::cl::init(GpuTarget::Nvvm),
      llvm::cl::values(
          clEnumValN(GpuTarget::Nvvm, "nvvm", "NVIDIA GPUs (PTX)"),
          clEnumValN(GpuTarget::Rocdl, "rocdl", "AMD GPUs (AMDGPU ISA)"))};
  PassOptions::Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("The GPU: sm_XX for nvvm (default sm_90), gfxXXX for "
                     "rocdl (default gfx942)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("Target features; default +ptx80 for nvvm (PTX ISA 8.0, "
                     "which sm_90 needs), none for rocdl"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("What gpu-module-to-binary produces: isa (PTX or "
                     "AMDGPU assembly text), bin, fatbin or offload (these "
                     "need the vendor's toolchain)"),
      llvm::cl::init("isa")};
  PassOptions::Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the device code"),
      llvm::cl::init(3)};
  PassOptions::Option<bool> fastMath{
      *this, "fast-math",
      llvm::cl::desc("nvvm only: lower tanh-mode GELU on f32/f16/bf16 with "
                     "the hardware tanh.approx.f32 (sm_75+; about 2^-11 "
                     "relative error in tanh) instead of gelu-mlir's "
                     "approximation"),
      llvm::cl::init(false)};
  PassOptions::Option<GpuExactF32Core> exactF32Core{
      *this, "exact-f32-core",
      llvm::cl::desc("How exact GELU on f32 is evaluated "
                     "(gelu-approximate's exact-f32-core)"),
      llvm::cl::init(GpuExactF32Core::Auto),
      llvm::cl::values(
          clEnumValN(GpuExactF32Core::Auto, "auto",
                     "piecewise for nvvm, f64 for rocdl"),
          clEnumValN(GpuExactF32Core::F64, "f64",
                     "in f64, rounded once (0.66 ulp; the f64 pipe is half "
                     "the f32 pipe's rate on H100/H200)"),
          clEnumValN(GpuExactF32Core::Piecewise, "piecewise",
                     "in f32 with piecewise polynomials, their 16-entry "
                     "tables read per element from a constant global, two "
                     "128-bit loads through the L1 cache (1.60 ulp; no f64 "
                     "arithmetic; with rocdl too, not measured there)"))};
  PassOptions::Option<GpuBf16Table> bf16Table{
      *this, "bf16-table",
      llvm::cl::desc("Where bf16 GELU's results come from "
                     "(gelu-approximate's bf16-table: a constant table of "
                     "correctly rounded results, 8 KiB per approximation, "
                     "one 2-byte read per element)"),
      llvm::cl::init(GpuBf16Table::None),
      llvm::cl::values(
          clEnumValN(GpuBf16Table::None, "none",
                     "computed (the f32 fast path, the f64 core where it "
                     "cannot round)"),
          clEnumValN(GpuBf16Table::Global, "global",
                     "the table in global memory, read through L1"),
          clEnumValN(GpuBf16Table::Workgroup, "workgroup",
                     "the table copied into each block's shared memory when "
                     "the kernel starts (gelu-gpu-stage-tables)"))};
  PassOptions::Option<unsigned> maxRegisters{
      *this, "max-registers",
      llvm::cl::desc("nvvm only: at most this many registers per thread "
                     "in each kernel (gelu-gpu-limit-registers, PTX "
                     ".maxnreg; 0: ptxas decides)"),
      llvm::cl::init(0)};
  PassOptions::Option<GpuLogisticF32Core> logisticF32Core{
      *this, "logistic-f32-core",
      llvm::cl::desc("How tanh-mode GELU and QuickGELU on f32 are evaluated "
                     "(gelu-approximate's logistic-f32-core)"),
      llvm::cl::init(GpuLogisticF32Core::Auto),
      llvm::cl::values(
          clEnumValN(GpuLogisticF32Core::Auto, "auto",
                     "f32 for nvvm (1.2 times the f64 core's bandwidth on "
                     "an H200), f64 for rocdl"),
          clEnumValN(GpuLogisticF32Core::F64, "f64",
                     "in f64, rounded once (0.53 ulp)"),
          clEnumValN(GpuLogisticF32Core::F32, "f32",
                     "in f32 with the sigmoid's argument carried as two "
                     "f32s (1.29 ulp; no f64 arithmetic); rocdl keeps "
                     "f64"))};
  PassOptions::Option<bool> hardwareApproximations{
      *this, "hardware-approximations",
      llvm::cl::desc("The target's approximate exp, division and "
                     "reciprocal in the f16/bf16 fast path (still correctly "
                     "rounded) and the logistic f32 core "
                     "(gelu-approximate's hardware-approximations)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> raise{
      *this, "raise",
      llvm::cl::desc("First raise GELU written out by frontends to gelu.gelu "
                     "(gelu-raise)"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> threadsPerBlock{
      *this, "threads-per-block", llvm::cl::desc("Threads of a block"),
      llvm::cl::init(256)};
  PassOptions::Option<unsigned> elementsPerThread{
      *this, "elements-per-thread",
      llvm::cl::desc("Consecutive elements per thread; 0: 16 bytes (4 f32, "
                     "8 bf16: one 128-bit load and store)"),
      llvm::cl::init(0)};
};

/// The number of f32 lanes in a vector register of the host CPU: 16 with
/// AVX-512, 8 with AVX or AVX2, 4 otherwise (SSE, NEON).
unsigned getHostF32VectorWidth();

/// Vectors per loop iteration for elementwise code on the host CPU: 2 with
/// AVX-512 (two independent approximations in flight hide the f64 core's
/// latency, and 32 vector registers hold them), 1 otherwise (16 registers
/// would spill).
unsigned getHostUnroll();

/// Vectors per loop iteration, on the host CPU, for f32 elementwise code
/// that uses the logistic f32 core `core` (tanh-mode GELU, QuickGELU): with
/// AVX-512 7 for the table core and 6 for the other, 3 with AVX2 and FMA,
/// getHostUnroll() otherwise.
unsigned getHostLogisticUnroll(LogisticF32Core core);

/// The same for bf16 tanh-mode GELU and QuickGELU: 8 with AVX-512,
/// getHostUnroll() otherwise.
unsigned getHostLogisticUnrollBf16();

/// Builds `gelu-cpu-pipeline` into `pm` (anchored on a builtin.module): a
/// module of func.func on tensors, memrefs and scalars using gelu.gelu is
/// bufferized (function boundaries included) and lowered to the LLVM dialect,
/// ready for mlir-runner or mlir-translate.
void buildGeluCpuPipeline(OpPassManager &pm,
                          const GeluCpuPipelineOptions &options);

/// Builds `gelu-gpu-pipeline` into `pm` (anchored on a builtin.module): the
/// elementwise linalg operations of a module of func.func on tensors and
/// memrefs (GELU and its fused neighbours) run as GPU kernels, 128 bits per
/// thread; kernels are lowered with gelu-mlir's approximations (no libdevice,
/// no ocml) and serialized into gpu.binary ops (PTX or AMDGPU assembly by
/// default); host code is lowered to the LLVM dialect against the MLIR GPU
/// runtime ABI (mgpuLaunchKernel, ...). Memref arguments must be device
/// memory, 16-byte aligned.
void buildGeluGpuPipeline(OpPassManager &pm,
                          const GeluGpuPipelineOptions &options);

/// Adds the frontend stage both pipelines start with: canonicalize and
/// gelu-raise (when `raise`), then TOSA to linalg, tensor and arith.
void addGeluFrontendPasses(OpPassManager &pm, bool raise);

/// Adds, to a pass manager on func.func, the step both pipelines take from
/// tensors to linalg: canonicalize, convert-gelu-to-linalg (gelu.gelu on an
/// unranked tensor is an error) and convert-elementwise-to-linalg.
void addGeluToLinalgPasses(OpPassManager &funcPm);

/// Adds in-place bufferization as both pipelines do it: a tensor.empty whose
/// value ends in an output buffer (bufferization.materialize_in_destination)
/// becomes that buffer, then one-shot-bufferize with function boundaries
/// and identity layouts at them (C callers see plain strided memrefs).
void addGeluBufferizationPasses(OpPassManager &pm);

/// Registers every gelu pipeline with the pass registry.
void registerGeluPipelines();

} // namespace gelu
} // namespace mlir

#endif // GELU_PIPELINES_PIPELINES_H
