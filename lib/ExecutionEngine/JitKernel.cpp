//===- JitKernel.cpp - Compile and run GELU kernels in-process --*- C++ -*-===//
//
// Parses MLIR source, runs gelu-cpu-pipeline and hands the LLVM dialect to
// ORC's LLJIT with a target machine for the host CPU (its name and features,
// as mlir-runner does), optimized at -O3 and compiled with the small code
// model.
//
//===----------------------------------------------------------------------===//

#include "gelu/ExecutionEngine/JitKernel.h"
#include "gelu/InitAllGelu.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

#include <cassert>
#include <thread>

using namespace mlir;
using namespace mlir::gelu;

HostInfo mlir::gelu::getHostInfo() {
  HostInfo info;
  info.cpuName = llvm::sys::getHostCPUName().str();
  info.f32VectorWidth = getHostF32VectorWidth();
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  for (const char *name : {"sse4.2", "avx", "avx2", "fma", "f16c", "avx512f",
                           "avx512bf16", "neon", "sve"})
    if (features.lookup(name))
      info.vectorFeatures +=
          (info.vectorFeatures.empty() ? "" : " ") + std::string(name);
  info.threads = std::max(1u, std::thread::hardware_concurrency());
  return info;
}

std::string mlir::gelu::makeElementwiseKernelSource(llvm::StringRef name,
                                                    llvm::StringRef type,
                                                    llvm::StringRef body) {
  // Buffers in, tensors inside (where gelu-vectorize works), and the result
  // materialized in the output buffer: no allocation, no copy.
  std::string t = type.str();
  std::string tensor = "tensor<?x" + t + ">", memref = "memref<?x" + t + ">";
  return "#id = affine_map<(d0) -> (d0)>\n"
         "func.func @" +
         name.str() + "(%x: " + memref + ", %y: " + memref +
         ") attributes {llvm.emit_c_interface} {\n"
         "  %xt = bufferization.to_tensor %x restrict : " +
         memref + " to " + tensor +
         "\n"
         "  %c0 = arith.constant 0 : index\n"
         "  %n = memref.dim %x, %c0 : " +
         memref +
         "\n"
         "  %init = tensor.empty(%n) : " +
         tensor +
         "\n"
         "  %r = linalg.generic {indexing_maps = [#id, #id], "
         "iterator_types = [\"parallel\"]}\n"
         "      ins(%xt : " +
         tensor + ") outs(%init : " + tensor +
         ") {\n"
         "  ^bb0(%in: " +
         t + ", %unused: " + t + "):\n" + body.str() +
         "    linalg.yield %out_value : " + t +
         "\n"
         "  } -> " +
         tensor +
         "\n"
         "  bufferization.materialize_in_destination %r in restrict writable "
         "%y : (" +
         tensor + ", " + memref +
         ") -> ()\n"
         "  return\n}\n";
}

std::string mlir::gelu::makeGeluBody(llvm::StringRef type,
                                     llvm::StringRef approximation) {
  return "    %out_value = gelu.gelu %in approximation = " +
         approximation.str() + " : " + type.str() + "\n";
}

std::string mlir::gelu::makeUpstreamGeluBody(llvm::StringRef type,
                                             llvm::StringRef form) {
  // The forms frontends emit, left for upstream's polynomial approximations
  // (gelu-approximate-math) in the same pipeline.
  std::string t = type.str();
  auto c = [&](const char *name, const char *value) {
    return std::string("    %") + name + " = arith.constant " + value + " : " +
           t + "\n";
  };
  auto op = [&](const char *result, const char *rhs) {
    return std::string("    %") + result + " = " + rhs + " : " + t + "\n";
  };
  std::string body =
      c("half", "0.5") + c("one", "1.0") + op("h", "arith.mulf %in, %half");
  if (form == "upstream-erf")
    return body + c("rsqrt2", "0.70710678118654752") +
           op("a", "arith.mulf %in, %rsqrt2") + op("e", "math.erf %a") +
           op("s", "arith.addf %e, %one") +
           op("out_value", "arith.mulf %h, %s");
  if (form == "upstream-erfc")
    return body + c("mrsqrt2", "-0.70710678118654752") +
           op("a", "arith.mulf %in, %mrsqrt2") + op("e", "math.erfc %a") +
           op("out_value", "arith.mulf %h, %e");
  assert(form == "upstream-tanh" && "unknown upstream GELU form");
  return body + c("k0", "0.7978845608028654") + c("k1", "0.044715") +
         op("x2", "arith.mulf %in, %in") + op("x3", "arith.mulf %x2, %in") +
         op("c", "arith.mulf %x3, %k1") + op("i", "arith.addf %in, %c") +
         op("u", "arith.mulf %i, %k0") + op("th", "math.tanh %u") +
         op("s", "arith.addf %th, %one") + op("out_value", "arith.mulf %h, %s");
}

std::string mlir::gelu::getOpenMPRuntimePath() {
  return GELU_LLVM_LIBRARY_DIR "/libomp.so";
}

std::string mlir::gelu::getCRunnerUtilsPath() {
  return GELU_LLVM_LIBRARY_DIR "/libmlir_c_runner_utils.so";
}

JitKernel::JitKernel() = default;
JitKernel::~JitKernel() = default;

llvm::Expected<std::unique_ptr<JitKernel>>
JitKernel::compile(llvm::StringRef source,
                   const GeluCpuPipelineOptions &options,
                   llvm::ArrayRef<llvm::StringRef> sharedLibs) {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialized;

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllGeluDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);

  std::unique_ptr<JitKernel> kernel(new JitKernel());
  kernel->context = std::make_unique<MLIRContext>(registry);
  // The tools run kernels on their own threads; compile on this one.
  kernel->context->disableMultithreading();

  std::string diagnostics;
  llvm::raw_string_ostream diagnosticStream(diagnostics);
  ScopedDiagnosticHandler handler(kernel->context.get(), [&](Diagnostic &d) {
    diagnosticStream << d << "\n";
    return success();
  });

  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, kernel->context.get());
  if (!module)
    return llvm::createStringError("cannot parse the kernel:\n" + diagnostics);
  PassManager pm(kernel->context.get());
  buildGeluCpuPipeline(pm, options);
  if (failed(pm.run(*module)))
    return llvm::createStringError("gelu-cpu-pipeline failed:\n" + diagnostics);

  // ORC's LLJIT links with JITLink, which allocates each object's sections
  // together and reaches external symbols through its own GOT and stubs, so
  // the code can use the small code model, as an ahead-of-time build does.
  // (MLIR's ExecutionEngine links with RuntimeDyld and so keeps LLVM's JIT
  // default, the large code model, where every constant is reached through
  // a register loaded by `movabs`: the fused FFN epilogue then spilled, 104
  // stack references against 34.)
  auto hostBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!hostBuilder)
    return hostBuilder.takeError();
  hostBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  hostBuilder->setCodeModel(llvm::CodeModel::Small);
  auto optimizerMachine = hostBuilder->createTargetMachine();
  if (!optimizerMachine)
    return optimizerMachine.takeError();

  auto llvmContext = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*module, *llvmContext);
  if (!llvmModule)
    return llvm::createStringError("cannot translate the kernel to LLVM IR:\n" +
                                   diagnostics);
  llvmModule->setDataLayout((*optimizerMachine)->createDataLayout());
  llvmModule->setTargetTriple((*optimizerMachine)->getTargetTriple());
  auto optimize = makeOptimizingTransformer(/*optLevel=*/3, /*sizeLevel=*/0,
                                            optimizerMachine->get());
  if (llvm::Error error = optimize(llvmModule.get()))
    return std::move(error);

  auto jit = llvm::orc::LLJITBuilder()
                 .setJITTargetMachineBuilder(std::move(*hostBuilder))
                 .create();
  if (!jit)
    return jit.takeError();
  char globalPrefix = (*jit)->getDataLayout().getGlobalPrefix();
  std::string runnerUtils = getCRunnerUtilsPath();
  SmallVector<StringRef> libraries(sharedLibs);
  libraries.push_back(runnerUtils);
  for (StringRef library : libraries) {
    auto generator = llvm::orc::DynamicLibrarySearchGenerator::Load(
        library.str().c_str(), globalPrefix);
    if (!generator)
      return generator.takeError();
    (*jit)->getMainJITDylib().addGenerator(std::move(*generator));
  }
  if (llvm::Error error = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(
          std::move(llvmModule),
          llvm::orc::ThreadSafeContext(std::move(llvmContext)))))
    return std::move(error);
  kernel->jit = std::move(*jit);
  return std::move(kernel);
}

llvm::Expected<void *> JitKernel::lookup(llvm::StringRef symbol) {
  auto address = jit->lookup(symbol);
  if (!address)
    return address.takeError();
  return address->toPtr<void *>();
}
