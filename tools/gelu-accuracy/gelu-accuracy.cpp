//===- gelu-accuracy.cpp - Accuracy sweep of compiled GELU ------*- C++ -*-===//
//
// Compiles a GELU kernel through gelu-cpu-pipeline and the JIT, runs it over
// inputs (every f32, bf16 or f16 bit pattern, or samples), and measures the
// error of each result in ulps against a reference computed independently:
//
//  * f32: GELU evaluated in double with glibc's erfc/exp (its error is below
//    1e-6 f32 ulp; --check-reference measures it against MPFR);
//  * f64, exact: long double erfcl with the rounding of -x/sqrt(2) corrected
//    to first order (MPFR's erfc takes 50-100 us, too slow for 10^8 inputs;
//    --check-reference measures this one against MPFR too);
//  * f64 tanh and sigmoid, bf16, f16: MPFR at 200 bits.
//
// A zero of the wrong sign (+0 where GELU(x < 0) underflows) counts as
// wrong, with an infinite error, though it is 0 ulps away.
//
// Prints the worst error per range of x, the special values, and (with
// --check-scalar) whether scalar code gives the same bits as vector code.
//
//===----------------------------------------------------------------------===//

#include "gelu/ExecutionEngine/JitKernel.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace mlir::gelu;
namespace cl = llvm::cl;

/// The options `--help` lists; LLVM's own (codegen, debugging) are hidden.
static cl::OptionCategory toolOptions("gelu-accuracy options");

/// Reports a failed kernel lookup (a symbol the JIT could not resolve) and
/// exits, instead of running a null function.
static llvm::ExitOnError exitOnError("gelu-accuracy: ");

static cl::opt<std::string> typeName("type", cl::cat(toolOptions),
                                     cl::desc("f32, f64, bf16 or f16"),
                                     cl::init("f32"));
static cl::opt<std::string>
    approximation("approximation", cl::cat(toolOptions),
                  cl::desc("exact, tanh or sigmoid (QuickGELU)"),
                  cl::init("exact"));
static cl::opt<std::string> kernelName(
    "kernel", cl::cat(toolOptions),
    cl::desc("gelu (gelu.gelu through the pipeline), or an upstream form for "
             "comparison: upstream-erf, upstream-erfc, upstream-tanh"),
    cl::init("gelu"));
static cl::opt<std::string> lowering("lowering", cl::cat(toolOptions),
                                     cl::desc("approximate or expand"),
                                     cl::init("approximate"));
static cl::opt<bool>
    exhaustive("exhaustive", cl::cat(toolOptions),
               cl::desc("every input of the type (f32: 2^32)"));
static cl::opt<uint64_t> samples("samples", cl::cat(toolOptions),
                                 cl::desc("random inputs"), cl::init(1 << 20));
static cl::opt<double>
    rangeLimit("range", cl::cat(toolOptions),
               cl::desc("samples are drawn from [-range, range]"), cl::init(0));
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
             "(gelu-cpu-pipeline's bf16-table, the default); "
             "--bf16-table=false checks the computed path"),
    cl::init(true));
static cl::opt<unsigned> vectorWidth("vector-width", cl::cat(toolOptions),
                                     cl::desc("0: the host's"), cl::init(0));
static cl::opt<bool> checkScalar(
    "check-scalar", cl::cat(toolOptions),
    cl::desc("also compile with vector-width=1 and compare the bits"));
static cl::opt<uint64_t> checkReference(
    "check-reference", cl::cat(toolOptions),
    cl::desc("compare the double reference with MPFR on this many inputs"),
    cl::init(0));
static cl::opt<double> maxUlp("max-ulp", cl::cat(toolOptions),
                              cl::desc("exit 1 when an error exceeds this"),
                              cl::init(-1));
static cl::opt<bool> requireCorrectRounding(
    "require-correct-rounding", cl::cat(toolOptions),
    cl::desc("exit 1 when a result is not the correctly rounded value"));
static cl::opt<unsigned> jobs("jobs", cl::cat(toolOptions),
                              cl::desc("worker threads; 0: all cores"),
                              cl::init(0));
static cl::opt<uint64_t> seed("seed", cl::cat(toolOptions),
                              cl::desc("seed of the random inputs (--samples)"),
                              cl::init(1));
static cl::opt<std::string> errorProfile(
    "error-profile", cl::cat(toolOptions),
    cl::desc("write the worst error per bin of x (over [-range, range]) to "
             "this CSV file, for plots"));
static cl::opt<unsigned> profileBins("profile-bins", cl::cat(toolOptions),
                                     cl::desc("bins of x in --error-profile"),
                                     cl::init(640));

namespace {

//===----------------------------------------------------------------------===//
// Formats
//===----------------------------------------------------------------------===//

struct Format {
  const char *name;
  unsigned bits;
  int precision; // significand bits, implicit one included
  int minExponent;
  const char *mlirType;
};

const Format kF32{"f32", 32, 24, -126, "f32"};
const Format kF64{"f64", 64, 53, -1022, "f64"};
const Format kBF16{"bf16", 16, 8, -126, "bf16"};
const Format kF16{"f16", 16, 11, -14, "f16"};

double decode(const Format &f, uint64_t bits) {
  if (f.bits == 64)
    return std::bit_cast<double>(bits);
  if (f.bits == 32)
    return std::bit_cast<float>(static_cast<uint32_t>(bits));
  if (f.precision == 8) // bf16
    return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
  // f16
  uint32_t h = static_cast<uint32_t>(bits);
  uint32_t sign = (h >> 15) & 1, exponent = (h >> 10) & 31, mantissa = h & 1023;
  double value;
  if (exponent == 0)
    value = std::ldexp(mantissa, -24);
  else if (exponent == 31)
    value = mantissa ? NAN : INFINITY;
  else
    value = std::ldexp(1024 + mantissa, static_cast<int>(exponent) - 25);
  return sign ? -value : value;
}

/// Bits of `value` in f64, f32 or bf16 (truncated; used for exact values).
uint64_t encode(const Format &f, double value) {
  if (f.bits == 64)
    return std::bit_cast<uint64_t>(value);
  uint32_t single = std::bit_cast<uint32_t>(static_cast<float>(value));
  return f.bits == 32 ? single : single >> 16;
}

//===----------------------------------------------------------------------===//
// References
//===----------------------------------------------------------------------===//

/// GELU of x in MPFR at 200 bits, for the formula `approx`.
void mpfrGelu(mpfr_t out, double x, const std::string &approx) {
  mpfr_t t, u, v;
  mpfr_inits2(200, t, u, v, (mpfr_ptr)0);
  mpfr_set_d(t, x, MPFR_RNDN);
  if (approx == "exact") {
    mpfr_sqrt_ui(u, 2, MPFR_RNDN);
    mpfr_div(u, t, u, MPFR_RNDN);
    mpfr_neg(u, u, MPFR_RNDN);
    mpfr_erfc(u, u, MPFR_RNDN);
    mpfr_mul(u, u, t, MPFR_RNDN);
    mpfr_div_ui(out, u, 2, MPFR_RNDN);
  } else if (approx == "tanh") {
    // 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), constants exact.
    mpfr_const_pi(u, MPFR_RNDN);
    mpfr_ui_div(u, 2, u, MPFR_RNDN);
    mpfr_sqrt(u, u, MPFR_RNDN);
    mpfr_set_str(v, "0.044715", 10, MPFR_RNDN);
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_add(v, v, t, MPFR_RNDN);
    mpfr_mul(v, v, u, MPFR_RNDN);
    mpfr_mul_si(v, v, -2, MPFR_RNDN);
    mpfr_exp(v, v, MPFR_RNDN);
    mpfr_add_ui(v, v, 1, MPFR_RNDN);
    mpfr_div(out, t, v, MPFR_RNDN);
  } else { // sigmoid: x / (1 + exp(-1.702 x))
    mpfr_set_str(v, "-1.702", 10, MPFR_RNDN);
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_exp(v, v, MPFR_RNDN);
    mpfr_add_ui(v, v, 1, MPFR_RNDN);
    mpfr_div(out, t, v, MPFR_RNDN);
  }
  mpfr_clears(t, u, v, (mpfr_ptr)0);
}

/// GELU of x in double with libm, for f32 results.
double doubleGelu(double x, const std::string &approx) {
  if (approx == "exact")
    return 0.5 * x * std::erfc(-x * M_SQRT1_2);
  if (approx == "tanh") {
    double u = 0.79788456080286535588 * (x + 0.044715 * x * x * x);
    return x / (1.0 + std::exp(-2.0 * u));
  }
  return x / (1.0 + std::exp(-1.702 * x));
}

/// Exact GELU of f64 x in long double: erfcl(z) at z = -x/sqrt(2) rounded to
/// long double, corrected by the first-order term of that rounding (erfc's
/// derivative is -2/sqrt(pi) exp(-z^2)); the residual is below 2^-60.
long double longDoubleGelu(double x) {
  // 1/sqrt(2) = cHi + cLo, cHi rounded to 64 significant bits (mpmath).
  const long double cHi = 0.70710678118654752440L;
  const long double cLo = 1.895032558893257079655e-20L;
  long double xl = x;
  long double z = -xl * cHi;
  long double dz = std::fma(-xl, cHi, -z) - xl * cLo;
  long double e = std::erfc(z);
  long double slope = 1.12837916709551257390L * std::exp(-z * z);
  return 0.5L * xl * (e - dz * slope);
}

/// Special values the op defines regardless of formula.
bool specialReference(double x, double &ref) {
  if (std::isnan(x)) {
    ref = NAN;
    return true;
  }
  if (std::isinf(x)) {
    ref = x < 0 ? -0.0 : x;
    return true;
  }
  if (x == 0) {
    ref = x;
    return true;
  }
  return false;
}

/// ulp of the format at |value|.
double ulpAt(const Format &f, double value) {
  int e = value == 0 ? f.minExponent : std::ilogb(value);
  return std::ldexp(1.0, std::max(e, f.minExponent) - (f.precision - 1));
}

/// Error of y in ulps of the format at the reference value.
struct Measured {
  double ulps;
  bool correctlyRounded;
};

enum class Reference { Double, LongDouble, Mpfr };

Measured measure(const Format &f, double x, double y, const std::string &approx,
                 Reference reference) {
  double special;
  if (specialReference(x, special)) {
    bool ok = std::isnan(special)
                  ? std::isnan(y)
                  : (y == special && std::signbit(y) == std::signbit(special));
    return {ok ? 0.0 : INFINITY, ok};
  }
  // A zero of the wrong sign is 0 ulps away but wrong: GELU(x) has x's
  // sign, so where it underflows for x < 0 the result is -0.
  auto wrongZero = [&](bool refNegative) {
    return y == 0 && std::signbit(y) != refNegative;
  };
  if (reference == Reference::Double) {
    double ref = doubleGelu(x, approx);
    if (std::isnan(y) || wrongZero(std::signbit(ref)))
      return {INFINITY, false};
    double err = std::fabs(y - ref) / ulpAt(f, ref);
    return {err, err <= 0.5};
  }
  if (reference == Reference::LongDouble) {
    long double ref = longDoubleGelu(x);
    if (std::isnan(y) || wrongZero(std::signbit(ref)))
      return {INFINITY, false};
    int e = ref == 0 ? f.minExponent : std::ilogb(ref);
    long double ulp =
        std::ldexp(1.0L, std::max(e, f.minExponent) - (f.precision - 1));
    double err = static_cast<double>(std::fabs(y - ref) / ulp);
    return {err, err <= 0.5};
  }
  mpfr_t ref, diff;
  mpfr_inits2(200, ref, diff, (mpfr_ptr)0);
  mpfrGelu(ref, x, approx);
  Measured m{INFINITY, false};
  if (!std::isnan(y) && !std::isinf(y) && !wrongZero(mpfr_signbit(ref))) {
    mpfr_set_d(diff, y, MPFR_RNDN);
    mpfr_sub(diff, diff, ref, MPFR_RNDN);
    double refD = mpfr_get_d(ref, MPFR_RNDN);
    long exponent;
    mpfr_get_d_2exp(&exponent, ref, MPFR_RNDN);
    // ref = m 2^exponent with 0.5 <= |m| < 1: ulp = 2^(exponent-1-(p-1)).
    int e = mpfr_zero_p(ref) ? f.minExponent : static_cast<int>(exponent) - 1;
    // diff / ulp in MPFR: near the subnormals, diff is below what a double
    // can hold.
    mpfr_mul_2si(diff, diff, (f.precision - 1) - std::max(e, f.minExponent),
                 MPFR_RNDN);
    m.ulps = std::fabs(mpfr_get_d(diff, MPFR_RNDN));
    (void)refD;
    // Decided in MPFR, not on the double ulps: where the reference lies just
    // off a midpoint (bf16 GELU(x) for subnormal x is x/2 plus about 2^-130
    // of an ulp), the wrong neighbour is 0.5 ulps away once rounded to a
    // double.
    mpfr_abs(diff, diff, MPFR_RNDN);
    m.correctlyRounded = mpfr_cmp_ui_2exp(diff, 1, -1) <= 0;
  }
  mpfr_clears(ref, diff, (mpfr_ptr)0);
  return m;
}

//===----------------------------------------------------------------------===//
// Statistics per range
//===----------------------------------------------------------------------===//

struct Range {
  const char *name;
  double lo, hi;
};
const Range kRanges[] = {
    {"x < -10", -INFINITY, -10},
    {"[-10, -5)", -10, -5},
    {"[-5, -3)", -5, -3},
    {"[-3, -1)", -3, -1},
    {"[-1, 0)", -1, 0},
    {"[0, 1)", 0, 1},
    {"[1, 3)", 1, 3},
    {"[3, 10)", 3, 10},
    {"x >= 10", 10, INFINITY},
};
constexpr unsigned kNumRanges = sizeof(kRanges) / sizeof(kRanges[0]);

struct Stats {
  uint64_t count[kNumRanges] = {};
  double worst[kNumRanges] = {};
  double worstX[kNumRanges] = {};
  uint64_t specials = 0, specialFailures = 0;
  uint64_t notCorrectlyRounded = 0;
  std::vector<double> roundingExceptions;
  uint64_t scalarMismatches = 0;
  std::vector<double> profile;

  void merge(const Stats &o) {
    if (profile.size() < o.profile.size())
      profile.resize(o.profile.size(), 0.0);
    for (size_t i = 0; i < o.profile.size(); ++i)
      profile[i] = std::max(profile[i], o.profile[i]);
    for (unsigned i = 0; i < kNumRanges; ++i) {
      count[i] += o.count[i];
      if (o.worst[i] > worst[i]) {
        worst[i] = o.worst[i];
        worstX[i] = o.worstX[i];
      }
    }
    specials += o.specials;
    specialFailures += o.specialFailures;
    notCorrectlyRounded += o.notCorrectlyRounded;
    roundingExceptions.insert(roundingExceptions.end(),
                              o.roundingExceptions.begin(),
                              o.roundingExceptions.end());
    scalarMismatches += o.scalarMismatches;
  }
};

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

template <typename Storage>
std::unique_ptr<JitKernel> compileKernel(const Format &f, unsigned width) {
  std::string body = kernelName == "gelu"
                         ? makeGeluBody(f.mlirType, approximation)
                         : makeUpstreamGeluBody(f.mlirType, kernelName);
  std::string source = makeElementwiseKernelSource("kernel", f.mlirType, body);
  GeluCpuPipelineOptions options;
  options.vectorWidth = width;
  options.exactF32Core = exactF32Core;
  options.logisticF32Core = logisticF32Core;
  options.tableLookup = tableLookup;
  options.bf16Table = bf16Table;
  // The upstream forms are measured as upstream lowers them, not raised.
  options.raise = kernelName == "gelu";
  if (lowering == "expand")
    options.geluLowering = GeluLowering::Expand;
  auto kernel = JitKernel::compile(source, options);
  if (!kernel) {
    llvm::errs() << "gelu-accuracy: " << llvm::toString(kernel.takeError())
                 << "\n";
    std::exit(2);
  }
  return std::move(*kernel);
}

//===----------------------------------------------------------------------===//
// The sweep
//===----------------------------------------------------------------------===//

template <typename Storage> int run(const Format &f) {
  HostInfo host = getHostInfo();
  unsigned width = vectorWidth ? vectorWidth : host.f32VectorWidth;
  std::unique_ptr<JitKernel> vectorKernel = compileKernel<Storage>(f, width);
  std::unique_ptr<JitKernel> scalarKernel;
  if (checkScalar)
    scalarKernel = compileKernel<Storage>(f, 1);
  auto fn = exitOnError(vectorKernel->lookupElementwise<Storage>("kernel"));
  JitKernel::ElementwiseFn<Storage> scalarFn = nullptr;
  if (scalarKernel)
    scalarFn = exitOnError(scalarKernel->lookupElementwise<Storage>("kernel"));

  Reference reference = f.bits == 32               ? Reference::Double
                        : f.bits == 16             ? Reference::Mpfr
                        : approximation == "exact" ? Reference::LongDouble
                                                   : Reference::Mpfr;
  uint64_t total = exhaustive ? (uint64_t(1) << f.bits) : samples.getValue();
  constexpr uint64_t kChunk = 1 << 16;
  uint64_t chunks = (total + kChunk - 1) / kChunk;
  double limit =
      rangeLimit > 0 ? rangeLimit.getValue() : (f.bits == 64 ? 40.0 : 16.0);

  llvm::outs() << "gelu-accuracy: " << kernelName << " " << approximation << " "
               << f.name << ", lowering " << lowering << ", "
               << (exhaustive ? "every input" : "random inputs") << " ("
               << total << "), vector width " << width << ", host "
               << host.cpuName << " [" << host.vectorFeatures << "]\n"
               << "reference: "
               << (reference == Reference::Mpfr ? "MPFR, 200 bits"
                   : reference == Reference::Double
                       ? "double with glibc erfc/exp (see --check-reference)"
                       : "long double erfcl, corrected (see "
                         "--check-reference)")
               << "\n";
  llvm::outs().flush();

  std::atomic<uint64_t> next{0};
  std::mutex mutex;
  Stats all;
  unsigned workers = jobs ? jobs.getValue() : host.threads;
  auto worker = [&]() {
    std::vector<Storage> x(kChunk), y(kChunk), z(kChunk);
    Stats stats;
    if (!errorProfile.empty())
      stats.profile.assign(profileBins, 0.0);
    for (uint64_t chunk; (chunk = next++) < chunks;) {
      // Seeded per chunk, not per worker: the same inputs whichever worker
      // takes the chunk, so a sampled sweep is reproducible on any number
      // of cores.
      std::mt19937_64 rng(seed * 1000003 + chunk);
      std::uniform_real_distribution<double> uniform(-limit, limit);
      uint64_t begin = chunk * kChunk;
      uint64_t n = std::min(kChunk, total - begin);
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t bits;
        if (exhaustive) {
          bits = begin + i;
        } else {
          // Half uniform in [-limit, limit], half any bit pattern (all
          // binades, the tails, specials).
          if (i % 2 == 0) {
            double v = uniform(rng);
            if (f.bits == 64)
              bits = std::bit_cast<uint64_t>(v);
            else if (f.bits == 32)
              bits = std::bit_cast<uint32_t>(static_cast<float>(v));
            else
              bits = std::bit_cast<uint32_t>(static_cast<float>(v)) >>
                     (f.precision == 8 ? 16 : 0);
            if (f.precision == 11) // f16: from a random pattern instead
              bits = rng() & 0xFFFF;
          } else {
            bits = rng();
          }
        }
        std::memcpy(&x[i], &bits, sizeof(Storage));
      }
      // Samples always include the special values and the extremes.
      if (!exhaustive && chunk == 0 && f.precision != 11) {
        const double specials[] = {0.0,     -0.0,  INFINITY, -INFINITY,
                                   NAN,     1.0,   -1.0,     3.0e38,
                                   -3.0e38, 1e-40, -1e-40};
        for (size_t i = 0; i < std::size(specials) && i < n; ++i) {
          uint64_t bits = encode(f, specials[i]);
          std::memcpy(&x[i], &bits, sizeof(Storage));
        }
      }
      auto in = MemRef1D<Storage>::of(x.data(), n);
      auto out = MemRef1D<Storage>::of(y.data(), n);
      fn(&in, &out);
      if (scalarFn) {
        auto out2 = MemRef1D<Storage>::of(z.data(), n);
        scalarFn(&in, &out2);
        for (uint64_t i = 0; i < n; ++i)
          if (std::memcmp(&y[i], &z[i], sizeof(Storage)) != 0) {
            if (stats.scalarMismatches++ < 3) {
              uint64_t xb = 0, yb = 0, zb = 0;
              std::memcpy(&xb, &x[i], sizeof(Storage));
              std::memcpy(&yb, &y[i], sizeof(Storage));
              std::memcpy(&zb, &z[i], sizeof(Storage));
              llvm::errs() << llvm::format(
                  "  scalar differs: x = %.17g: vector %.17g, scalar %.17g\n",
                  decode(f, xb), decode(f, yb), decode(f, zb));
            }
          }
      }
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t xb = 0, yb = 0;
        std::memcpy(&xb, &x[i], sizeof(Storage));
        std::memcpy(&yb, &y[i], sizeof(Storage));
        double xv = decode(f, xb), yv = decode(f, yb);
        double special;
        Measured m = measure(f, xv, yv, approximation, reference);
        if (specialReference(xv, special)) {
          ++stats.specials;
          if (m.ulps != 0)
            ++stats.specialFailures;
          continue;
        }
        if (!m.correctlyRounded) {
          ++stats.notCorrectlyRounded;
          if (f.bits == 16 && stats.roundingExceptions.size() < 20)
            stats.roundingExceptions.push_back(xv);
        }
        unsigned r = 0;
        while (r + 1 < kNumRanges && !(xv < kRanges[r].hi))
          ++r;
        ++stats.count[r];
        if (!stats.profile.empty() && std::fabs(xv) < limit) {
          auto bin = static_cast<size_t>((xv + limit) / (2 * limit) *
                                         stats.profile.size());
          bin = std::min(bin, stats.profile.size() - 1);
          stats.profile[bin] = std::max(stats.profile[bin], m.ulps);
        }
        if (m.ulps > stats.worst[r] || std::isnan(m.ulps)) {
          stats.worst[r] = m.ulps;
          stats.worstX[r] = xv;
        }
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    all.merge(stats);
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < workers; ++i)
    pool.emplace_back(worker);
  for (std::thread &t : pool)
    t.join();

  double overall = 0;
  llvm::outs() << llvm::format("%-12s %14s %12s   %s\n", "range of x", "inputs",
                               "max ulp", "at x");
  for (unsigned r = 0; r < kNumRanges; ++r) {
    overall = std::max(overall, all.worst[r]);
    llvm::outs() << llvm::format(
        "%-12s %14llu %12.4g   %.17g\n", kRanges[r].name,
        (unsigned long long)all.count[r], all.worst[r], all.worstX[r]);
  }
  llvm::outs() << llvm::format("%-12s %14llu %12.4g\n", "all finite",
                               (unsigned long long)(total - all.specials),
                               overall);
  llvm::outs() << "special values (NaN, +-inf, +-0): " << all.specials
               << " inputs, " << all.specialFailures << " wrong\n";
  llvm::outs() << "correctly rounded: "
               << (total - all.specials - all.notCorrectlyRounded) << " of "
               << (total - all.specials) << "\n";
  for (double x : all.roundingExceptions)
    llvm::outs() << llvm::format("  not correctly rounded: x = %.9g\n", x);
  if (checkScalar)
    llvm::outs() << "scalar vs vector-width " << width << ": "
                 << all.scalarMismatches << " results differ\n";

  if (!errorProfile.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream csv(errorProfile, ec);
    if (ec) {
      llvm::errs() << "gelu-accuracy: " << ec.message() << "\n";
      return 2;
    }
    csv << "x_low,x_high,max_ulp\n";
    for (size_t i = 0; i < all.profile.size(); ++i) {
      double lo = -limit + 2 * limit * i / all.profile.size();
      double hi = -limit + 2 * limit * (i + 1) / all.profile.size();
      csv << llvm::format("%.6g,%.6g,%.6g\n", lo, hi, all.profile[i]);
    }
  }

  bool failed = all.specialFailures != 0 || all.scalarMismatches != 0 ||
                (maxUlp >= 0 && overall > maxUlp) ||
                (requireCorrectRounding && all.notCorrectlyRounded != 0);
  llvm::outs() << (failed ? "FAIL" : "PASS") << "\n";
  return failed ? 1 : 0;
}

/// Measures the libm references against MPFR on `count` inputs: the double
/// reference of f32 results, and the long double reference of f64 exact
/// results.
int checkLibmReference(uint64_t count) {
  bool f64 = typeName == "f64";
  if (f64 && approximation != "exact") {
    llvm::outs() << "reference check: f64 " << approximation
                 << " uses MPFR itself\n";
    return 0;
  }
  const Format &f = f64 ? kF64 : kF32;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(f64 ? -40 : -16,
                                                 f64 ? 40 : 16);
  double worst = 0, worstX = 0;
  mpfr_t ref, diff;
  mpfr_inits2(200, ref, diff, (mpfr_ptr)0);
  for (uint64_t i = 0; i < count; ++i) {
    double x = uniform(rng);
    if (i % 2 == 0)
      x = f64 ? std::bit_cast<double>(rng())
              : std::bit_cast<float>(static_cast<uint32_t>(rng()));
    if (!f64)
      x = static_cast<float>(x);
    if (!std::isfinite(x) || x == 0)
      continue;
    mpfrGelu(ref, x, approximation);
    long double approx =
        f64 ? longDoubleGelu(x) : (long double)doubleGelu(x, approximation);
    long exponent;
    mpfr_get_d_2exp(&exponent, ref, MPFR_RNDN);
    if (mpfr_zero_p(ref))
      continue;
    mpfr_set_ld(diff, approx, MPFR_RNDN);
    mpfr_sub(diff, diff, ref, MPFR_RNDN);
    int e = std::max(static_cast<int>(exponent) - 1, f.minExponent);
    mpfr_mul_2si(diff, diff, (f.precision - 1) - e, MPFR_RNDN);
    double err = std::fabs(mpfr_get_d(diff, MPFR_RNDN));
    if (err > worst) {
      worst = err;
      worstX = x;
    }
  }
  mpfr_clears(ref, diff, (mpfr_ptr)0);
  llvm::outs() << llvm::format(
      "reference check: %s %s GELU vs MPFR on %llu inputs: worst %.3g %s ulp "
      "(at x = %.17g)\n",
      f64 ? "long double" : "double", approximation.c_str(),
      (unsigned long long)count, worst, f.name, worstX);
  return worst < 0.01 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(
      argc, argv,
      "gelu-accuracy: error of compiled GELU against high-precision "
      "references\n");
  if (approximation != "exact" && approximation != "tanh" &&
      approximation != "sigmoid") {
    llvm::errs() << "gelu-accuracy: unknown approximation '" << approximation
                 << "'\n";
    return 2;
  }
  if (checkReference) {
    int rc = checkLibmReference(checkReference);
    if (rc)
      return rc;
  }
  if (typeName == "f32")
    return run<float>(kF32);
  if (typeName == "f64")
    return run<double>(kF64);
  if (typeName == "bf16")
    return run<uint16_t>(kBF16);
  if (typeName == "f16")
    return run<uint16_t>(kF16);
  llvm::errs() << "gelu-accuracy: unknown type '" << typeName << "'\n";
  return 2;
}
