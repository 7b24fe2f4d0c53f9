//===- JitKernel.h - Compile and run GELU kernels in-process ----*- C++ -*-===//
//
// Compiles MLIR source through gelu-cpu-pipeline and the LLVM JIT for the host
// CPU, for the accuracy and benchmark tools (and for C++ users who want to
// call a GELU kernel without an ahead-of-time build step).
//
//===----------------------------------------------------------------------===//

#ifndef GELU_EXECUTIONENGINE_JITKERNEL_H
#define GELU_EXECUTIONENGINE_JITKERNEL_H

#include "gelu/Pipelines/Pipelines.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace mlir::gelu {

/// What the tools report about the machine they measure on.
struct HostInfo {
  /// LLVM's name for the host CPU (e.g. znver5).
  std::string cpuName;
  /// The f32 lanes of a host vector register (getHostF32VectorWidth()).
  unsigned f32VectorWidth;
  /// The vector ISA extensions found (e.g. "avx2 fma avx512f").
  std::string vectorFeatures;
  /// Hardware threads.
  unsigned threads;
};
HostInfo getHostInfo();

/// MLIR's descriptor of a rank-1 memref.
template <typename T> struct MemRef1D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;

  static MemRef1D of(T *data, int64_t size) { return {data, data, 0, size, 1}; }
};

/// Source of an elementwise kernel
///   func.func @<name>(%x: memref<?xT>, %y: memref<?xT>)
/// computing y[i] = body(x[i]) on tensors (bufferization.to_tensor, a
/// linalg.generic, bufferization.materialize_in_destination into y), with its
/// C interface. `body` holds the ops of a linalg.generic body that read the
/// block argument `%in` (of `elementType`) and define `%out_value`.
std::string makeElementwiseKernelSource(llvm::StringRef name,
                                        llvm::StringRef elementType,
                                        llvm::StringRef body);

/// The body computing gelu.gelu of `%in` with the given approximation
/// ("exact", "tanh", ...).
std::string makeGeluBody(llvm::StringRef elementType,
                         llvm::StringRef approximation);

/// The body computing GELU in the form a frontend writes it, with upstream
/// math ops: "upstream-erf" 0.5x(1+erf(x/sqrt2)), "upstream-erfc"
/// 0.5x erfc(-x/sqrt2), "upstream-tanh"
/// 0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3))).
std::string makeUpstreamGeluBody(llvm::StringRef elementType,
                                 llvm::StringRef form);

/// A module compiled by gelu-cpu-pipeline and the LLVM JIT (ORC's LLJIT: -O3,
/// host CPU, small code model).
class JitKernel {
public:
  /// Parses `source`, runs gelu-cpu-pipeline with `options` and JIT-compiles
  /// the result. MLIR's C runner utilities (memrefCopy, which the pipeline
  /// calls for copies between non-contiguous buffers) are always loaded;
  /// `sharedLibs` are loaded too (libomp for parallel kernels).
  static llvm::Expected<std::unique_ptr<JitKernel>>
  compile(llvm::StringRef source, const GeluCpuPipelineOptions &options,
          llvm::ArrayRef<llvm::StringRef> sharedLibs = {});

  /// The address of the C interface of the elementwise kernel `name`:
  /// void(MemRef1D<T> *x, MemRef1D<T> *y).
  template <typename T>
  using ElementwiseFn = void (*)(MemRef1D<T> *, MemRef1D<T> *);
  template <typename T>
  llvm::Expected<ElementwiseFn<T>> lookupElementwise(llvm::StringRef name) {
    llvm::Expected<void *> address = lookup(("_mlir_ciface_" + name).str());
    if (!address)
      return address.takeError();
    return reinterpret_cast<ElementwiseFn<T>>(*address);
  }

  llvm::Expected<void *> lookup(llvm::StringRef symbol);

  ~JitKernel();

private:
  JitKernel();
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

/// The path of libomp.so next to the LLVM 22 runtime libraries.
std::string getOpenMPRuntimePath();

/// The path of MLIR's libmlir_c_runner_utils.so (the library mlir-runner
/// loads with -shared-libs), next to the LLVM 22 runtime libraries.
std::string getCRunnerUtilsPath();

} // namespace mlir::gelu

#endif // GELU_EXECUTIONENGINE_JITKERNEL_H
