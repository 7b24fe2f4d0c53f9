//===- GeluGpuPipeline.cpp - gelu-gpu-pipeline ------------------*- C++ -*-===//
//
// The GPU pipeline: elementwise linalg (GELU and its fused neighbours) mapped
// to a grid of threads with 128-bit accesses, outlined into gpu.module,
// lowered with gelu-mlir's own approximations to NVVM or ROCDL and
// serialized with upstream gpu-module-to-binary; host code lowered against
// the MLIR GPU runtime ABI. Every step is an existing pass (ours or
// upstream's); this file only orders them. Upstream's
// gpu-lower-to-nvvm-pipeline is not reused because it lowers math operations
// to libdevice calls and loads vectors with element alignment (no 128-bit
// accesses).
//
//===----------------------------------------------------------------------===//

#include "gelu/Conversion/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Pipelines/Pipelines.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/GPUCommon/GPUCommonPass.h"
#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/GPUToROCDL/GPUToROCDLPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::gelu;

void mlir::gelu::buildGeluGpuPipeline(OpPassManager &pm,
                                      const GeluGpuPipelineOptions &options) {
  bool nvvm = options.target == GpuTarget::Nvvm;
  std::string chip = options.chip;
  if (chip.empty())
    chip = nvvm ? "sm_90" : "gfx942";
  std::string features = options.features;
  if (features.empty() && nvvm)
    features = "+ptx80";

  // 0. Frontend IR, as in gelu-cpu-pipeline.
  addGeluFrontendPasses(pm, options.raise);

  // 1. Tensors: one fused linalg.generic per elementwise chain, distributed
  //    over blocks and threads (scf.forall), each thread's tile vectorized.
  OpPassManager &tensorFunc = pm.nest<func::FuncOp>();
  addGeluToLinalgPasses(tensorFunc);
  // Elementwise chains only: contractions are not mapped to the GPU.
  GeluFusePassOptions fuseOptions;
  fuseOptions.epilogues = false;
  tensorFunc.addPass(createGeluFusePass(fuseOptions));
  GeluGpuDistributePassOptions distributeOptions;
  distributeOptions.threadsPerBlock = options.threadsPerBlock;
  distributeOptions.elementsPerThread = options.elementsPerThread;
  distributeOptions.requireAll = true;
  tensorFunc.addPass(createGeluGpuDistributePass(distributeOptions));
  tensorFunc.addPass(createCanonicalizerPass());
  tensorFunc.addPass(createCSEPass());

  // 2. Bufferize in place: outputs written with
  //    bufferization.materialize_in_destination into arguments are the
  //    kernels' destinations.
  addGeluBufferizationPasses(pm);
  // In-place scf.forall results leave self-copies, which fold once CSE has
  // merged the subviews they copy between.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());

  // 3. Loops to gpu.launch: the block loop on block ids, the thread loop on
  //    thread ids (a bounds check for the last block), by the mapping
  //    gelu-gpu-distribute gave them; scf.forall loops without a mapping
  //    (written by the user) get upstream's mapping by nesting depth. GELU
  //    is approximated here, inside the launch, so that the kernel is
  //    complete once outlined.
  OpPassManager &launchFunc = pm.nest<func::FuncOp>();
  launchFunc.addPass(createGeluGpuMapForallPass());
  launchFunc.addPass(createForallToParallelLoopPass());
  launchFunc.addPass(createGpuMapParallelLoopsPass());
  launchFunc.addPass(createConvertParallelLoopToGpuPass());
  GeluApproximatePassOptions approximateOptions;
  approximateOptions.hardwareTanh = nvvm && options.fastMath;
  // ROCDL keeps the f64 core: LLVM 22's AMDGPU instruction selection fails
  // ("Cannot select: f32 = Constant<-1>") on the f32 core's f16 tiles of odd
  // size (a 2x3x7 f16 tensor).
  approximateOptions.logisticF32Core =
      nvvm && options.logisticF32Core != GpuLogisticF32Core::F64
          ? LogisticF32Core::F32
          : LogisticF32Core::F64;
  // The special-function unit's exp and reciprocal for the f16/bf16 fast
  // path: its polynomial exp and IEEE division left the bf16 kernels
  // issue-bound at a third of the copy bandwidth on an H200.
  if (options.hardwareApproximations)
    approximateOptions.hardwareApproximations =
        nvvm ? HardwareApproximations::Nvvm : HardwareApproximations::Rocdl;
  // Exact f32 in f32 arithmetic: the f64 core ran at 0.56 of the copy
  // bandwidth on an H200, bound by the f64 pipe (24 f64 operations and a
  // division per element at half the f32 rate). A GPU thread has no
  // register permute, but reads the piecewise core's 512 bytes of tables
  // through L1: one 32-byte row per element, two 128-bit loads.
  if (options.exactF32Core == GpuExactF32Core::Piecewise ||
      (nvvm && options.exactF32Core == GpuExactF32Core::Auto)) {
    approximateOptions.exactF32Core = ExactF32Core::Piecewise;
    approximateOptions.tableLookup = TableLookup::Memory;
  }
  // bf16 results from a table in place of the fast path's 23-34 f32
  // operations and rounding test per element.
  approximateOptions.bf16Table = options.bf16Table != GpuBf16Table::None;
  // One lane's f64 fallback live at a time: fewer registers per thread.
  approximateOptions.fallbackPerLane = true;
  // On the module: table-lookup=memory and bf16-table add their tables
  // there as memref.globals, which kernel outlining copies into each
  // gpu.module that reads them.
  pm.addPass(createGeluApproximatePass(approximateOptions));
  pm.addNestedPass<func::FuncOp>(vector::createLowerVectorMaskPass());
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  // The kernels' targets, which gelu-gpu-limit-registers checks.
  if (nvvm) {
    GpuNVVMAttachTargetOptions targetOptions;
    targetOptions.chip = chip;
    targetOptions.features = features;
    targetOptions.optLevel = options.optLevel;
    pm.addPass(createGpuNVVMAttachTarget(targetOptions));
  } else {
    GpuROCDLAttachTargetOptions targetOptions;
    targetOptions.chip = chip;
    targetOptions.features = features;
    targetOptions.optLevel = options.optLevel;
    pm.addPass(createGpuROCDLAttachTarget(targetOptions));
  }
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // 4. Kernels to NVVM/ROCDL. The math operations the approximations use
  //    become LLVM intrinsics (fma) or integer sign-bit operations (absf,
  //    copysign) before the GPU conversions, which would otherwise call
  //    libdevice or ocml. Vectors keep their natural alignment: 128-bit
  //    global loads and stores.
  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  // An error with rocdl targets, where nvvm.maxnreg means nothing.
  if (options.maxRegisters) {
    GeluGpuLimitRegistersPassOptions limitOptions;
    limitOptions.maxRegisters = options.maxRegisters;
    kernels.addPass(createGeluGpuLimitRegistersPass(limitOptions));
  }
  // Scattered 2-byte reads of the bf16 table from shared memory's banks
  // rather than one L1 cache line per cycle.
  if (options.bf16Table == GpuBf16Table::Workgroup) {
    GeluGpuStageTablesPassOptions stageOptions;
    stageOptions.symbolPrefix = "__gelu_bf16_table";
    kernels.addPass(createGeluGpuStageTablesPass(stageOptions));
  }
  kernels.addPass(createGeluExpandSignOpsPass());
  // Transfers of n-D tiles (1 x ... x 1 x N) become 1-D ones.
  VectorTransferToSCFOptions transferOptions;
  transferOptions.unroll = true;
  kernels.addPass(createConvertVectorToSCFPass(transferOptions));
  kernels.addPass(memref::createExpandStridedMetadataPass());
  kernels.addPass(createLowerAffinePass());
  kernels.addPass(createSCFToControlFlowPass());
  kernels.addPass(createConvertMathToLLVMPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.useVectorAlignment = true;
  kernels.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  if (nvvm) {
    kernels.addPass(createConvertGpuOpsToNVVMOps());
  } else {
    ConvertGpuOpsToROCDLOpsOptions rocdlOptions;
    rocdlOptions.chipset = chip;
    kernels.addPass(createConvertGpuOpsToROCDLOps(rocdlOptions));
  }
  kernels.addPass(createCanonicalizerPass());
  kernels.addPass(createCSEPass());
  kernels.addPass(createReconcileUnrealizedCastsPass());

  // 5. Host code against the GPU runtime ABI, and the kernels serialized
  //    into gpu.binary.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  GpuModuleToBinaryPassOptions binaryOptions;
  binaryOptions.compilationTarget = options.format;
  pm.addPass(createGpuModuleToBinaryPass(binaryOptions));
  pm.addPass(createCanonicalizerPass());
}
