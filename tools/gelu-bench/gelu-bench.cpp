//===- gelu-bench.cpp - GELU throughput against rooflines and peers -*- C++ -*-===//
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
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace mlir::gelu;
namespace cl = llvm::cl;

static cl::list<std::string> types("types", cl::desc("f32, bf16"),
                                   cl::CommaSeparated);
static cl::list<std::string> approximations("approximations",
                                            cl::desc("exact, tanh"),
                                            cl::CommaSeparated);
static cl::list<uint64_t> sizes("sizes", cl::desc("elements"),
                                cl::CommaSeparated);
static cl::list<std::string>
    threadCounts("thread-counts", cl::desc("1 and/or 'all' (the cores)"),
                 cl::CommaSeparated);
static cl::opt<unsigned> repeats("repeats",
                                 cl::desc("timed repeats; the median is "
                                          "reported"),
                                 cl::init(11));
static cl::opt<double> minRepeatSeconds(
    "min-repeat-seconds",
    cl::desc("each repeat runs the kernel enough times to last this long"),
    cl::init(0.02));
static cl::opt<unsigned> vectorWidth("vector-width",
                                     cl::desc("0: the host's"), cl::init(0));
static cl::opt<unsigned> unroll("unroll", cl::init(1));
static cl::opt<std::string>
    csvPath("csv", cl::desc("also write the rows to this CSV file"));

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

struct Row {
  std::string type, approximation, kernel;
  unsigned threads;
  uint64_t size;
  double nsPerElement, gbPerSecond;
};

/// Median ns per element of `fn` on `n` elements.
template <typename Fn>
double timeIt(Fn &&fn, uint64_t n) {
  fn(); // warm up: page faults, caches, OpenMP threads
  auto start = Clock::now();
  fn();
  double once = std::chrono::duration<double>(Clock::now() - start).count();
  uint64_t inner = std::max<uint64_t>(
      1, static_cast<uint64_t>(minRepeatSeconds / std::max(once, 1e-9)));
  std::vector<double> samples;
  for (unsigned r = 0; r < repeats; ++r) {
    start = Clock::now();
    for (uint64_t i = 0; i < inner; ++i)
      fn();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    samples.push_back(seconds / inner / n * 1e9);
  }
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2,
                   samples.end());
  return samples[samples.size() / 2];
}

template <typename Storage>
std::unique_ptr<JitKernel> compile(const std::string &type,
                                   const std::string &body, unsigned threads,
                                   bool raise) {
  GeluCpuPipelineOptions options;
  options.raise = raise;
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
  std::vector<std::string> forms =
      approximation == "exact"
          ? std::vector<std::string>{"upstream-erf", "upstream-erfc"}
          : std::vector<std::string>{"upstream-tanh"};
  for (const std::string &form : forms)
    // The upstream forms are measured as upstream lowers them: not raised.
    kernels.emplace_back(form, compile<Storage>(
                                   type, makeUpstreamGeluBody(type, form),
                                   threads, /*raise=*/false));
  // The form a frontend emits, raised by gelu-raise (the pipeline default):
  // it should run as fast as gelu.gelu written directly.
  std::string frontendForm =
      approximation == "exact" ? "upstream-erf" : "upstream-tanh";
  kernels.emplace_back(frontendForm.substr(9) + " form, raised",
                       compile<Storage>(
                           type, makeUpstreamGeluBody(type, frontendForm),
                           threads, /*raise=*/true));

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
    auto record = [&](const std::string &name, double ns) {
      rows.push_back({type, approximation, name, threads, n, ns,
                      bytes / (ns * n)});
    };
    omp_set_num_threads(static_cast<int>(threads));

    // The roofline: copy the same bytes with the same threads.
    record("memcpy", timeIt(
                         [&] {
                           if (threads == 1) {
                             std::memcpy(y.data(), x.data(),
                                         n * sizeof(Storage));
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
                         },
                         n));

    for (auto &[name, kernel] : kernels) {
      auto fn = cantFail(kernel->lookupElementwise<Storage>("kernel"));
      record(name, timeIt(
                       [&] {
                         auto in = MemRef1D<Storage>::of(x.data(), n);
                         auto out = MemRef1D<Storage>::of(y.data(), n);
                         fn(&in, &out);
                       },
                       n));
    }

    // A scalar libm loop, as a C++ compiler writes GELU without a vector
    // library.
    if (threads == 1)
      record(approximation == "exact" ? "scalar libm erff" : "scalar libm tanhf",
             timeIt(
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
                           (1.0f + tanhf(0.7978846f *
                                         (v + 0.044715f * v * v * v)));
                     if constexpr (sizeof(Storage) == 2)
                       y[i] = toBF16(r);
                     else
                       y[i] = r;
                   }
                 },
                 n));
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
    auto key = std::make_tuple(row.type, row.approximation, row.threads,
                               row.size);
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
                   << llvm::format("| %-6s | %-17s | %9s | %8s | %9s | %9s "
                                   "| %9s |\n",
                                   "size", "kernel", "ns/elem", "GB/s",
                                   "x memcpy", "x upstream", "x libm")
                   << "|--------|-------------------|-----------|----------|"
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
          "| %-6s | %-17s | %9.4f | %8.2f | %9s | %9s | %9s |\n",
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

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
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
  if (threadCounts.empty())
    threadCounts.push_back("1"), threadCounts.push_back("all");

  llvm::outs() << "# gelu-bench\n\nhost: " << host.cpuName << " ["
               << host.vectorFeatures << "], " << host.threads
               << " hardware threads; vector width "
               << (vectorWidth ? vectorWidth.getValue() : host.f32VectorWidth)
               << " f32 lanes, unroll " << unroll << "\n";
  llvm::outs().flush();

  std::vector<Row> rows;
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
  print(rows);
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
