#!/usr/bin/env python3
"""Times one FFN layer (or one GELU kernel) as compiled by two builds of gelu-opt, in one process.

Usage: python3 scripts/ab-ffn.py --before OLD/bin/gelu-opt --after build/bin/gelu-opt
           [--shape 512x768x3072] [--calls 41] [--rounds 4]
       python3 scripts/ab-ffn.py --kernel gelu --before ... --after ...
           [--size 65536] [--approximation exact]
           [--before-options unroll=3 --after-options unroll=7]

Comparing two builds with two runs of `gelu-bench` mixes the change with
the machine's drift between runs (several percent on a shared host). This
script compiles the same layers (the matmul alone, and matmul + bias + exact
GELU through the default, fused pipeline) with both compilers, links the
four functions into one program with a C driver, calls them in turn and
prints the median time of each per round, and the after / before ratios.
With --kernel gelu it does the same for elementwise GELU on --size f32 (or
--type bf16) elements (L2-resident at the default 64Ki, where the arithmetic sets the
time), with upstream's math.erf (or math.tanh) form compiled by the after
build as a third function, the reference of issue 3's speed target.
"""

import argparse
import os
import subprocess
import sys
import tempfile

LLVM_BIN = "/usr/lib/llvm-22/bin"
LLVM_LIB = "/usr/lib/llvm-22/lib"

LAYER = """#rows = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @NAME(%xm: memref<@Mx@Kxf32>, %wm: memref<@Kx@Nxf32>, %bm: memref<@Nxf32>,
                %ym: memref<@Mx@Nxf32>) {
  %x = bufferization.to_tensor %xm restrict : memref<@Mx@Kxf32> to tensor<@Mx@Kxf32>
  %w = bufferization.to_tensor %wm restrict : memref<@Kx@Nxf32> to tensor<@Kx@Nxf32>
  %b = bufferization.to_tensor %bm restrict : memref<@Nxf32> to tensor<@Nxf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<@Mx@Nxf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<@Mx@Nxf32>) -> tensor<@Mx@Nxf32>
  %mm = linalg.matmul ins(%x, %w : tensor<@Mx@Kxf32>, tensor<@Kx@Nxf32>)
                      outs(%acc : tensor<@Mx@Nxf32>) -> tensor<@Mx@Nxf32>
BODY  bufferization.materialize_in_destination %RESULT in restrict writable %ym
      : (tensor<@Mx@Nxf32>, memref<@Mx@Nxf32>) -> ()
  return
}
"""

EPILOGUE = """  %he = tensor.empty() : tensor<@Mx@Nxf32>
  %h = linalg.generic {indexing_maps = [#rows, #bias, #rows],
                       iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<@Mx@Nxf32>, tensor<@Nxf32>) outs(%he : tensor<@Mx@Nxf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<@Mx@Nxf32>
  %g = gelu.gelu %h : tensor<@Mx@Nxf32>
"""

# What both C drivers share: the headers, a clock and the median's order.
DRIVER_COMMON = r"""
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}
static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
"""

DRIVER = DRIVER_COMMON + r"""
#define ARGS2(p, a, b) p, p, 0L, (long)(a), (long)(b), (long)(b), 1L
#define ARGS1(p, a) p, p, 0L, (long)(a), 1L
#define DECL(f) void f(float *, float *, long, long, long, long, long,         \
                       float *, float *, long, long, long, long, long,         \
                       float *, float *, long, long, long, float *, float *,   \
                       long, long, long, long, long);
DECL(matmul_before) DECL(matmul_after) DECL(layer_before) DECL(layer_after)
typedef void (*Fn)(float *, float *, long, long, long, long, long, float *,
                   float *, long, long, long, long, long, float *, float *,
                   long, long, long, float *, float *, long, long, long, long,
                   long);
int main(int argc, char **argv) {
  long m = M, k = K, n = N;
  int calls = atoi(argv[1]), rounds = atoi(argv[2]);
  float *x = aligned_alloc(64, m * k * 4), *w = aligned_alloc(64, k * n * 4);
  float *b = aligned_alloc(64, n * 4), *y = aligned_alloc(64, m * n * 4);
  srand(1);
  for (long i = 0; i < m * k; ++i) x[i] = rand() / (float)RAND_MAX - 0.5f;
  for (long i = 0; i < k * n; ++i) w[i] = rand() / (float)RAND_MAX - 0.5f;
  for (long i = 0; i < n; ++i) b[i] = rand() / (float)RAND_MAX - 0.5f;
  memset(y, 0, m * n * 4);
  Fn fns[4] = {matmul_before, matmul_after, layer_before, layer_after};
  double *times = malloc(sizeof(double) * 4 * calls);
  for (int round = 0; round < rounds; ++round) {
    for (int c = 0; c < calls; ++c)
      for (int f = 0; f < 4; ++f) {
        double t = now();
        fns[f](ARGS2(x, m, k), ARGS2(w, k, n), ARGS1(b, n), ARGS2(y, m, n));
        times[f * calls + c] = now() - t;
      }
    double med[4];
    for (int f = 0; f < 4; ++f) {
      qsort(times + f * calls, calls, sizeof(double), cmp);
      med[f] = times[f * calls + calls / 2] * 1e3;
    }
    printf("round %d: matmul %.3f -> %.3f ms (x%.3f), layer %.3f -> %.3f ms "
           "(x%.3f)\n",
           round + 1, med[0], med[1], med[1] / med[0], med[2], med[3],
           med[3] / med[2]);
  }
  return 0;
}
"""


KERNEL = """func.func @NAME(%xm: memref<?xf32>, %ym: memref<?xf32>) {
  %x = bufferization.to_tensor %xm restrict : memref<?xf32> to tensor<?xf32>
BODY  bufferization.materialize_in_destination %y in restrict writable %ym
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}
"""

GELU_BODY = "  %y = gelu.gelu %x approximation = APPROX : tensor<?xf32>\n"

# The forms frontends emit (as gelu-bench's upstream rows, which
# makeUpstreamGeluBody in lib/ExecutionEngine/JitKernel.cpp writes), left to
# upstream's polynomial approximations with raise=false: an elementwise
# linalg.generic over %x whose body computes %g from %v.
UPSTREAM_GENERIC = """  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
CONSTANTS  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]} ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%v: f32, %o: f32):
    %h = arith.mulf %v, %half : f32
ELEMENT    %s = arith.addf %r, %one : f32
    %g = arith.mulf %h, %s : f32
    linalg.yield %g : f32
  } -> tensor<?xf32>
"""

# Per form: its constants, and the ops from %v to %r (erf or tanh of the
# scaled operand).
UPSTREAM_FORMS = {
    "exact": ("""  %rsqrt2 = arith.constant 0.70710678118654752 : f32
""", """    %a = arith.mulf %v, %rsqrt2 : f32
    %r = math.erf %a : f32
"""),
    "tanh": ("""  %k0 = arith.constant 0.7978845608028654 : f32
  %k1 = arith.constant 0.044715 : f32
""", """    %v2 = arith.mulf %v, %v : f32
    %v3 = arith.mulf %v2, %v : f32
    %c = arith.mulf %v3, %k1 : f32
    %i = arith.addf %v, %c : f32
    %u = arith.mulf %i, %k0 : f32
    %r = math.tanh %u : f32
"""),
}


def upstream_body(approximation):
    constants, element = UPSTREAM_FORMS[approximation]
    return UPSTREAM_GENERIC.replace("CONSTANTS", constants).replace(
        "ELEMENT", element)


KERNEL_DRIVER = DRIVER_COMMON + r"""
#define ARGS1(p, a) p, p, 0L, (long)(a), 1L
#define DECL(f) void f(ELEMENT *, ELEMENT *, long, long, long, ELEMENT *,      \
                       ELEMENT *, long, long, long);
DECL(upstream) DECL(gelu_before) DECL(gelu_after)
typedef void (*Fn)(ELEMENT *, ELEMENT *, long, long, long, ELEMENT *,
                   ELEMENT *, long, long, long);
int main(int argc, char **argv) {
  long n = SIZE;
  int calls = atoi(argv[1]), rounds = atoi(argv[2]);
  ELEMENT *x = aligned_alloc(64, n * sizeof(ELEMENT) + 64);
  /* The output moved OUTPUT_OFFSET bytes past its aligned start (2048:
     off the input's page offset, so no 4 KiB aliasing between them). */
  ELEMENT *y = (ELEMENT *)((char *)aligned_alloc(
                               64, n * sizeof(ELEMENT) + 64 + OUTPUT_OFFSET) +
                           OUTPUT_OFFSET);
  srand(1);
  for (long i = 0; i < n; ++i) { /* N(0, SIGMA^2); gelu-bench's: 2 */
    float u = (rand() + 1.0f) / (RAND_MAX + 2.0f);
    float v = (rand() + 1.0f) / (RAND_MAX + 2.0f);
    float value = SIGMA * sqrtf(-2 * logf(u)) * cosf(6.2831853f * v);
#ifdef BF16 /* rounded to nearest even bf16 (no NaN among the inputs) */
    unsigned bits;
    memcpy(&bits, &value, 4);
    x[i] = (unsigned short)((bits + 0x7fff + ((bits >> 16) & 1)) >> 16);
#else
    x[i] = value;
#endif
  }
  Fn fns[3] = {upstream, gelu_before, gelu_after};
  /* Each timed call runs the kernel enough times to last about 1 ms. */
  long repeat = 1 + 1000000 / n;
  double *times = malloc(sizeof(double) * 3 * calls);
  for (int round = 0; round < rounds; ++round) {
    for (int c = 0; c < calls; ++c)
      for (int f = 0; f < 3; ++f) {
        double t = now();
        for (long r = 0; r < repeat; ++r)
          fns[f](ARGS1(x, n), ARGS1(y, n));
        times[f * calls + c] = (now() - t) / repeat / n * 1e9;
      }
    double med[3];
    for (int f = 0; f < 3; ++f) {
      qsort(times + f * calls, calls, sizeof(double), cmp);
      med[f] = times[f * calls + calls / 2];
    }
    printf("round %d: upstream %.4f, before %.4f -> after %.4f ns/element "
           "(x%.3f); / upstream: %.3f -> %.3f\n",
           round + 1, med[0], med[1], med[2], med[2] / med[1],
           med[1] / med[0], med[2] / med[0]);
  }
  return 0;
}
"""


def compile_layer(gelu_opt, source, options, out):
    lowered = subprocess.run(
        [gelu_opt, "-", "--gelu-cpu-pipeline=" + options],
        input=source, capture_output=True, text=True, check=True).stdout
    subprocess.run([os.path.join(LLVM_BIN, "mlir-translate"), "--mlir-to-llvmir",
                    "-o", out], input=lowered, text=True, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the old gelu-opt")
    parser.add_argument("--after", required=True, help="the new gelu-opt")
    parser.add_argument("--shape", default="512x768x3072", help="MxKxN")
    parser.add_argument("--calls", type=int, default=41,
                        help="calls of each function per round (median)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--kernel", choices=["ffn", "gelu"], default="ffn",
                        help="an FFN layer, or elementwise GELU")
    parser.add_argument("--size", type=int, default=65536,
                        help="--kernel gelu: f32 elements")
    parser.add_argument("--approximation", choices=["exact", "tanh"],
                        default="exact", help="--kernel gelu: GELU's mode")
    parser.add_argument("--before-options", default="",
                        help="--kernel gelu: gelu-cpu-pipeline options for the "
                        "before kernel, e.g. unroll=3 (upstream's form keeps "
                        "the after compiler's defaults)")
    parser.add_argument("--after-options", default="",
                        help="--kernel gelu: the same for the after kernel")
    parser.add_argument("--upstream-options", default="",
                        help="--kernel gelu: gelu-cpu-pipeline options added to "
                        "raise=false for upstream's form, e.g. vector-width=8")
    parser.add_argument("--type", choices=["f32", "bf16"], default="f32",
                        help="--kernel gelu: the element type (the upstream "
                        "forms compute in it as frontends write them)")
    parser.add_argument("--march", default="native",
                        help="clang's -march for the program: znver3 with "
                        "vector-width=8 in every kernel's options compiles "
                        "the code an AVX2 host gets (no AVX-512, 16 vector "
                        "registers), timed on this one")
    parser.add_argument("--output-offset", type=int, default=0,
                        help="--kernel gelu: bytes the output buffer is "
                        "moved past its 64-byte aligned start (a multiple "
                        "of 64; 2048 puts it off the input's page offset)")
    parser.add_argument("--input-sigma", type=float, default=2.0,
                        help="--kernel gelu: the inputs' standard deviation "
                        "(normal, mean 0; gelu-bench's is 2; larger reaches "
                        "the far negative tail, where subnormals appear)")
    args = parser.parse_args()
    if args.kernel == "gelu":
        return run_gelu_kernels(args)
    m, k, n = args.shape.split("x")

    def layer(name, epilogue):
        text = LAYER.replace("NAME", name)
        text = text.replace("BODY", EPILOGUE if epilogue else "")
        text = text.replace("RESULT", "g" if epilogue else "mm")
        return text.replace("@M", m).replace("@K", k).replace("@N", n)

    with tempfile.TemporaryDirectory() as tmp:
        objects = []
        for when, gelu_opt in (("before", args.before), ("after", args.after)):
            for kind, epilogue, options in (("matmul", False, "fuse=false"),
                                            ("layer", True, "fuse=true")):
                out = os.path.join(tmp, f"{kind}_{when}.ll")
                compile_layer(gelu_opt, layer(f"{kind}_{when}", epilogue),
                              options, out)
                objects.append(out)
        driver = os.path.join(tmp, "driver.c")
        with open(driver, "w") as f:
            f.write(f"#define M {m}\n#define K {k}\n#define N {n}\n" + DRIVER)
        program = os.path.join(tmp, "ab")
        subprocess.run(["clang-22", "-O3", "-march=native", "-w", driver,
                        *objects, "-o", program], check=True)
        cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"],
                             capture_output=True, text=True).stdout.strip()
        print(f"# {args.shape}, {cpu}; medians of {args.calls} calls, "
              "the four functions called in turn")
        sys.stdout.flush()
        subprocess.run([program, str(args.calls), str(args.rounds)], check=True)


def run_gelu_kernels(args):
    def kernel(name, body):
        return KERNEL.replace("NAME", name).replace("BODY", body).replace(
            "f32", args.type)

    gelu = GELU_BODY.replace("APPROX", args.approximation)
    with tempfile.TemporaryDirectory() as tmp:
        objects = []
        for name, gelu_opt, body, options in (
                ("upstream", args.after, upstream_body(args.approximation),
                 " ".join(["raise=false", args.upstream_options]).strip()),
                ("gelu_before", args.before, gelu, args.before_options),
                ("gelu_after", args.after, gelu, args.after_options)):
            out = os.path.join(tmp, name + ".ll")
            compile_layer(gelu_opt, kernel(name, body), options, out)
            objects.append(out)
        driver = os.path.join(tmp, "driver.c")
        with open(driver, "w") as f:
            f.write(f"#define SIZE {args.size}\n"
                    f"#define SIGMA {args.input_sigma!r}f\n"
                    f"#define OUTPUT_OFFSET {args.output_offset}\n"
                    + ("#define BF16 1\n#define ELEMENT unsigned short\n"
                       if args.type == "bf16" else "#define ELEMENT float\n")
                    + KERNEL_DRIVER)
        program = os.path.join(tmp, "ab")
        # parallel=true kernels call libomp (convert-scf-to-openmp).
        omp = ([f"-L{LLVM_LIB}", "-lomp", f"-Wl,-rpath,{LLVM_LIB}"]
               if "parallel" in args.before_options + args.after_options
               else [])
        # Without AVX512-BF16 LLVM rounds f32 to bf16 in upstream's forms by
        # calling __truncsfbf2, which compiler-rt's builtins have.
        builtins = ([f"{LLVM_LIB}/clang/22/lib/linux/"
                     "libclang_rt.builtins-x86_64.a"]
                    if args.type == "bf16" else [])
        subprocess.run(["clang-22", "-O3", f"-march={args.march}", "-w", driver,
                        *objects, "-lm", *omp, *builtins, "-o", program],
                       check=True)
        cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"],
                             capture_output=True, text=True).stdout.strip()
        print(f"# {args.approximation} GELU on {args.size} {args.type}, {cpu}, "
              f"-march={args.march}; "
              f"medians of {args.calls} calls, the three functions called "
              f"in turn; inputs N(0, {args.input_sigma}^2)")
        sys.stdout.flush()
        subprocess.run([program, str(args.calls), str(args.rounds)], check=True)


if __name__ == "__main__":
    main()
