//===- Pipelines.h - gelu pass pipelines ------------------------*- C++ -*-===//
//
// The end-to-end pipelines: option structs, the builders that C++ users can
// embed in their own pass managers, and their registration.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_PIPELINES_PIPELINES_H
#define GELU_PIPELINES_PIPELINES_H

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
  PassOptions::Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("Elements per vector for elementwise code; 0 picks the "
                     "host's f32 width (16 with AVX-512, 8 with AVX2, 4 with "
                     "NEON or SSE); 1 gives scalar code"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> unroll{
      *this, "unroll", llvm::cl::desc("Vectors per loop iteration"),
      llvm::cl::init(1)};
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
      *this, "micro-m",
      llvm::cl::desc("Rows of a matmul register block; 0: from the vector "
                     "width (8 with 16 lanes, 6 otherwise)"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> microN{
      *this, "micro-n",
      llvm::cl::desc("Columns of a matmul register block; 0: two vectors"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> mathApproximation{
      *this, "math-approximation",
      llvm::cl::desc("Lower the math ops left after GELU (users' own, or "
                     "gelu-expand's erfc/tanh) with upstream's polynomial "
                     "approximations; false: libm calls"),
      llvm::cl::init(true)};
};

/// The number of f32 lanes in a vector register of the host CPU: 16 with
/// AVX-512, 8 with AVX or AVX2, 4 otherwise (SSE, NEON).
unsigned getHostF32VectorWidth();

/// Builds `gelu-cpu-pipeline` into `pm` (anchored on a builtin.module): a
/// module of func.func on tensors, memrefs and scalars using gelu.gelu is
/// bufferized (function boundaries included) and lowered to the LLVM dialect,
/// ready for mlir-runner or mlir-translate.
void buildGeluCpuPipeline(OpPassManager &pm,
                          const GeluCpuPipelineOptions &options);

/// Registers every gelu pipeline with the pass registry.
void registerGeluPipelines();

} // namespace gelu
} // namespace mlir

#endif // GELU_PIPELINES_PIPELINES_H
