//===- gelu-gpu-runner.cpp - Run and time GELU kernels on NVIDIA GPUs -----===//
//
// Compiles a GELU kernel with gelu-gpu-pipeline (PTX for the device found),
// loads it with the CUDA driver API and, for each size:
//  - checks every result against gelu-mlir's CPU path (gelu-cpu-pipeline, JIT
//    compiled here) on the same inputs: both evaluate the same IEEE
//    operations, so the default bound is 0 ulp (bitwise equal), which puts
//    the GPU within the CPU path's measured bound against the exact GELU
//    (docs/accuracy.md); 1 ulp for f32 tanh/QuickGELU with the logistic f32
//    core and hardware approximations (the GPU's reciprocal; its own bound
//    is measured on every input by gpu-bundle-run.py --exhaustive); with
//    --fast-math the difference is reported;
//  - times the kernel and a device-to-device copy of the same bytes in the
//    same run (CUDA events, medians) and prints GB/s and their ratio.
//
// libcuda.so.1 is loaded at run time: without an NVIDIA driver the tool says
// so and exits 0 (nothing to measure), so that it can live in any build.
//
//===----------------------------------------------------------------------===//

#include "gelu/ExecutionEngine/GpuKernel.h"
#include "gelu/ExecutionEngine/JitKernel.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cuda.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <dlfcn.h>
#include <optional>
#include <string>
#include <vector>

using namespace llvm;
using namespace mlir::gelu;

/// The options `--help` lists; LLVM's own (codegen, debugging) are hidden.
static cl::OptionCategory toolOptions("gelu-gpu-runner options");

static cl::opt<std::string> typeName("type", cl::cat(toolOptions),
                                     cl::desc("f32, bf16 or f16"),
                                     cl::init("f32"));
static cl::opt<std::string> approximation("approximation", cl::cat(toolOptions),
                                          cl::desc("exact, tanh or sigmoid"),
                                          cl::init("exact"));
static cl::opt<bool> fastMath(
    "fast-math", cl::cat(toolOptions),
    cl::desc("gelu-gpu-pipeline fast-math (tanh mode: tanh.approx.f32)"),
    cl::init(false));
static cl::opt<LogisticF32Core> logisticF32Core(
    "logistic-f32-core", cl::cat(toolOptions),
    cl::desc("How tanh mode and QuickGELU on f32 are evaluated "
             "(gelu-gpu-pipeline's logistic-f32-core; the CPU path the "
             "results are checked against uses the same core)"),
    cl::init(LogisticF32Core::F32),
    cl::values(clEnumValN(LogisticF32Core::F64, "f64", "the f64 core"),
               clEnumValN(LogisticF32Core::F32, "f32",
                          "the logistic f32 core")));
static cl::opt<ExactF32Core> exactF32Core(
    "exact-f32-core", cl::cat(toolOptions),
    cl::desc("How exact GELU on f32 is evaluated (gelu-gpu-pipeline's "
             "exact-f32-core; the CPU path the results are checked against "
             "uses the same core)"),
    cl::init(ExactF32Core::Piecewise),
    cl::values(clEnumValN(ExactF32Core::F64, "f64", "the f64 core"),
               clEnumValN(ExactF32Core::Piecewise, "piecewise",
                          "the piecewise f32 core, its tables in global "
                          "memory")));
static cl::opt<unsigned> maxRegisters(
    "max-registers", cl::cat(toolOptions),
    cl::desc("at most this many registers per thread (gelu-gpu-pipeline's "
             "max-registers; 0: ptxas decides)"),
    cl::init(0));
static cl::opt<GpuBf16Table> bf16Table(
    "bf16-table", cl::cat(toolOptions),
    cl::desc("Where bf16 GELU's results come from (gelu-gpu-pipeline's "
             "bf16-table; checked against the CPU path's computed results)"),
    cl::init(GpuBf16Table::None),
    cl::values(clEnumValN(GpuBf16Table::None, "none", "computed"),
               clEnumValN(GpuBf16Table::Global, "global",
                          "a table in global memory"),
               clEnumValN(GpuBf16Table::Workgroup, "workgroup",
                          "the table copied into shared memory")));
static cl::list<uint64_t>
    sizes("sizes", cl::cat(toolOptions),
          cl::desc("element counts (default 1Ki ... 1Gi)"), cl::CommaSeparated);
static cl::opt<unsigned> repetitions("repetitions", cl::cat(toolOptions),
                                     cl::desc("timed runs per size"),
                                     cl::init(20));
static cl::opt<unsigned>
    threadsPerBlock("threads-per-block", cl::cat(toolOptions),
                    cl::desc("threads per block of the launches"),
                    cl::init(256));
static cl::opt<bool> hardwareApproximations(
    "hardware-approximations", cl::cat(toolOptions),
    cl::desc("gelu-gpu-pipeline's hardware-approximations (the f16/bf16 fast "
             "path's exp and division, the logistic f32 core's reciprocal, "
             "from the GPU's approximate instructions)"),
    cl::init(true));
static cl::opt<unsigned> elementsPerThread(
    "elements-per-thread", cl::cat(toolOptions),
    cl::desc("consecutive elements per thread (gelu-gpu-pipeline's "
             "elements-per-thread; 0: 16 bytes)"),
    cl::init(0));
static cl::opt<bool> check("check", cl::cat(toolOptions),
                           cl::desc("compare every result with the CPU path"),
                           cl::init(true));
static cl::opt<int> maxUlpVsCpu(
    "max-ulp-vs-cpu", cl::cat(toolOptions),
    cl::desc("largest accepted difference from the CPU path in ulps "
             "(default: 0, or no bound with --fast-math)"),
    cl::init(-1));
static cl::opt<std::string>
    chip("chip", cl::cat(toolOptions),
         cl::desc("sm_XX to compile for (default: the device's)"),
         cl::init(""));
static cl::opt<bool>
    printAssembly("print-assembly", cl::cat(toolOptions),
                  cl::desc("print the kernel's PTX and exit (no GPU needed)"),
                  cl::init(false));
static cl::opt<bool> printSource(
    "print-source", cl::cat(toolOptions),
    cl::desc("print the kernel's MLIR source (the function both the GPU and "
             "the CPU path compile) and exit; scripts/gpu-bundle.py uses it"),
    cl::init(false));
static cl::opt<uint64_t> seed("seed", cl::cat(toolOptions),
                              cl::desc("seed of the random inputs"),
                              cl::init(1));

//===----------------------------------------------------------------------===//
// The CUDA driver, loaded at run time
//===----------------------------------------------------------------------===//

// The names cuda.h maps to versioned symbols (cuMemAlloc -> cuMemAlloc_v2)
// are looked up by their versioned names.
#define GELU_STRINGIFY(x) #x
#define GELU_SYMBOL_NAME(x) GELU_STRINGIFY(x)
#define GELU_CUDA_FUNCTIONS(X)                                                 \
  X(cuInit)                                                                    \
  X(cuDriverGetVersion)                                                        \
  X(cuDeviceGet)                                                               \
  X(cuDeviceGetName)                                                           \
  X(cuDeviceGetAttribute)                                                      \
  X(cuDevicePrimaryCtxRetain)                                                  \
  X(cuCtxSetCurrent)                                                           \
  X(cuCtxSynchronize)                                                          \
  X(cuModuleLoadDataEx)                                                        \
  X(cuModuleGetFunction)                                                       \
  X(cuMemAlloc)                                                                \
  X(cuMemFree)                                                                 \
  X(cuMemcpyHtoD)                                                              \
  X(cuMemcpyDtoH)                                                              \
  X(cuMemcpyDtoD)                                                              \
  X(cuLaunchKernel)                                                            \
  X(cuEventCreate)                                                             \
  X(cuEventRecord)                                                             \
  X(cuEventSynchronize)                                                        \
  X(cuEventElapsedTime)                                                        \
  X(cuGetErrorString)

namespace {
struct CudaDriver {
#define GELU_DECLARE(name) decltype(&name) name##Fn = nullptr;
  GELU_CUDA_FUNCTIONS(GELU_DECLARE)
#undef GELU_DECLARE

  /// Loads libcuda.so.1 and its entry points; an error names what is missing.
  static Expected<CudaDriver> load() {
    void *handle = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      return createStringError("cannot load libcuda.so.1 (no NVIDIA driver "
                               "on this machine)");
    CudaDriver driver;
#define GELU_LOAD(name)                                                        \
  driver.name##Fn = reinterpret_cast<decltype(&name)>(                         \
      dlsym(handle, GELU_SYMBOL_NAME(name)));                                  \
  if (!driver.name##Fn)                                                        \
    return createStringError("libcuda.so.1 has no " GELU_SYMBOL_NAME(name));
    GELU_CUDA_FUNCTIONS(GELU_LOAD)
#undef GELU_LOAD
    return driver;
  }

  /// Turns a CUresult into an Error naming the call.
  Error check(CUresult result, const char *what) const {
    if (result == CUDA_SUCCESS)
      return Error::success();
    const char *message = "unknown error";
    cuGetErrorStringFn(result, &message);
    return createStringError(Twine(what) + " failed: " + message);
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Data
//===----------------------------------------------------------------------===//

namespace {
/// Element types as bit patterns: f32 as uint32_t, bf16 and f16 as uint16_t.
struct Format {
  unsigned bytes;
  unsigned mantissaBits;
};

Format getFormat(StringRef name) {
  if (name == "f32")
    return {4, 23};
  if (name == "f16")
    return {2, 10};
  return {2, 7}; // bf16
}

uint64_t splitMix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint32_t floatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

/// f32 to f16 bits, round to nearest even (finite inputs of moderate size).
uint16_t toHalfBits(float value) {
  return static_cast<uint16_t>(
      llvm::bit_cast<uint16_t>(static_cast<_Float16>(value)));
}

/// Inputs: mostly uniform in [-10, 10] (where GELU bends), one in 64 a
/// random bit pattern (huge values, denormals, infinities, NaNs).
void fillInputs(std::vector<uint8_t> &data, const Format &format,
                uint64_t count, uint64_t state) {
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t r = splitMix64(state);
    bool raw = (r & 63) == 0;
    float value = static_cast<float>(
        static_cast<double>(r >> 11) * 0x1.0p-53 * 20.0 - 10.0);
    if (format.bytes == 4) {
      uint32_t bits = raw ? static_cast<uint32_t>(r >> 32) : floatBits(value);
      std::memcpy(&data[i * 4], &bits, 4);
    } else {
      uint16_t bits = raw ? static_cast<uint16_t>(r >> 48)
                      : format.mantissaBits == 7
                          ? static_cast<uint16_t>(floatBits(value) >> 16)
                          : toHalfBits(value);
      std::memcpy(&data[i * 2], &bits, 2);
    }
  }
}

/// Maps a bit pattern to an integer that orders like the value, so that the
/// difference of two is their distance in ulps.
int64_t orderedBits(uint64_t bits, unsigned width) {
  uint64_t sign = 1ULL << (width - 1);
  return (bits & sign) ? -static_cast<int64_t>(bits & (sign - 1))
                       : static_cast<int64_t>(bits);
}

bool isNaNBits(uint64_t bits, const Format &format) {
  unsigned width = format.bytes * 8;
  uint64_t magnitude = bits & ((1ULL << (width - 1)) - 1);
  uint64_t infinity = ((1ULL << (width - 1 - format.mantissaBits)) - 1)
                      << format.mantissaBits;
  return magnitude > infinity;
}

struct Comparison {
  uint64_t differing = 0;
  int64_t maxUlp = 0;
};

Comparison compare(const std::vector<uint8_t> &lhs,
                   const std::vector<uint8_t> &rhs, const Format &format,
                   uint64_t count) {
  Comparison result;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t a = 0, b = 0;
    std::memcpy(&a, &lhs[i * format.bytes], format.bytes);
    std::memcpy(&b, &rhs[i * format.bytes], format.bytes);
    if (a == b || (isNaNBits(a, format) && isNaNBits(b, format)))
      continue;
    ++result.differing;
    int64_t ulps = isNaNBits(a, format) || isNaNBits(b, format)
                       ? INT64_MAX
                       : std::abs(orderedBits(a, format.bytes * 8) -
                                  orderedBits(b, format.bytes * 8));
    result.maxUlp = std::max(result.maxUlp, ulps);
  }
  return result;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}
} // namespace

//===----------------------------------------------------------------------===//
// Main
//===----------------------------------------------------------------------===//

static Error run() {
  Format format = getFormat(typeName);
  // Elements each thread owns: the pipeline's default is 16 bytes.
  uint64_t perThread =
      elementsPerThread ? elementsPerThread : 16 / format.bytes;
  std::string source = makeElementwiseKernelSource(
      "gelu_kernel", typeName, makeGeluBody(typeName, approximation));

  if (printSource) {
    outs() << source;
    return Error::success();
  }

  GeluGpuPipelineOptions gpuOptions;
  gpuOptions.fastMath = fastMath;
  gpuOptions.threadsPerBlock = threadsPerBlock;
  gpuOptions.elementsPerThread = elementsPerThread;
  gpuOptions.hardwareApproximations = hardwareApproximations;
  gpuOptions.logisticF32Core = logisticF32Core == LogisticF32Core::F32
                                   ? GpuLogisticF32Core::F32
                                   : GpuLogisticF32Core::F64;
  gpuOptions.maxRegisters = maxRegisters;
  gpuOptions.bf16Table = bf16Table;
  gpuOptions.exactF32Core = exactF32Core == ExactF32Core::Piecewise
                                ? GpuExactF32Core::Piecewise
                                : GpuExactF32Core::F64;

  if (printAssembly) {
    if (!chip.empty())
      gpuOptions.chip = chip;
    Expected<GpuKernelImage> image = compileGpuKernel(source, gpuOptions);
    if (!image)
      return image.takeError();
    outs() << image->assembly;
    return Error::success();
  }

  Expected<CudaDriver> loaded = CudaDriver::load();
  if (!loaded) {
    outs() << "gelu-gpu-runner: skipped: " << toString(loaded.takeError())
           << "\n";
    return Error::success();
  }
  CudaDriver &cuda = *loaded;
  if (CUresult result = cuda.cuInitFn(0); result != CUDA_SUCCESS) {
    const char *message = "unknown error";
    cuda.cuGetErrorStringFn(result, &message);
    outs() << "gelu-gpu-runner: skipped: cuInit: " << message << "\n";
    return Error::success();
  }

  CUdevice device;
  if (Error e = cuda.check(cuda.cuDeviceGetFn(&device, 0), "cuDeviceGet"))
    return e;
  char name[256] = {};
  int driverVersion = 0, major = 0, minor = 0;
  if (Error e = cuda.check(cuda.cuDeviceGetNameFn(name, sizeof(name), device),
                           "cuDeviceGetName"))
    return e;
  if (Error e = cuda.check(cuda.cuDriverGetVersionFn(&driverVersion),
                           "cuDriverGetVersion"))
    return e;
  if (Error e = cuda.check(
          cuda.cuDeviceGetAttributeFn(
              &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device),
          "cuDeviceGetAttribute"))
    return e;
  if (Error e = cuda.check(
          cuda.cuDeviceGetAttributeFn(
              &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device),
          "cuDeviceGetAttribute"))
    return e;
  gpuOptions.chip =
      chip.empty() ? "sm_" + std::to_string(major * 10 + minor) : chip;

  CUcontext context;
  if (Error e = cuda.check(cuda.cuDevicePrimaryCtxRetainFn(&context, device),
                           "cuDevicePrimaryCtxRetain"))
    return e;
  if (Error e = cuda.check(cuda.cuCtxSetCurrentFn(context), "cuCtxSetCurrent"))
    return e;

  Expected<GpuKernelImage> image = compileGpuKernel(source, gpuOptions);
  if (!image)
    return image.takeError();
  char jitLog[8192] = {};
  CUjit_option jitOptions[] = {CU_JIT_ERROR_LOG_BUFFER,
                               CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *jitValues[] = {jitLog, reinterpret_cast<void *>(sizeof(jitLog))};
  CUmodule module;
  if (Error e =
          cuda.check(cuda.cuModuleLoadDataExFn(&module, image->assembly.c_str(),
                                               2, jitOptions, jitValues),
                     "cuModuleLoadDataEx"))
    return joinErrors(std::move(e), createStringError(jitLog));
  CUfunction function;
  if (Error e = cuda.check(cuda.cuModuleGetFunctionFn(
                               &function, module, image->kernelName.c_str()),
                           "cuModuleGetFunction"))
    return e;

  // The CPU path, for the check.
  std::unique_ptr<JitKernel> cpuKernel;
  void *cpuFunction = nullptr;
  if (check) {
    // The cores the GPU kernel uses (not the host's defaults, which pick
    // the f32 cores with AVX-512), so that the results can agree bit for
    // bit.
    GeluCpuPipelineOptions cpuOptions;
    // bf16 computed: the GPU's table (bf16-table) is then checked against
    // an independent evaluation.
    cpuOptions.bf16Table = false;
    // The piecewise core's tables are read differently (the host's
    // permutes, the GPU's loads), to the same values.
    cpuOptions.exactF32Core = exactF32Core == ExactF32Core::Piecewise
                                  ? CpuExactF32Core::Piecewise
                                  : CpuExactF32Core::F64;
    cpuOptions.logisticF32Core = logisticF32Core == LogisticF32Core::F32
                                     ? CpuLogisticF32Core::F32
                                     : CpuLogisticF32Core::F64;
    Expected<std::unique_ptr<JitKernel>> compiled =
        JitKernel::compile(source, cpuOptions);
    if (!compiled)
      return compiled.takeError();
    cpuKernel = std::move(*compiled);
    Expected<void *> address = cpuKernel->lookup("_mlir_ciface_gelu_kernel");
    if (!address)
      return address.takeError();
    cpuFunction = *address;
  }
  // The logistic f32 core with the GPU's reciprocal can differ from the
  // CPU's divided quotient by an ulp in near-midpoint cases.
  bool approximateReciprocal = hardwareApproximations &&
                               logisticF32Core == LogisticF32Core::F32 &&
                               typeName == "f32" && approximation != "exact";
  int64_t ulpBound = maxUlpVsCpu >= 0        ? maxUlpVsCpu
                     : fastMath              ? INT64_MAX
                     : approximateReciprocal ? 1
                                             : 0;

  mlir::gelu::HostInfo host = getHostInfo();
  outs() << "device: " << name << " (sm_" << major << minor << "), driver "
         << driverVersion / 1000 << "." << (driverVersion % 1000) / 10
         << "; host CPU " << host.cpuName << "\n"
         << "kernel: gelu.gelu " << approximation << " " << typeName
         << (fastMath ? " fast-math" : "") << ", " << image->threadsPerBlock
         << " threads per block, " << perThread * format.bytes
         << " bytes per thread, PTX for " << gpuOptions.chip << "\n"
         << "check: every result against the CPU path, bound "
         << (ulpBound == INT64_MAX ? std::string("none (reported)")
                                   : std::to_string(ulpBound) + " ulp")
         << "; times: median of " << repetitions << " (CUDA events)\n\n";
  outs() << formatv("{0,12} {1,10} {2,10} {3,10} {4,10} {5,8}  {6}\n",
                    "elements", "gelu us", "gelu GB/s", "copy us", "copy GB/s",
                    "ratio", "check");

  SmallVector<uint64_t> counts(sizes.begin(), sizes.end());
  if (counts.empty())
    for (uint64_t n = 1024; n <= (1ULL << 30); n *= 4)
      counts.push_back(n);

  bool failed = false;
  for (uint64_t count : counts) {
    uint64_t bytes = count * format.bytes;
    std::vector<uint8_t> input(bytes), output(bytes), expected;
    fillInputs(input, format, count, seed + count);

    CUdeviceptr x, y;
    if (Error e = cuda.check(cuda.cuMemAllocFn(&x, bytes), "cuMemAlloc"))
      return e;
    if (Error e = cuda.check(cuda.cuMemAllocFn(&y, bytes), "cuMemAlloc"))
      return e;
    if (Error e = cuda.check(cuda.cuMemcpyHtoDFn(x, input.data(), bytes),
                             "cuMemcpyHtoD"))
      return e;

    // The kernel takes both memrefs as (allocated, aligned, offset, size,
    // stride).
    int64_t offset = 0, size = static_cast<int64_t>(count), stride = 1;
    void *arguments[] = {&x, &x, &offset, &size, &stride,
                         &y, &y, &offset, &size, &stride};
    uint64_t perBlock =
        static_cast<uint64_t>(image->threadsPerBlock) * perThread;
    unsigned blocks = static_cast<unsigned>((count + perBlock - 1) / perBlock);
    auto launch = [&] {
      return cuda.check(cuda.cuLaunchKernelFn(function, blocks, 1, 1,
                                              image->threadsPerBlock, 1, 1, 0,
                                              nullptr, arguments, nullptr),
                        "cuLaunchKernel");
    };
    auto copy = [&] {
      return cuda.check(cuda.cuMemcpyDtoDFn(y, x, bytes), "cuMemcpyDtoD");
    };
    CUevent start, stop;
    if (Error e = cuda.check(cuda.cuEventCreateFn(&start, 0), "cuEventCreate"))
      return e;
    if (Error e = cuda.check(cuda.cuEventCreateFn(&stop, 0), "cuEventCreate"))
      return e;
    auto time = [&](auto &&work) -> Expected<double> {
      if (Error e = work()) // warm-up
        return std::move(e);
      std::vector<double> microseconds;
      for (unsigned r = 0; r < repetitions; ++r) {
        if (Error e = cuda.check(cuda.cuEventRecordFn(start, nullptr),
                                 "cuEventRecord"))
          return std::move(e);
        if (Error e = work())
          return std::move(e);
        if (Error e = cuda.check(cuda.cuEventRecordFn(stop, nullptr),
                                 "cuEventRecord"))
          return std::move(e);
        if (Error e = cuda.check(cuda.cuEventSynchronizeFn(stop),
                                 "cuEventSynchronize"))
          return std::move(e);
        float ms = 0;
        if (Error e = cuda.check(cuda.cuEventElapsedTimeFn(&ms, start, stop),
                                 "cuEventElapsedTime"))
          return std::move(e);
        microseconds.push_back(ms * 1e3);
      }
      return median(microseconds);
    };
    // Interleave the two so that clocks and other tenants affect both.
    Expected<double> copyTime = time(copy);
    if (!copyTime)
      return copyTime.takeError();
    Expected<double> geluTime = time(launch);
    if (!geluTime)
      return geluTime.takeError();

    std::string verdict = "-";
    if (check) {
      if (Error e = cuda.check(cuda.cuMemcpyDtoHFn(output.data(), y, bytes),
                               "cuMemcpyDtoH"))
        return e;
      expected.resize(bytes);
      MemRef1D<uint8_t> in{input.data(), input.data(), 0, size, 1};
      MemRef1D<uint8_t> out{expected.data(), expected.data(), 0, size, 1};
      reinterpret_cast<void (*)(void *, void *)>(cpuFunction)(&in, &out);
      Comparison c = compare(output, expected, format, count);
      bool ok = c.maxUlp <= ulpBound;
      failed |= !ok;
      verdict = (ok ? "ok" : "FAIL") + std::string(": ") +
                std::to_string(c.differing) + " differ, max " +
                (c.maxUlp == INT64_MAX ? std::string("NaN")
                                       : std::to_string(c.maxUlp)) +
                " ulp";
    }
    double movedGB = 2.0 * static_cast<double>(bytes) / 1e9;
    outs() << formatv("{0,12} {1,10:f1} {2,10:f1} {3,10:f1} {4,10:f1} "
                      "{5,8:f3}  {6}\n",
                      count, *geluTime, movedGB / (*geluTime * 1e-6), *copyTime,
                      movedGB / (*copyTime * 1e-6), *copyTime / *geluTime,
                      verdict);
    outs().flush();
    cuda.cuMemFreeFn(x);
    cuda.cuMemFreeFn(y);
  }
  outs() << "\nratio: copy time / gelu time (1.0 = GELU at copy bandwidth; "
            "both move 2 x elements x "
         << format.bytes << " bytes)\n";
  if (failed)
    return createStringError("results differ from the CPU path beyond the "
                             "bound");
  return Error::success();
}

int main(int argc, char **argv) {
  InitLLVM y(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(
      argc, argv,
      "gelu-gpu-runner: run gelu-mlir's GPU kernels with the CUDA driver, "
      "check them against the CPU path and time them against a copy\n");
  if (typeName != "f32" && typeName != "bf16" && typeName != "f16") {
    errs() << "gelu-gpu-runner: --type must be f32, bf16 or f16\n";
    return 1;
  }
  if (Error e = run()) {
    errs() << "gelu-gpu-runner: " << toString(std::move(e)) << "\n";
    return 1;
  }
  return 0;
}
