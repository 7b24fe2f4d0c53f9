//===- GeluPlugin.cpp - gelu-mlir as an mlir-opt plugin ---------*- C++ -*-===//
//
// The entry points upstream mlir-opt looks up when it loads GeluPlugin.so:
// --load-dialect-plugin registers the gelu dialect, passes and pipelines;
// --load-pass-plugin registers the passes and pipelines.
//
//===----------------------------------------------------------------------===//

#include "gelu/InitAllGelu.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

using namespace mlir;

/// Registers the passes and pipelines once, whichever entry point (or both)
/// mlir-opt calls: registering a pass twice is a fatal error.
static void registerGeluPassesAndPipelines() {
  static bool registered = [] {
    gelu::registerAllGeluPasses();
    gelu::registerAllGeluPipelines();
    return true;
  }();
  (void)registered;
}

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Gelu", LLVM_VERSION_STRING,
          [](DialectRegistry *registry) {
            gelu::registerAllGeluDialects(*registry);
            registerGeluPassesAndPipelines();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "GeluPasses", LLVM_VERSION_STRING,
          []() { registerGeluPassesAndPipelines(); }};
}
