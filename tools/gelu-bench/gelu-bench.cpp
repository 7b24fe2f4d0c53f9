//===- gelu-bench.cpp - GELU throughput against rooflines -------*- C++ -*-===//
//
// Compiles GELU kernels through gelu-cpu-pipeline and the JIT, and measures in
// one run, on the same buffers:
//
//  * gelu.gelu through the pipeline (gelu-approximate, vectorized to the host
//    width; parallel=true for the all-cores rows),
//  * the GELU forms frontends emit with upstream math ops (math.erf, math.erfc,
//    math.tanh), compiled by the same pipeline without gelu-raise, which
//    lowers them with upstream's polynomial approximations
//    (gelu-approximate-math), and the erf/tanh form with gelu-raise (the
//    pipeline's default), which should match gelu.gelu,
//  * memcpy of the same bytes (the bandwidth roofline), with the same number
//    of threads (OpenMP, the runtime the parallel kernels use),
//  * a scalar loop over glibc's erff/tanhf (1 thread),
//
// and prints ns per element (median of repeats), GB/s and the ratios between
// them. Absolute times depend on the machine; the ratios are measured in one
// run. Inputs are N(0, 2^2).
//
//===----------------------------------------------------------------------===//

#include "gelu/ExecutionEngine/JitKernel.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <omp.h>

#ifdef GELU_BENCH_HAVE_DNNL
#include <dnnl.hpp>
#endif

#include <dlfcn.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace mlir::gelu;
namespace cl = llvm::cl;

/// The options `--help` lists; LLVM's own (codegen, debugging) are hidden.
static cl::OptionCategory toolOptions("gelu-bench options");

/// Reports a failed kernel lookup (a symbol the JIT could not resolve) and
/// exits, instead of running a null function.
static llvm::ExitOnError exitOnError("gelu-bench: ");

static cl::list<std::string> types("types", cl::cat(toolOptions),
                                   cl::desc("f32, bf16"), cl::CommaSeparated);
static cl::list<std::string> approximations("approximations",
                                            cl::cat(toolOptions),
                                            cl::desc("exact, tanh"),
                                            cl::CommaSeparated);
static cl::list<uint64_t> sizes("sizes", cl::cat(toolOptions),
                                cl::desc("elements"), cl::CommaSeparated);
static cl::list<std::string>
    threadCounts("thread-counts", cl::cat(toolOptions),
                 cl::desc("1 and/or 'all' (the cores)"), cl::CommaSeparated);
static cl::opt<unsigned> repeats("repeats", cl::cat(toolOptions),
                                 cl::desc("timed repeats; the median is "
                                          "reported"),
                                 cl::init(11));
static cl::opt<double> minRepeatSeconds(
    "min-repeat-seconds", cl::cat(toolOptions),
    cl::desc("each repeat runs the kernel enough times to last this long"),
    cl::init(0.02));
static cl::opt<CpuExactF32Core> exactF32Core(
    "exact-f32-core", cl::cat(toolOptions),
    cl::desc("how exact f32 GELU is evaluated (gelu-cpu-pipeline's "
             "exact-f32-core)"),
    cl::init(CpuExactF32Core::Auto), cpuExactF32CoreValues());
static cl::opt<CpuLogisticF32Core> logisticF32Core(
    "logistic-f32-core", cl::cat(toolOptions),
    cl::desc("How tanh-mode GELU on f32 is evaluated (gelu-cpu-pipeline's "
             "logistic-f32-core)"),
    cl::init(CpuLogisticF32Core::Auto), cpuLogisticF32CoreValues());
static cl::opt<CpuTableLookup> tableLookup(
    "table-lookup", cl::cat(toolOptions),
    cl::desc("How the piecewise f32 core reads its tables (gelu-cpu-pipeline's "
             "table-lookup)"),
    cl::init(CpuTableLookup::Auto), cpuTableLookupValues());
static cl::opt<bool> bf16Table(
    "bf16-table", cl::cat(toolOptions),
    cl::desc("bf16 GELU read from the table of correctly rounded results "
             "(gelu-cpu-pipeline's bf16-table; false: computed)"),
    cl::init(true));
static cl::opt<unsigned> vectorWidth("vector-width", cl::cat(toolOptions),
                                     cl::desc("0: the host's"), cl::init(0));
static cl::opt<unsigned>
    unroll("unroll", cl::cat(toolOptions),
           cl::desc("vectors per loop iteration (gelu-cpu-pipeline's unroll; "
                    "0: the host's)"),
           cl::init(0));
static cl::opt<unsigned>
    tileM("tile-m", cl::cat(toolOptions),
          cl::desc("FFN suite: gelu-cpu-pipeline's tile-m (0: its default)"),
          cl::init(0));
static cl::opt<unsigned>
    tileN("tile-n", cl::cat(toolOptions),
          cl::desc("FFN suite: gelu-cpu-pipeline's tile-n (0: its default)"),
          cl::init(0));
static cl::opt<unsigned>
    microM("micro-m", cl::cat(toolOptions),
           cl::desc("FFN suite: gelu-cpu-pipeline's micro-m (0: its default)"),
           cl::init(0));
static cl::opt<unsigned>
    microN("micro-n", cl::cat(toolOptions),
           cl::desc("FFN suite: gelu-cpu-pipeline's micro-n (0: its default)"),
           cl::init(0));
static cl::opt<std::string>
    csvPath("csv", cl::cat(toolOptions),
            cl::desc("also write the rows to this CSV file"));
static cl::opt<std::string> suite(
    "suite", cl::cat(toolOptions),
    cl::desc("elementwise (GELU over buffers), ffn (matmul + bias + GELU, "
             "GEGLU, on transformer shapes), or all"),
    cl::init("elementwise"));
static cl::opt<bool> ffnDynamicM(
    "ffn-dynamic-m", cl::cat(toolOptions),
    cl::desc("FFN suite: compile the layers for any number of rows (tokens "
             "known only at run time), and run them on the shapes' rows"));
static cl::list<std::string>
    ffnShapes("ffn-shapes", cl::cat(toolOptions),
              cl::desc("MxKxN (prefix g for GEGLU), e.g. 128x768x3072"),
              cl::CommaSeparated);

namespace {

using Clock = std::chrono::steady_clock;

/// bf16 bits of a float, rounded to nearest even.
uint16_t toBF16(float f) {
  uint32_t bits = std::bit_cast<uint32_t>(f);
  bits += 0x7FFF + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}
float fromBF16(uint16_t h) {
  return std::bit_cast<float>(static_cast<uint32_t>(h) << 16);
}

/// MLIR's descriptor of a rank-2 memref.
struct MemRef2D {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
  static MemRef2D of(float *data, int64_t rows, int64_t cols) {
    return {data, data, 0, {rows, cols}, {cols, 1}};
  }
};

struct Row {
  std::string type, approximation, kernel;
  unsigned threads;
  uint64_t size;
  double nsPerElement, gbPerSecond;
};

/// Times several kernels on the same data, interleaved: every round runs
/// each kernel once (repeated to last at least --min-repeat-seconds), so that
/// the noise of a shared machine falls on all of them alike; the result is
/// each kernel's median over the rounds, in ns per element of `n`.
class InterleavedTimer {
public:
  void add(std::string name, std::function<void()> fn) {
    kernels.push_back({std::move(name), std::move(fn), 1, {}});
  }

  std::vector<std::pair<std::string, double>> run(uint64_t n) {
    for (Kernel &k : kernels) {
      k.fn(); // warm up: page faults, caches, OpenMP threads
      auto start = Clock::now();
      k.fn();
      double once = std::chrono::duration<double>(Clock::now() - start).count();
      k.inner = std::max<uint64_t>(
          1, static_cast<uint64_t>(minRepeatSeconds / std::max(once, 1e-9)));
    }
    for (unsigned r = 0; r < repeats; ++r)
      for (Kernel &k : kernels) {
        auto start = Clock::now();
        for (uint64_t i = 0; i < k.inner; ++i)
          k.fn();
        double seconds =
            std::chrono::duration<double>(Clock::now() - start).count();
        k.samples.push_back(seconds / k.inner / n * 1e9);
      }
    std::vector<std::pair<std::string, double>> medians;
    for (Kernel &k : kernels) {
      std::nth_element(k.samples.begin(),
                       k.samples.begin() + k.samples.size() / 2,
                       k.samples.end());
      medians.emplace_back(k.name, k.samples[k.samples.size() / 2]);
    }
    return medians;
  }

private:
  struct Kernel {
    std::string name;
    std::function<void()> fn;
    uint64_t inner;
    std::vector<double> samples;
  };
  std::vector<Kernel> kernels;
};

template <typename Storage>
std::unique_ptr<JitKernel>
compile(const std::string &type, const std::string &body, unsigned threads,
        bool raise, CpuExactF32Core core = exactF32Core,
        CpuLogisticF32Core logisticCore = logisticF32Core) {
  GeluCpuPipelineOptions options;
  options.raise = raise;
  options.exactF32Core = core;
  options.logisticF32Core = logisticCore;
  options.tableLookup = tableLookup;
  options.bf16Table = bf16Table;
  options.vectorWidth = vectorWidth;
  options.unroll = unroll;
  options.parallel = threads > 1;
  std::string libomp = getOpenMPRuntimePath();
  llvm::SmallVector<llvm::StringRef> libs;
  if (threads > 1)
    libs.push_back(libomp);
  auto kernel = JitKernel::compile(
      makeElementwiseKernelSource("kernel", type, body), options, libs);
  if (!kernel) {
    llvm::errs() << "gelu-bench: " << llvm::toString(kernel.takeError())
                 << "\n";
    std::exit(2);
  }
  return std::move(*kernel);
}

template <typename Storage>
void benchType(const std::string &type, const std::string &approximation,
               unsigned threads, std::vector<Row> &rows) {
  // Kernels of this (type, approximation, threads), compiled once.
  std::vector<std::pair<std::string, std::unique_ptr<JitKernel>>> kernels;
  kernels.emplace_back("gelu-mlir",
                       compile<Storage>(type, makeGeluBody(type, approximation),
                                        threads, /*raise=*/true));
  // f32: the same kernel with the mode's other core (the one the pipeline
  // did not pick on this host), for comparison.
  if (type == "f32") {
    CpuExactF32Core exactCore = exactF32Core;
    CpuLogisticF32Core logisticCore = logisticF32Core;
    std::string label;
    if (approximation == "exact") {
      bool piecewise =
          resolveExactF32Core(exactF32Core) == ExactF32Core::Piecewise;
      exactCore = piecewise ? CpuExactF32Core::F64 : CpuExactF32Core::Piecewise;
      label = piecewise ? "gelu-mlir (f64 core)" : "gelu-mlir (piecewise)";
    } else {
      bool f32Core =
          resolveLogisticF32Core(logisticF32Core) != LogisticF32Core::F64;
      logisticCore =
          f32Core ? CpuLogisticF32Core::F64 : CpuLogisticF32Core::F32;
      label = f32Core ? "gelu-mlir (f64 core)" : "gelu-mlir (f32 core)";
    }
    kernels.emplace_back(
        label,
        compile<Storage>(type, makeGeluBody(type, approximation), threads,
                         /*raise=*/true, exactCore, logisticCore));
  }
  // The pipeline's own roofline: the same loop with a negation for body
  // (its loads and stores, write-allocate included, and no arithmetic).
  kernels.emplace_back(
      "-x (same pipeline)",
      compile<Storage>(type, "    %out_value = arith.negf %in : " + type + "\n",
                       threads, /*raise=*/false));
  std::vector<std::string> forms =
      approximation == "exact"
          ? std::vector<std::string>{"upstream-erf", "upstream-erfc"}
          : std::vector<std::string>{"upstream-tanh"};
  for (const std::string &form : forms)
    // The upstream forms are measured as upstream lowers them: not raised.
    kernels.emplace_back(
        form, compile<Storage>(type, makeUpstreamGeluBody(type, form), threads,
                               /*raise=*/false));
  // The form a frontend emits, raised by gelu-raise (the pipeline default):
  // it should run as fast as gelu.gelu written directly.
  std::string frontendForm =
      approximation == "exact" ? "upstream-erf" : "upstream-tanh";
  kernels.emplace_back(
      frontendForm.substr(9) + " form, raised",
      compile<Storage>(type, makeUpstreamGeluBody(type, frontendForm), threads,
                       /*raise=*/true));

  for (uint64_t n : sizes) {
    std::vector<Storage> x(n), y(n);
    std::mt19937_64 rng(42);
    std::normal_distribution<float> normal(0.0f, 2.0f);
    for (Storage &v : x) {
      float f = normal(rng);
      if constexpr (sizeof(Storage) == 2)
        v = toBF16(f);
      else
        v = f;
    }
    uint64_t bytes = 2 * n * sizeof(Storage);
    omp_set_num_threads(static_cast<int>(threads));
    InterleavedTimer timer;

    // The roofline: copy the same bytes with the same threads.
    timer.add("memcpy", [&] {
      if (threads == 1) {
        std::memcpy(y.data(), x.data(), n * sizeof(Storage));
        return;
      }
#pragma omp parallel num_threads(threads)
      {
        int t = omp_get_thread_num();
        uint64_t chunk = (n + threads - 1) / threads;
        uint64_t begin = std::min<uint64_t>(t * chunk, n);
        uint64_t end = std::min<uint64_t>(begin + chunk, n);
        std::memcpy(y.data() + begin, x.data() + begin,
                    (end - begin) * sizeof(Storage));
      }
    });

    for (auto &[name, kernel] : kernels) {
      auto fn = exitOnError(kernel->lookupElementwise<Storage>("kernel"));
      timer.add(name, [&x, &y, n, fn] {
        auto in = MemRef1D<Storage>::of(x.data(), n);
        auto out = MemRef1D<Storage>::of(y.data(), n);
        fn(&in, &out);
      });
    }

    // A scalar libm loop, as a C++ compiler writes GELU without a vector
    // library.
    if (threads == 1)
      timer.add(
          approximation == "exact" ? "scalar libm erff" : "scalar libm tanhf",
          [&] {
            for (uint64_t i = 0; i < n; ++i) {
              float v;
              if constexpr (sizeof(Storage) == 2)
                v = fromBF16(x[i]);
              else
                v = x[i];
              float r;
              if (approximation == "exact")
                r = 0.5f * v * (1.0f + erff(v * 0.70710678f));
              else
                r = 0.5f * v *
                    (1.0f + tanhf(0.7978846f * (v + 0.044715f * v * v * v)));
              if constexpr (sizeof(Storage) == 2)
                y[i] = toBF16(r);
              else
                y[i] = r;
            }
          });
    for (auto &[name, ns] : timer.run(n))
      rows.push_back(
          {type, approximation, name, threads, n, ns, bytes / (ns * n)});
  }
}

std::string sizeName(uint64_t n) {
  if (n % (1 << 20) == 0)
    return std::to_string(n >> 20) + "Mi";
  if (n % (1 << 10) == 0)
    return std::to_string(n >> 10) + "Ki";
  return std::to_string(n);
}

void print(const std::vector<Row> &rows) {
  // Group by (type, approximation, threads, size): the ratios compare rows
  // of one group, measured back to back.
  std::map<std::tuple<std::string, std::string, unsigned, uint64_t>,
           std::vector<const Row *>>
      groups;
  std::vector<std::tuple<std::string, std::string, unsigned, uint64_t>> order;
  for (const Row &row : rows) {
    auto key =
        std::make_tuple(row.type, row.approximation, row.threads, row.size);
    if (!groups.count(key))
      order.push_back(key);
    groups[key].push_back(&row);
  }
  std::string last;
  for (auto &key : order) {
    auto &[type, approximation, threads, size] = key;
    std::string header = type + " " + approximation + ", " +
                         std::to_string(threads) + " thread" +
                         (threads > 1 ? "s" : "");
    if (header != last) {
      llvm::outs() << "\n## " << header << "\n\n"
                   << llvm::format("| %-6s | %-20s | %9s | %8s | %9s | %9s "
                                   "| %9s |\n",
                                   "size", "kernel", "ns/elem", "GB/s",
                                   "x memcpy", "x upstream", "x libm")
                   << "|--------|----------------------|-----------|----------|"
                      "-----------|-----------|-----------|\n";
      last = header;
    }
    const Row *memcpyRow = nullptr, *upstreamRow = nullptr, *libmRow = nullptr;
    for (const Row *row : groups[key]) {
      if (row->kernel == "memcpy")
        memcpyRow = row;
      if (row->kernel == "upstream-erf" || row->kernel == "upstream-tanh")
        upstreamRow = row;
      if (llvm::StringRef(row->kernel).starts_with("scalar libm"))
        libmRow = row;
    }
    for (const Row *row : groups[key]) {
      auto ratio = [&](const Row *base) -> std::string {
        if (!base)
          return "";
        return llvm::formatv("{0:F2}", row->nsPerElement / base->nsPerElement)
            .str();
      };
      llvm::outs() << llvm::format(
          "| %-6s | %-20s | %9.4f | %8.2f | %9s | %9s | %9s |\n",
          sizeName(size).c_str(), row->kernel.c_str(), row->nsPerElement,
          row->gbPerSecond, ratio(memcpyRow).c_str(),
          ratio(upstreamRow).c_str(), ratio(libmRow).c_str());
    }
  }
  llvm::outs() << "\nx memcpy: time / memcpy's time (1/x is the fraction of "
                  "the copy bandwidth); x upstream: time / the upstream "
                  "math.erf form's (exact) or math.tanh form's (tanh); "
                  "x libm: time / the scalar libm loop's. Medians of "
               << repeats << " repeats.\n";
}

//===----------------------------------------------------------------------===//
// The FFN suite: matmul + bias + GELU (and GEGLU) on transformer shapes
//===----------------------------------------------------------------------===//

struct FfnShape {
  std::string name;
  int64_t m, k, n;
  bool geglu;
};

struct FfnRow {
  std::string shape, kernel;
  double seconds, gflops;
};

/// What follows the matmul(s) in a benchmarked FFN layer.
enum class Epilogue {
  /// The matmul(s) alone.
  None,
  /// The bias add(s) (and the GEGLU product) without GELU: what the epilogue
  /// costs apart from GELU's arithmetic.
  NoGelu,
  /// The layer: bias, GELU (and the GEGLU product).
  Full,
};

/// The FFN layer's first half, on buffers: y = GELU(x W + b), or for GEGLU
/// y = GELU(x W + b) * (x V + c), with the epilogue `epilogue`.
std::string makeFfnSource(const FfnShape &shape, Epilogue epilogue) {
  // With --ffn-dynamic-m the kernel is compiled for any number of rows.
  FfnShape s = shape;
  if (ffnDynamicM)
    s.m = -1;
  auto dim = [](int64_t size) {
    return size < 0 ? std::string("?") : std::to_string(size);
  };
  auto t = [&](int64_t a, int64_t b) {
    return "tensor<" + dim(a) + "x" + dim(b) + "xf32>";
  };
  auto mr = [&](int64_t a, int64_t b) {
    return "memref<" + dim(a) + "x" + dim(b) + "xf32>";
  };
  std::string empty = s.m < 0 ? "(%rows)" : "()";
  std::string n = std::to_string(s.n);
  std::string x = t(s.m, s.k), w = t(s.k, s.n), y = t(s.m, s.n);
  std::string src =
      "#rows = affine_map<(d0, d1) -> (d0, d1)>\n"
      "#bias = affine_map<(d0, d1) -> (d1)>\n"
      "func.func @ffn(%xm: " +
      mr(s.m, s.k) + ", %wm: " + mr(s.k, s.n) + ", %bm: memref<" + n +
      "xf32>, %vm: " + mr(s.k, s.n) + ", %cm: memref<" + n +
      "xf32>, %ym: " + mr(s.m, s.n) +
      ") attributes {llvm.emit_c_interface} {\n" +
      (s.m < 0 ? "  %c0 = arith.constant 0 : index\n"
                 "  %rows = memref.dim %xm, %c0 : " +
                     mr(s.m, s.k) + "\n"
               : std::string()) +
      "  %x = bufferization.to_tensor %xm restrict : " + mr(s.m, s.k) + " to " +
      x +
      "\n"
      "  %w = bufferization.to_tensor %wm restrict : " +
      mr(s.k, s.n) + " to " + w +
      "\n"
      "  %b = bufferization.to_tensor %bm restrict : memref<" +
      n + "xf32> to tensor<" + n +
      "xf32>\n"
      "  %v = bufferization.to_tensor %vm restrict : " +
      mr(s.k, s.n) + " to " + w +
      "\n"
      "  %c = bufferization.to_tensor %cm restrict : memref<" +
      n + "xf32> to tensor<" + n +
      "xf32>\n"
      "  %zero = arith.constant 0.0 : f32\n"
      "  %e = tensor.empty" +
      empty + " : " + y +
      "\n"
      "  %acc = linalg.fill ins(%zero : f32) outs(%e : " +
      y + ") -> " + y +
      "\n"
      "  %mm = linalg.matmul ins(%x, %w : " +
      x + ", " + w + ") outs(%acc : " + y + ") -> " + y + "\n";
  std::string result = "%mm";
  if (s.geglu)
    src += "  %e2 = tensor.empty" + empty + " : " + y +
           "\n"
           "  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : " +
           y + ") -> " + y +
           "\n"
           "  %mm2 = linalg.matmul ins(%x, %v : " +
           x + ", " + w + ") outs(%acc2 : " + y + ") -> " + y + "\n";
  if (epilogue != Epilogue::None) {
    // The bias adds and the gate product as separate elementwise ops, as a
    // frontend writes them; gelu-fuse merges them.
    auto biasAdd = [&](const std::string &out, const std::string &in,
                       const std::string &bias) {
      return "  %" + out + "_e = tensor.empty" + empty + " : " + y +
             "\n"
             "  %" +
             out +
             " = linalg.generic {indexing_maps = [#rows, #bias, "
             "#rows], iterator_types = [\"parallel\", \"parallel\"]} ins(" +
             in + ", " + bias + " : " + y + ", tensor<" + n + "xf32>) outs(%" +
             out + "_e : " + y +
             ") {\n"
             "  ^bb0(%p: f32, %q: f32, %o: f32):\n"
             "    %s = arith.addf %p, %q : f32\n    linalg.yield %s : f32\n"
             "  } -> " +
             y + "\n";
    };
    src += biasAdd("h", "%mm", "%b");
    if (epilogue == Epilogue::Full) {
      src += "  %g = gelu.gelu %h : " + y + "\n";
      result = "%g";
    } else {
      src += "  %g = arith.addf %h, %h : " + y + "\n";
      result = "%g";
    }
    if (s.geglu) {
      src += biasAdd("h2", "%mm2", "%c");
      src += "  %gg = arith.mulf %g, %h2 : " + y + "\n";
      result = "%gg";
    }
  } else if (s.geglu) {
    // Both matmuls must stay live: add them (a negligible pass).
    src += "  %sum = arith.addf %mm, %mm2 : " + y + "\n";
    result = "%sum";
  }
  src += "  bufferization.materialize_in_destination " + result +
         " in restrict writable %ym : (" + y + ", " + mr(s.m, s.n) +
         ") -> ()\n  return\n}\n";
  return src;
}

using FfnFn = void (*)(MemRef2D *, MemRef2D *, MemRef1D<float> *, MemRef2D *,
                       MemRef1D<float> *, MemRef2D *);

#ifdef GELU_BENCH_HAVE_DNNL
/// oneDNN's matmul with a bias and an eltwise_gelu_erf post-op (GEGLU: a
/// second matmul with a bias and a binary_mul post-op by the first's
/// result), one thread: the outside reference.
void addOneDnn(InterleavedTimer &timer, const FfnShape &s,
               std::vector<float> &x, std::vector<float> &w,
               std::vector<float> &b, std::vector<float> &v,
               std::vector<float> &c, std::vector<float> &y) {
  using namespace dnnl;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  memory::desc xd({s.m, s.k}, memory::data_type::f32, memory::format_tag::ab);
  memory::desc wd({s.k, s.n}, memory::data_type::f32, memory::format_tag::ab);
  memory::desc bd({1, s.n}, memory::data_type::f32, memory::format_tag::ab);
  memory::desc yd({s.m, s.n}, memory::data_type::f32, memory::format_tag::ab);
  post_ops gelu;
  gelu.append_eltwise(1.0f, algorithm::eltwise_gelu_erf, 0.f, 0.f);
  primitive_attr geluAttr;
  geluAttr.set_post_ops(gelu);
  matmul first(
      matmul::primitive_desc(matmul::desc(xd, wd, bd, yd), geluAttr, eng));
  memory X(xd, eng, x.data()), W(wd, eng, w.data()), B(bd, eng, b.data()),
      V(wd, eng, v.data()), C(bd, eng, c.data()), Y(yd, eng, y.data());
  std::vector<float> gate(s.m * s.n);
  memory G(yd, eng, gate.data());
  post_ops product;
  product.append_binary(algorithm::binary_mul, yd);
  primitive_attr productAttr;
  productAttr.set_post_ops(product);
  matmul second(
      matmul::primitive_desc(matmul::desc(xd, wd, bd, yd), productAttr, eng));
  // The primitives and memories live as long as the timer's closure.
  auto state = std::make_shared<
      std::tuple<engine, stream, matmul, matmul, memory, memory, memory, memory,
                 memory, memory, memory, std::vector<float>>>(
      eng, strm, first, second, X, W, B, V, C, Y, G, std::move(gate));
  bool geglu = s.geglu;
  timer.add("oneDNN matmul+post-ops", [state, geglu] {
    auto &[eng, strm, first, second, X, W, B, V, C, Y, G, gate] = *state;
    (void)eng;
    (void)gate;
    if (!geglu) {
      first.execute(strm, {{DNNL_ARG_SRC, X},
                           {DNNL_ARG_WEIGHTS, W},
                           {DNNL_ARG_BIAS, B},
                           {DNNL_ARG_DST, Y}});
    } else {
      first.execute(strm, {{DNNL_ARG_SRC, X},
                           {DNNL_ARG_WEIGHTS, W},
                           {DNNL_ARG_BIAS, B},
                           {DNNL_ARG_DST, G}});
      second.execute(strm,
                     {{DNNL_ARG_SRC, X},
                      {DNNL_ARG_WEIGHTS, V},
                      {DNNL_ARG_BIAS, C},
                      {DNNL_ARG_DST, Y},
                      {DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1, G}});
    }
    strm.wait();
  });
}
#endif

/// oneDNN runs on libgomp, not the libomp our kernels use; omp_set_num_threads
/// here reaches libomp only, so libgomp's is called by name.
void setOneDnnThreads(int threads) {
#ifdef GELU_BENCH_HAVE_DNNL
  if (void *gomp = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD))
    if (auto set =
            reinterpret_cast<void (*)(int)>(dlsym(gomp, "omp_set_num_threads")))
      set(threads);
#endif
  (void)threads;
}

void benchFfn(std::vector<FfnRow> &rows) {
  std::vector<FfnShape> shapes;
  if (ffnShapes.empty()) {
    shapes = {{"BERT-base FFN1, 128 tokens", 128, 768, 3072, false},
              {"BERT-base FFN1, 512 tokens", 512, 768, 3072, false},
              {"GPT-2 small FFN1, 1024 tokens", 1024, 768, 3072, false},
              {"GPT-2 medium FFN1, 512 tokens", 512, 1024, 4096, false},
              {"T5 v1.1 GEGLU, 256 tokens", 256, 768, 2048, true}};
  } else {
    for (const std::string &spec : ffnShapes) {
      FfnShape s{spec, 0, 0, 0, spec[0] == 'g'};
      if (std::sscanf(spec.c_str() + (s.geglu ? 1 : 0), "%ldx%ldx%ld", &s.m,
                      &s.k, &s.n) != 3) {
        llvm::errs() << "gelu-bench: bad shape " << spec << "\n";
        std::exit(2);
      }
      shapes.push_back(s);
    }
  }
  omp_set_num_threads(1);
  setOneDnnThreads(1);
  for (const FfnShape &s : shapes) {
    std::mt19937_64 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    auto fillRandom = [&](std::vector<float> &v, float scale) {
      for (float &e : v)
        e = scale * normal(rng);
    };
    std::vector<float> x(s.m * s.k), w(s.k * s.n), b(s.n), v(s.k * s.n), c(s.n),
        y(s.m * s.n);
    fillRandom(x, 1.0f);
    fillRandom(w, 1.0f / std::sqrt(static_cast<float>(s.k)));
    fillRandom(b, 0.1f);
    fillRandom(v, 1.0f / std::sqrt(static_cast<float>(s.k)));
    fillRandom(c, 0.1f);
    double flops = (s.geglu ? 4.0 : 2.0) * s.m * s.n * s.k;
    auto record = [&](const std::string &kernel, double seconds) {
      // timeIt gives nanoseconds per "element"; here an element is a call.
      seconds *= 1e-9;
      rows.push_back({s.name, kernel, seconds, flops / seconds / 1e9});
    };
    struct Variant {
      const char *name;
      Epilogue epilogue;
      bool fuse;
    };
    InterleavedTimer timer;
    std::vector<std::unique_ptr<JitKernel>> compiled;
    MemRef2D X = MemRef2D::of(x.data(), s.m, s.k),
             W = MemRef2D::of(w.data(), s.k, s.n),
             V = MemRef2D::of(v.data(), s.k, s.n),
             Y = MemRef2D::of(y.data(), s.m, s.n);
    auto B = MemRef1D<float>::of(b.data(), s.n),
         C = MemRef1D<float>::of(c.data(), s.n);
    for (Variant variant : {Variant{"matmul only", Epilogue::None, false},
                            Variant{"unfused (3 nests)", Epilogue::Full, false},
                            Variant{"fused, no GELU", Epilogue::NoGelu, true},
                            Variant{"fused", Epilogue::Full, true}}) {
      GeluCpuPipelineOptions options;
      options.vectorWidth = vectorWidth;
      options.unroll = unroll;
      if (tileM)
        options.tileM = tileM;
      if (tileN)
        options.tileN = tileN;
      options.microM = microM;
      options.microN = microN;
      options.fuse = variant.fuse;
      auto kernel =
          JitKernel::compile(makeFfnSource(s, variant.epilogue), options);
      if (!kernel) {
        llvm::errs() << "gelu-bench: " << llvm::toString(kernel.takeError())
                     << "\n";
        std::exit(2);
      }
      auto fn = reinterpret_cast<FfnFn>(
          exitOnError((*kernel)->lookup("_mlir_ciface_ffn")));
      compiled.push_back(std::move(*kernel));
      timer.add(variant.name, [&, fn] { fn(&X, &W, &B, &V, &C, &Y); });
    }
#ifdef GELU_BENCH_HAVE_DNNL
    addOneDnn(timer, s, x, w, b, v, c, y);
#endif
    for (auto &[name, ns] : timer.run(1))
      record(name, ns);
  }
}

void printFfn(const std::vector<FfnRow> &rows) {
  llvm::outs() << "\n## FFN: matmul + bias + GELU (exact), f32, 1 thread\n\n"
               << "| shape | kernel | ms | GFLOP/s | x matmul only | x unfused "
                  "| / oneDNN |\n"
               << "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const FfnRow &row : rows) {
    const FfnRow *matmul = nullptr, *unfused = nullptr, *onednn = nullptr;
    for (const FfnRow &other : rows)
      if (other.shape == row.shape) {
        if (other.kernel == "matmul only")
          matmul = &other;
        if (other.kernel == "unfused (3 nests)")
          unfused = &other;
        if (llvm::StringRef(other.kernel).starts_with("oneDNN"))
          onednn = &other;
      }
    auto ratio = [&](const FfnRow *base, bool gflops) -> std::string {
      if (!base)
        return "";
      return llvm::formatv("{0:F2}", gflops ? row.gflops / base->gflops
                                            : row.seconds / base->seconds)
          .str();
    };
    llvm::outs() << "| " << row.shape << " | " << row.kernel << " | "
                 << llvm::formatv("{0:F3}", row.seconds * 1e3) << " | "
                 << llvm::formatv("{0:F1}", row.gflops) << " | "
                 << ratio(matmul, false) << " | " << ratio(unfused, false)
                 << " | " << ratio(onednn, true) << " |\n";
  }
  llvm::outs() << "\nGFLOP/s count 2MNK (GEGLU: 4MNK). x matmul only, x "
                  "unfused: time / that variant's time (the epilogue is free "
                  "at 1.00). fused, no GELU: the fused layer with GELU "
                  "replaced by h + h, so that its gap to fused is GELU's "
                  "arithmetic and its gap to matmul only the rest of the "
                  "epilogue (bias, loads and stores). / oneDNN: GFLOP/s / "
                  "oneDNN's, with oneDNN's bias and eltwise_gelu_erf post-op "
                  "(GEGLU: binary_mul). Buffers a kernel allocates come "
                  "from malloc's heap and are reused between calls (glibc's "
                  "mmap and trim thresholds raised), as with a framework's "
                  "caching allocator. Medians of "
               << repeats << " repeats.\n";
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(
      argc, argv, "gelu-bench: GELU throughput against rooflines and peers\n");
  if (types.empty())
    types.push_back("f32"), types.push_back("bf16");
  if (approximations.empty())
    approximations.push_back("exact"), approximations.push_back("tanh");
  if (sizes.empty())
    for (uint64_t n : {uint64_t(4) << 10, uint64_t(64) << 10, uint64_t(1) << 20,
                       uint64_t(16) << 20, uint64_t(64) << 20})
      sizes.push_back(n);
  HostInfo host = getHostInfo();
#ifdef __GLIBC__
  // The buffers kernels allocate on every call (the packed weight panels,
  // the unfused layer's intermediate tensors) come from the heap and are
  // reused, as with a framework's caching allocator. With glibc's defaults,
  // a freed buffer of a few MiB is trimmed off the heap or unmapped, and the
  // next call faults every page in again: the unfused BERT layer at 128
  // tokens then measured 1.6-1.7 times the matmul instead of 1.1, varying
  // from run to run.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
#endif
  if (threadCounts.empty())
    threadCounts.push_back("1"), threadCounts.push_back("all");

  llvm::outs() << "# gelu-bench\n\nhost: " << host.cpuName << " ["
               << host.vectorFeatures << "], " << host.threads
               << " hardware threads; vector width "
               << (vectorWidth ? vectorWidth.getValue() : host.f32VectorWidth)
               << " f32 lanes, unroll "
               << (unroll ? unroll.getValue() : getHostUnroll());
  unsigned logisticUnroll =
      getHostLogisticUnroll(resolveLogisticF32Core(logisticF32Core));
  if (!unroll && logisticUnroll != getHostUnroll())
    llvm::outs() << " (" << logisticUnroll << " for f32 and "
                 << getHostLogisticUnrollBf16()
                 << " for bf16 tanh mode with the logistic f32 core)";
  llvm::outs() << "\n";
  llvm::outs().flush();

  std::vector<Row> rows;
  std::vector<FfnRow> ffnRows;
  if (suite == "ffn" || suite == "all")
    benchFfn(ffnRows);
  if (suite == "elementwise" || suite == "all")
    for (const std::string &t : threadCounts) {
      unsigned threads = t == "all" ? host.threads : std::stoul(t);
      for (const std::string &type : types)
        for (const std::string &approximation : approximations) {
          if (type == "f32")
            benchType<float>(type, approximation, threads, rows);
          else if (type == "bf16")
            benchType<uint16_t>(type, approximation, threads, rows);
          else {
            llvm::errs() << "gelu-bench: unknown type " << type << "\n";
            return 2;
          }
        }
    }
  if (!rows.empty())
    print(rows);
  if (!ffnRows.empty())
    printFfn(ffnRows);
  if (!csvPath.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream csv(csvPath, ec);
    if (ec) {
      llvm::errs() << "gelu-bench: " << ec.message() << "\n";
      return 2;
    }
    csv << "type,approximation,threads,size,kernel,ns_per_element,gb_per_s\n";
    for (const Row &r : rows)
      csv << r.type << "," << r.approximation << "," << r.threads << ","
          << r.size << "," << r.kernel << ","
          << llvm::formatv("{0:E6},{1:F3}", r.nsPerElement, r.gbPerSecond)
          << "\n";
  }
  return 0;
}
