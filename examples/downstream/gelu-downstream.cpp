//===- gelu-downstream.cpp - gelu-mlir used from another project ----------===//
//
// Registers the gelu dialect next to upstream's, builds gelu-cpu-pipeline
// into a pass manager of its own and lowers a module that uses gelu.gelu to
// the LLVM dialect: what a compiler that embeds gelu-mlir does.
//
//===----------------------------------------------------------------------===//

#include "gelu/InitAllGelu.h"
#include "gelu/Pipelines/Pipelines.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/raw_ostream.h"

static const char *const kModule = R"mlir(
func.func @ffn_activation(%x: tensor<?x3072xf32>) -> tensor<?x3072xf32>
    attributes {llvm.emit_c_interface} {
  %y = gelu.gelu %x : tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}
)mlir";

int main() {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::gelu::registerAllGeluDialects(registry);
  mlir::MLIRContext context(registry);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  mlir::gelu::GeluCpuPipelineOptions options;
  options.vectorWidth = 8;
  mlir::gelu::buildGeluCpuPipeline(pm, options);
  if (mlir::failed(pm.run(*module))) {
    llvm::errs() << "gelu-downstream: gelu-cpu-pipeline failed\n";
    return 1;
  }

  unsigned functions = 0, geluOps = 0;
  module->walk([&](mlir::Operation *op) {
    if (mlir::isa<mlir::LLVM::LLVMFuncOp>(op))
      ++functions;
    if (op->getName().getDialectNamespace() == "gelu")
      ++geluOps;
  });
  llvm::outs() << "gelu-downstream: " << functions << " llvm.func, " << geluOps
               << " gelu ops left\n";
  return geluOps == 0 ? 0 : 1;
}
