//===- GeluCpuPipeline.cpp - gelu-cpu-pipeline ------------------*- C++ -*-===//
//
// The CPU pipeline: from func.func on tensors, memrefs and scalars that use
// gelu.gelu to the LLVM dialect. Every step is an existing pass (ours or
// upstream's); this file only orders them.
//
//===----------------------------------------------------------------------===//

#include "gelu/Conversion/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Pipelines/Pipelines.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/TosaToArith/TosaToArith.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/TosaToTensor/TosaToTensor.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::gelu;

/// Whether the host has AVX-512: 32 vector registers and 16-entry permutes,
/// what the host defaults below (unroll, the f32 cores) depend on.
static bool hostHasAvx512f() {
  return llvm::sys::getHostCPUFeatures().lookup("avx512f");
}

/// Whether the host has AVX2 and FMA (Zen 3 is the AVX2 host seen here).
static bool hostHasAvx2Fma() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return features.lookup("avx2") && features.lookup("fma");
}

Bf16Rounding mlir::gelu::resolveBf16Rounding(CpuBf16Rounding choice) {
  switch (choice) {
  case CpuBf16Rounding::Truncf:
    return Bf16Rounding::Truncf;
  case CpuBf16Rounding::Avx512Bf16:
    return Bf16Rounding::Avx512Bf16;
  case CpuBf16Rounding::Auto:
    break;
  }
  // One vcvtne2ps2bf16 per 32 lanes instead of about ten integer
  // operations: bf16 GELU 8-11% faster at 64Ki on Zen 5 (gelu-bench).
  return llvm::sys::getHostCPUFeatures().lookup("avx512bf16")
             ? Bf16Rounding::Avx512Bf16
             : Bf16Rounding::Truncf;
}

unsigned mlir::gelu::getHostF32VectorWidth() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return 16;
  if (features.lookup("avx"))
    return 8;
  return 4;
}

ExactF32Core mlir::gelu::resolveExactF32Core(CpuExactF32Core choice) {
  switch (choice) {
  case CpuExactF32Core::F64:
    return ExactF32Core::F64;
  case CpuExactF32Core::Piecewise:
    return ExactF32Core::Piecewise;
  case CpuExactF32Core::Auto:
    break;
  }
  // The piecewise core reads eight 16-entry tables per vector: one vpermps
  // each with AVX-512, two and a blend with AVX2 (table-lookup=avx2-permute).
  // AVX2 code (-march=znver3, vector-width=8, unroll 1) timed on Zen 5 at
  // 64Ki elements: 0.85-0.89 ns/element against the f64 core's 1.52 and
  // upstream's erf form's 0.84-0.88 (x0.55-0.57 the f64 core's time;
  // scripts/ab-ffn.py --march znver3). Without AVX2 the tables would be read
  // lane by lane, and the f64 core is faster.
  return hostHasAvx512f() || hostHasAvx2Fma() ? ExactF32Core::Piecewise
                                              : ExactF32Core::F64;
}

LogisticF32Core mlir::gelu::resolveLogisticF32Core(CpuLogisticF32Core choice) {
  switch (choice) {
  case CpuLogisticF32Core::F64:
    return LogisticF32Core::F64;
  case CpuLogisticF32Core::F32:
    return LogisticF32Core::F32;
  case CpuLogisticF32Core::F32Table:
    return LogisticF32Core::F32Table;
  case CpuLogisticF32Core::Auto:
    break;
  }
  // The f32 core is one long chain of dependent f32 operations, so it runs
  // several vectors per loop iteration (getHostLogisticUnroll). AVX2 code
  // (-march=znver3, vector-width=8) timed on Zen 5: with three vectors per
  // iteration 0.63-0.65 ns/element at 64Ki against the f64 core's 1.12-1.17
  // (x0.56-0.60 from 4Ki to 16Mi; scripts/ab-ffn.py --approximation tanh
  // --march znver3). (An earlier comparison here, gelu-bench --vector-width
  // 8 on an AVX-512 host, let the f64 core use 512-bit registers, which an
  // AVX2 host does not have, and so favoured it.) Without FMA hardware each
  // fma would be a libm call.
  // With AVX-512 the table core, whose 2^(j/16) is one vpermps: against the
  // f32 core, each at its unroll (7 and 6), x0.83-0.95 the time at 64Ki
  // (2026-12-06, after its quotient became a / (1 + 2^W); before, x0.97-0.985
  // at 64Ki, x0.88 at 4096, x0.95-0.97 at 64Mi on two threads and about x1
  // from DRAM on one), and since 2026-12-07 (17 FMA-pipe operations, e's
  // rounding uncorrected) 0.97-1.02 of upstream's tanh form at 64Ki, with
  // 1.50 ulp against the f32 core's 1.29 (scripts/ab-ffn.py --kernel gelu
  // --approximation tanh --before-options logistic-f32-core=f32 [--size S];
  // getHostLogisticUnroll). With AVX2 its two
  // permutes and a blend per table made it x1.26 slower (the same with
  // --march znver3 and vector-width=8): the f32 core there.
  if (hostHasAvx512f())
    return LogisticF32Core::F32Table;
  return hostHasAvx2Fma() ? LogisticF32Core::F32 : LogisticF32Core::F64;
}

TableLookup mlir::gelu::resolveTableLookup(CpuTableLookup choice) {
  switch (choice) {
  case CpuTableLookup::Extract:
    return TableLookup::Extract;
  case CpuTableLookup::Avx512Permute:
    return TableLookup::Avx512Permute;
  case CpuTableLookup::Avx2Permute:
    return TableLookup::Avx2Permute;
  case CpuTableLookup::Memory:
    return TableLookup::Memory;
  case CpuTableLookup::Auto:
    break;
  }
  // Both are one vpermps per table and 16 lanes; the intrinsic's index needs
  // no mask (3-4% faster exact GELU at 64Ki on Zen 5), and needs AVX-512.
  // With AVX2 alone, extract reads lane by lane; avx2-permute takes three
  // instructions per table and 8 lanes.
  if (hostHasAvx512f())
    return TableLookup::Avx512Permute;
  return hostHasAvx2Fma() ? TableLookup::Avx2Permute : TableLookup::Extract;
}

unsigned mlir::gelu::getHostUnroll() { return hostHasAvx512f() ? 2 : 1; }

unsigned mlir::gelu::getHostLogisticUnroll(LogisticF32Core core) {
  // The table core: seven. Against the f32 core at its six, on one Zen 5
  // core (scripts/ab-ffn.py --kernel gelu --approximation tanh --before
  // <a build with the f32 core as default> --after-options unroll=N --size
  // S): seven took x0.97-0.985 the time at 64Ki, x0.88-0.89 at 4096,
  // x0.96-1.01 at 4Mi, x0.97-1.02 at 16Mi and x0.95-0.97 at 64Mi on two
  // threads. Eight was x0.96 at 64Ki but x1.03-1.30 at 16Mi (seven x0.82-0.84
  // the time of eight there, x1.015 at 64Ki); six no faster than the f32
  // core at 64Ki and x1.2 at 16Mi.
  if (core == LogisticF32Core::F32Table && hostHasAvx512f())
    return 7;
  // Six chains of the logistic f32 core in flight. Against three, on one
  // Zen 5 core (scripts/ab-ffn.py --kernel gelu --approximation tanh
  // --before-options unroll=3 --after-options unroll=N --size S, with
  // parallel=true on both for two threads): six took x0.89-0.92 the time
  // from 3072 to 16Mi f32 on one thread and x0.91-0.96 from 64Ki to 64Mi
  // on two. Seven and eight were faster in L2 (x0.86, x0.82) and slower
  // from DRAM (x1.08-1.14 at 64Mi on two threads, x1.11 at 16Mi on one),
  // five and twelve as well; the cause is not established.
  // With AVX2's 16 registers, three (8 lanes each): AVX2 code
  // (-march=znver3) timed on Zen 5 at 64Ki, 0.63-0.65 ns/element against
  // 0.68-0.78 with four and 0.75-0.78 with two (scripts/ab-ffn.py
  // --approximation tanh --march znver3 --after-options "vector-width=8
  // logistic-f32-core=f32 unroll=N"). Elsewhere the host's unroll.
  if (hostHasAvx512f())
    return 6;
  return hostHasAvx2Fma() ? 3 : getHostUnroll();
}

unsigned mlir::gelu::getHostLogisticUnrollBf16() {
  // The bf16 fast path of tanh mode and QuickGELU runs the logistic f32 core
  // on 16 lanes per vector. Eight vectors per iteration against two, on one
  // Zen 5 core (gelu-bench --types bf16 --approximations tanh --unroll N):
  // x0.70-0.80 the time at 64Ki, 16Mi and 64Mi on one thread, x0.81-0.88 on
  // two; four x0.85-0.92 at 64Ki; sixteen no faster than two. Lane counts
  // that are not a multiple of 32 (unroll 3) or a power of two (6) ran 1.7
  // to 2 times slower than two: vcvtne2ps2bf16 rounds 32 lanes at a time.
  // With AVX2 (8 lanes, truncf rounding) eight as well: AVX2 code
  // (-march=znver3) timed on Zen 5 at 64Ki took x0.84 the time of four,
  // x0.45 that of the f64 logistic core's fast path at one (the default
  // before), sixteen no faster than eight and six x1.2 four
  // (scripts/ab-ffn.py --kernel gelu --type bf16 --approximation tanh
  // --march znver3 --after-options "vector-width=8 bf16-rounding=truncf
  // logistic-f32-core=f32 unroll=N").
  return hostHasAvx512f() || hostHasAvx2Fma() ? 8 : getHostUnroll();
}

void mlir::gelu::addGeluFrontendPasses(OpPassManager &pm, bool raise) {
  if (raise) {
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createGeluRaisePass());
  }
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions());
  pm.addNestedPass<func::FuncOp>(createTosaToTensorPass());
  pm.addNestedPass<func::FuncOp>(createTosaToArithPass());
}

void mlir::gelu::addGeluToLinalgPasses(OpPassManager &funcPm) {
  funcPm.addPass(createCanonicalizerPass());
  ConvertGeluToLinalgPassOptions toLinalgOptions;
  toLinalgOptions.requireRanked = true;
  funcPm.addPass(createConvertGeluToLinalgPass(toLinalgOptions));
  funcPm.addPass(createConvertElementwiseToLinalgPass());
}

void mlir::gelu::addGeluBufferizationPasses(OpPassManager &pm) {
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  // A GELU inside a loop over layers yields a new tensor each iteration;
  // buffer deallocation (run by both pipelines) frees the old ones.
  bufferizeOptions.allowReturnAllocsFromLoops = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
}

void mlir::gelu::buildGeluCpuPipeline(OpPassManager &pm,
                                      const GeluCpuPipelineOptions &options) {
  unsigned vectorWidth = options.vectorWidth;
  if (vectorWidth == 0)
    vectorWidth = getHostF32VectorWidth();
  LogisticF32Core logisticF32Core =
      resolveLogisticF32Core(options.logisticF32Core);

  // 0. Frontend IR: GELU written out as arithmetic becomes gelu.gelu, then
  //    TOSA (if any) becomes linalg, tensor and arith.
  addGeluFrontendPasses(pm, options.raise);

  // 1. Tensors: GELU and its elementwise neighbours become linalg.generic,
  //    tiled to the vector width and vectorized (gelu.gelu on vectors).
  OpPassManager &tensorFunc = pm.nest<func::FuncOp>();
  addGeluToLinalgPasses(tensorFunc);
  if (options.fuse) {
    GeluFusePassOptions fuseOptions;
    fuseOptions.tileM = options.tileM;
    fuseOptions.tileN = options.tileN;
    tensorFunc.addPass(createGeluFusePass(fuseOptions));
  }
  GeluVectorizePassOptions vectorizeOptions;
  vectorizeOptions.vectorWidth = vectorWidth;
  vectorizeOptions.unroll = options.unroll ? options.unroll : getHostUnroll();
  // The logistic f32 core (tanh mode, QuickGELU) is one long dependency
  // chain per vector: it wants more vectors in flight than the other cores
  // (getHostLogisticUnroll).
  if (!options.unroll && logisticF32Core != LogisticF32Core::F64) {
    vectorizeOptions.logisticUnroll = getHostLogisticUnroll(logisticF32Core);
    vectorizeOptions.logisticUnrollBf16 = getHostLogisticUnrollBf16();
  }
  vectorizeOptions.parallel = options.parallel;
  vectorizeOptions.parallelChunk = options.parallelChunk;
  vectorizeOptions.tileM = options.tileM;
  vectorizeOptions.tileN = options.tileN;
  // Register blocks of 6 rows: with 32 registers (AVX-512) four vectors
  // wide, 24 accumulators, four vectors of B and a broadcast; with 16
  // (AVX2) two vectors wide, 12 accumulators. (`gelu-bench --suite ffn
  // --micro-m 8 --micro-n 32` against the default: 6 x 64 ran the FFN
  // shapes 15-30% faster on Zen 5; widths that are not a power-of-two
  // number of vectors, such as 48, lower to element-wise shuffles.)
  vectorizeOptions.microM = options.microM ? options.microM : 6;
  vectorizeOptions.microN = options.microN
                                ? options.microN
                                : (vectorWidth >= 16 ? 4 : 2) * vectorWidth;
  tensorFunc.addPass(createGeluVectorizePass(vectorizeOptions));
  // Masked transfers (the peeled remainder) carry their mask as an operand
  // from here on: buffer deallocation cannot place its ops in vector.mask.
  tensorFunc.addPass(vector::createLowerVectorMaskPass());
  tensorFunc.addPass(createCanonicalizerPass());
  tensorFunc.addPass(createCSEPass());
  // Matmul accumulators stay in registers across the reduction loop; then
  // a register block's accumulator starts from its fill's splat, and the
  // fill's write is dropped under the block's final write (canonicalization
  // forwards the write to the hoisted read and folds the two writes).
  tensorFunc.addPass(createLoopInvariantSubsetHoistingPass());
  tensorFunc.addPass(createCanonicalizerPass());

  // 2. Bufferize, function boundaries included; returned buffers keep an
  //    identity layout so that C callers see plain strided memrefs.
  addGeluBufferizationPasses(pm);
  // Tile-sized temporaries (GEGLU's gate accumulator) allocated once, not
  // in every iteration of the tile loops.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());

  // 3. Loops for what was not vectorized (linalg on memrefs, other linalg
  //    ops), then GELU itself, on vectors and scalars, and the math ops left.
  OpPassManager *loopFunc = &pm.nest<func::FuncOp>();
  loopFunc->addPass(createConvertLinalgToLoopsPass());
  switch (options.geluLowering) {
  case GeluLowering::Approximate: {
    GeluApproximatePassOptions approximateOptions;
    approximateOptions.exactF32Core = resolveExactF32Core(options.exactF32Core);
    approximateOptions.logisticF32Core = logisticF32Core;
    approximateOptions.tableLookup = resolveTableLookup(options.tableLookup);
    approximateOptions.bf16Rounding = resolveBf16Rounding(options.bf16Rounding);
    approximateOptions.bf16Table = options.bf16Table;
    if (approximateOptions.tableLookup == TableLookup::Memory ||
        options.bf16Table) {
      // Their tables become memref.globals of the module.
      pm.addPass(createGeluApproximatePass(approximateOptions));
      loopFunc = &pm.nest<func::FuncOp>();
    } else {
      loopFunc->addPass(createGeluApproximatePass(approximateOptions));
    }
    break;
  }
  case GeluLowering::Expand:
    loopFunc->addPass(createGeluExpandPass());
    break;
  }
  if (options.mathApproximation)
    loopFunc->addPass(createGeluApproximateMathPass());
  loopFunc->addPass(createCanonicalizerPass());
  loopFunc->addPass(createCSEPass());
  // 4096 bytes ahead, in loops that stream 16 MiB or more (versioned on the
  // buffers' size): on one Zen 5 core f32 tanh mode (the table core, seven
  // vectors per iteration) took x0.70-0.79 the time at 2Mi elements, x0.86
  // at 16Mi, and x0.87-0.91 at 64Mi on two threads, but x1.01 at 1Mi and
  // x1.03 at 64Ki without the versioning, where the data is in the caches
  // (x1.000 with it: scripts/ab-ffn.py --kernel gelu --approximation tanh
  // --after-options "prefetch-distance=4096 prefetch-min-total-bytes=N"
  // --size S). 8192 and 2048 did no better at 64Mi on two threads.
  // Prefetching only the reads: x0.98 at 16Mi; only the writes: x1.2. AVX2
  // code (--march znver3) gained nothing at 16Mi.
  if (options.prefetchDistance) {
    GeluPrefetchPassOptions prefetchOptions;
    prefetchOptions.distance = options.prefetchDistance;
    // Four lines per iteration or more: the exact f32 kernel (two 16-lane
    // vectors, two lines) took x1.03-1.04 the time at 64Ki with its
    // prefetches, whose adds and mins its short iterations do not hide, and
    // versioned it gained nothing from DRAM (x0.97-1.01 at 16Mi, x1.02 at
    // 2Mi): its arithmetic sets its time there.
    prefetchOptions.minBytes = 256;
    prefetchOptions.minTotalBytes = options.prefetchMinTotalBytes;
    loopFunc->addPass(createGeluPrefetchPass(prefetchOptions));
  }
  if (options.parallel) {
    loopFunc->addPass(createForallToParallelLoopPass());
    pm.addPass(createConvertSCFToOpenMPPass());
    // The loop body scf-to-openmp wraps in memref.alloca_scope allocates
    // nothing: canonicalization inlines the scope, which would otherwise
    // hold the multi-block loops scf-to-cf makes.
    pm.addPass(createCanonicalizerPass());
  }

  // 4. Down to the LLVM dialect. The math ops LLVM has intrinsics for (fma,
  //    abs, copysign, ...) become intrinsics; what is left becomes libm calls.
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // Transfers of n-D vectors unrolled into 1-D ones: the matmul kernel's
  // column of A (vector<8x1xf32>, one element per row) becomes eight loads
  // that feed broadcasts, not a copy through a stack buffer in every step
  // of the reduction loop.
  VectorTransferToSCFOptions transferOptions;
  transferOptions.unroll = true;
  pm.addPass(createConvertVectorToSCFPass(transferOptions));
  // bf16 conversions become integer arithmetic (round to nearest even, NaN
  // kept quiet), so every host rounds them the same way: AVX512-BF16's
  // vcvtneps2bf16 flushes denormals and AVX2 has no such instruction. (GELU's
  // bf16 fast path may use it, bf16-rounding: its subnormal results go to
  // the fallback.)
  // Arithmetic on bf16 (frontends' bf16 code, upstream's GELU forms) is
  // done in f32 and rounded after each operation, by these truncf: LLVM
  // would promote it the same way but round with vcvtneps2bf16 (AVX512-BF16,
  // which flushes denormals) or with calls to __truncsfbf2, which neither
  // Debian 12's libgcc nor the JIT's process has (AVX2 hosts).
  arith::ArithEmulateUnsupportedFloatsOptions emulateOptions;
  emulateOptions.sourceTypeStrs = {"bf16"};
  emulateOptions.targetTypeStr = "f32";
  pm.addPass(arith::createArithEmulateUnsupportedFloats(emulateOptions));
  arith::ArithExpandOpsPassOptions expandOptions;
  expandOptions.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expandOptions));
  // expand-strided-metadata computes subview offsets with affine.apply.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  // Contractions (matmul register blocks) as outer products: a broadcast of
  // the left operand and an FMA per row.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (options.parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::gelu::registerGeluPipelines() {
  PassPipelineRegistration<GeluCpuPipelineOptions>(
      "gelu-cpu-pipeline",
      "Bufferize a module using gelu.gelu and lower it to the LLVM dialect "
      "for the host CPU",
      buildGeluCpuPipeline);
  PassPipelineRegistration<GeluGpuPipelineOptions>(
      "gelu-gpu-pipeline",
      "Run the elementwise operations of a module using gelu.gelu as GPU "
      "kernels (NVVM or ROCDL, serialized to PTX or AMDGPU assembly) and "
      "lower the host code to the LLVM dialect",
      buildGeluGpuPipeline);
}
