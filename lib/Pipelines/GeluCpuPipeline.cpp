//===- GeluCpuPipeline.cpp - gelu-cpu-pipeline ------------------*- C++ -*-===//
//
// The CPU pipeline: from func.func on tensors, memrefs and scalars that use
// gelu.gelu to the LLVM dialect. Every step is an existing pass (ours or
// upstream's); this file only orders them.
//
//===----------------------------------------------------------------------===//

#include "gelu/Pipelines/Pipelines.h"
#include "gelu/Conversion/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::gelu;

void mlir::gelu::buildGeluCpuPipeline(OpPassManager &pm,
                                      const GeluCpuPipelineOptions &options) {
  // 1. Tensors: GELU and its elementwise neighbours become linalg.generic.
  OpPassManager &tensorFunc = pm.nest<func::FuncOp>();
  tensorFunc.addPass(createCanonicalizerPass());
  tensorFunc.addPass(createConvertGeluToLinalgPass());
  tensorFunc.addPass(createConvertElementwiseToLinalgPass());

  // 2. Bufferize, function boundaries included; returned buffers keep an
  //    identity layout so that C callers see plain strided memrefs.
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());

  // 3. Loops, and the scalar GELU inside them.
  OpPassManager &loopFunc = pm.nest<func::FuncOp>();
  loopFunc.addPass(createConvertLinalgToLoopsPass());
  loopFunc.addPass(createGeluExpandPass());
  loopFunc.addPass(createCanonicalizerPass());
  loopFunc.addPass(createCSEPass());

  // 4. Down to the LLVM dialect. What is left of math (erfc, tanh) becomes
  //    libm calls.
  pm.addPass(createConvertMathToLibmPass());
  // bf16 conversions become integer arithmetic (round to nearest even, NaN
  // kept quiet), so every host rounds them the same way: AVX512-BF16's
  // vcvtneps2bf16 flushes denormals and AVX2 has no such instruction.
  arith::ArithExpandOpsPassOptions expandOptions;
  expandOptions.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expandOptions));
  pm.addPass(createConvertVectorToSCFPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
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
}
