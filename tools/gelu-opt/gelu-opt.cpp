//===- gelu-opt.cpp - mlir-opt with the gelu dialect and passes -*- C++ -*-===//
//
// gelu-opt is upstream mlir-opt plus gelu-mlir: every upstream dialect, pass
// and pipeline, and the gelu dialect, passes and pipelines, so that it can
// run our passes on IR that any frontend emits.
//
//===----------------------------------------------------------------------===//

#include "gelu/InitAllGelu.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::gelu::registerAllGeluPasses();
  mlir::gelu::registerAllGeluPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::gelu::registerAllGeluDialects(registry);
  // gpu-module-to-binary translates GPU modules to LLVM IR in-process.
  mlir::registerAllGPUToLLVMIRTranslations(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "gelu-mlir optimizer driver\n", registry));
}
