#!/usr/bin/env python3
"""Whether non-temporal stores would lift the 64Mi roofline of the CPU pipeline.

Usage: python3 scripts/nontemporal-stores.py [--approximation tanh]
           [--calls 11] [--rounds 3] [--skip-pipeline]

glibc's memcpy writes large copies with non-temporal stores: they do not
read the written lines first. The pipeline's stores are ordinary ones, so
each written line is read from DRAM first. That is the gap between
gelu-bench's `memcpy` and `-x (same pipeline)` rows at 64Mi elements. This
script measures whether non-temporal stores would close it, in two parts.

1. A C loop over 64Mi f32 elements on all cores (OpenMP), in one process:
   memcpy, then y = -x and y = f(x) with W chained FMAs per vector (W = 8,
   24, 40), each with ordinary and with non-temporal stores
   (`_mm512_stream_ps`; it needs AVX-512).
2. GELU through the real pipeline with `parallel=true`, as compiled by
   build/bin/gelu-opt, against the same output with its vector stores
   marked `nontemporal` and 64-byte aligned. `scripts/ab-ffn.py --kernel
   gelu` times both in one process, with buffers from aligned_alloc(64). A
   wrapper around gelu-opt marks the stores in the LLVM dialect output.

Nothing here changes the pipeline. This is the measurement behind the
paragraph on non-temporal stores in docs/Pipelines.md.
"""

import argparse
import importlib.util
import os
import stat
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LLVM_LIB = "/usr/lib/llvm-22/lib"

# The C drivers' headers, clock and median order: scripts/ab-ffn.py's.
_spec = importlib.util.spec_from_file_location(
    "ab_ffn", os.path.join(ROOT, "scripts", "ab-ffn.py"))
ab_ffn = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ab_ffn)

LOOPS = ab_ffn.DRIVER_COMMON + r"""
#include <immintrin.h>
#include <omp.h>
static const long n = 64L << 20;
static float *x, *y;
/* W dependent FMAs on one vector: arithmetic between the loads and stores. */
#define WORK(W)                                                                \
  static inline __m512 work##W(__m512 v) {                                     \
    __m512 b = _mm512_set1_ps(0.999f), c = _mm512_set1_ps(1e-3f);              \
    for (int k = 0; k < W; ++k)                                                \
      v = _mm512_fmadd_ps(v, b, c);                                            \
    return v;                                                                  \
  }
WORK(0) WORK(8) WORK(24) WORK(40)
#define LOOP(NAME, W, STORE)                                                   \
  static void NAME(long b, long e) {                                           \
    for (long i = b; i < e; i += 64)                                           \
      for (int v = 0; v < 64; v += 16)                                         \
        STORE(y + i + v, work##W(_mm512_sub_ps(_mm512_setzero_ps(),            \
                                               _mm512_load_ps(x + i + v))));   \
  }
LOOP(neg, 0, _mm512_store_ps) LOOP(neg_nt, 0, _mm512_stream_ps)
LOOP(w8, 8, _mm512_store_ps) LOOP(w8_nt, 8, _mm512_stream_ps)
LOOP(w24, 24, _mm512_store_ps) LOOP(w24_nt, 24, _mm512_stream_ps)
LOOP(w40, 40, _mm512_store_ps) LOOP(w40_nt, 40, _mm512_stream_ps)
static void copy(long b, long e) { memcpy(y + b, x + b, (e - b) * 4); }
typedef void (*Loop)(long, long);
int main(void) {
  Loop loops[] = {copy, neg, neg_nt, w8, w8_nt, w24, w24_nt, w40, w40_nt};
  const char *names[] = {"memcpy", "-x", "-x, non-temporal",
                         "8 FMAs", "8 FMAs, non-temporal",
                         "24 FMAs", "24 FMAs, non-temporal",
                         "40 FMAs", "40 FMAs, non-temporal"};
  enum { kLoops = sizeof(loops) / sizeof(loops[0]), kCalls = 9 };
  x = aligned_alloc(64, n * 4);
  y = aligned_alloc(64, n * 4);
  for (long i = 0; i < n; ++i)
    x[i] = (float)(i % 1000) * 0.5f, y[i] = 0;
  double times[kLoops][kCalls];
  for (int c = 0; c < kCalls; ++c)
    for (int l = 0; l < kLoops; ++l) {
      double start = now();
#pragma omp parallel
      {
        long chunk = n / omp_get_num_threads();
        long begin = omp_get_thread_num() * chunk;
        loops[l](begin, begin + chunk);
      }
      times[l][c] = (now() - start) / n * 1e9;
    }
  printf("| loop | ns/element | x ordinary stores | x memcpy |\n"
         "| --- | ---: | ---: | ---: |\n");
  double medians[kLoops];
  for (int l = 0; l < kLoops; ++l) {
    qsort(times[l], kCalls, sizeof(double), cmp);
    medians[l] = times[l][kCalls / 2];
  }
  for (int l = 0; l < kLoops; ++l) {
    printf("| %s | %.4f | ", names[l], medians[l]);
    if (l >= 1 && l % 2 == 0)
      printf("x%.3f", medians[l] / medians[l - 1]);
    printf(" | x%.3f |\n", medians[l] / medians[0]);
  }
  return 0;
}
"""

# gelu-opt, with the vector stores of its LLVM dialect output marked
# non-temporal and 64-byte aligned (true of the main loop's stores: the
# buffers are aligned_alloc(64) and each thread's tiles start at multiples
# of 16 f32 lanes).
WRAPPER = """#!/bin/sh
{gelu_opt} "$@" | sed -E \
  's/llvm.store (%[0-9]+), (%[0-9]+) \\{{alignment = 4 : i64\\}} : vector<([0-9]+)xf32>/llvm.store \\1, \\2 {{alignment = 64 : i64, nontemporal}} : vector<\\3xf32>/'
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--approximation", default="tanh",
                        choices=["exact", "tanh"])
    parser.add_argument("--calls", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-pipeline", action="store_true",
                        help="only the C loops (part 1)")
    args = parser.parse_args()
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"],
                         capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "loops.c")
        with open(source, "w") as f:
            f.write(LOOPS)
        program = os.path.join(tmp, "loops")
        subprocess.run(["clang-22", "-O2", "-march=native", "-fopenmp",
                        source, "-o", program, f"-L{LLVM_LIB}",
                        f"-Wl,-rpath,{LLVM_LIB}"], check=True)
        print(f"# 1. C loops over 64Mi f32 on all cores, {cpu}; medians of "
              "9 calls, the loops called in turn")
        sys.stdout.flush()
        subprocess.run([program], check=True)
        if args.skip_pipeline:
            return
        wrapper = os.path.join(tmp, "gelu-opt-nontemporal")
        with open(wrapper, "w") as f:
            f.write(WRAPPER.format(
                gelu_opt=os.path.join(ROOT, "build", "bin", "gelu-opt")))
        os.chmod(wrapper, os.stat(wrapper).st_mode | stat.S_IEXEC)
        print(f"\n# 2. {args.approximation} GELU on 64Mi f32, parallel=true:"
              " before = ordinary stores, after = non-temporal stores")
        sys.stdout.flush()
        gelu_opt = os.path.join(ROOT, "build", "bin", "gelu-opt")
        subprocess.run([sys.executable,
                        os.path.join(ROOT, "scripts", "ab-ffn.py"),
                        "--kernel", "gelu", "--approximation",
                        args.approximation, "--size", str(64 << 20),
                        "--before", gelu_opt, "--after", wrapper,
                        "--before-options", "parallel=true",
                        "--after-options", "parallel=true",
                        "--upstream-options", "parallel=true",
                        "--calls", str(args.calls),
                        "--rounds", str(args.rounds)], check=True)


if __name__ == "__main__":
    main()
