#!/usr/bin/env python3
"""Which AVX-512 instructions compete with the FMAs for the host's FMA pipes.

Usage: python3 scripts/cpu-pipes.py [--repeats 7] [--iterations 20000000]
       python3 scripts/cpu-pipes.py --loop-of KERNEL.s   # classify a loop body

The f32 cores of gelu-approximate are counted in operations "for the FMA
pipes" (docs/Numerics.md): this script measures which operations those are
on the host instead of assuming it. It compiles, with clang-22, loops of
independent register-to-register instructions in inline assembly:

  fma        12 vfmadd231ps on 12 accumulators (two FMA pipes: 6 cycles)
  P alone    6 of the probe P, independent
  P + fma    the 12 FMAs interleaved with 6 of P, and with 12 of P

and prints the time of each per iteration in units of the 12-FMA loop's
time / 6 (cycles, if the core has two FMA pipes, as Zen 4, Zen 5 and recent
Intel cores do). A probe that adds nothing to the FMAs' time beyond its
own (the mixed loops take max(6, P's own time)) issues beside them; one
whose time adds to theirs (6 + its own) issues on both FMA pipes; in
between, on a pipe that one FMA pipe shares, or on one of them. Loops run
in turn, repeated, after a warm-up, and the medians are printed: the
machine is shared and its clock moves.

With --loop-of it also counts, in the innermost loop of an assembly file
(the loop after llc's "Inner Loop Header" comment), the instructions of
each class, e.g. for the kernels of docs/Numerics.md:

  gelu-opt k.mlir --gelu-cpu-pipeline="vector-width=16 unroll=1" \\
    | mlir-translate --mlir-to-llvmir | llc -O3 -mcpu=znver5 -o k.s
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

CLANG = "/usr/lib/llvm-22/bin/clang"

# Probe name -> (AT&T template, mnemonic regex for --loop-of). {r} is the
# destination register, {k} a mask register.
PROBES = {
    "fma": ("vfmadd231ps %%zmm30, %%zmm31, %%zmm{r}", r"vfn?m(add|sub)\w*ps"),
    "mul": ("vmulps %%zmm30, %%zmm31, %%zmm{r}", r"vmulps"),
    "add": ("vaddps %%zmm30, %%zmm31, %%zmm{r}", r"v(add|sub)ps"),
    "min": ("vminps %%zmm30, %%zmm31, %%zmm{r}", r"vminps"),
    "max": ("vmaxps %%zmm30, %%zmm31, %%zmm{r}", r"vmaxps"),
    "and": ("vandps %%zmm30, %%zmm31, %%zmm{r}", r"v(p?and|p?or|p?xor)\w*"),
    "pslld": ("vpslld $23, %%zmm31, %%zmm{r}", r"vps[rl][la]d"),
    "psubd": ("vpsubd %%zmm30, %%zmm31, %%zmm{r}", r"vp(add|sub)d"),
    "pmaxsd": ("vpmaxsd %%zmm30, %%zmm31, %%zmm{r}", r"vp(max|min)[su]d"),
    "blend": ("vblendmps %%zmm30, %%zmm31, %%zmm{r}%{{%%k1%}}",
              r"vblendm\w*|vpblendm\w*"),
    "cmp": ("vcmpltps %%zmm30, %%zmm31, %%k{k}", r"vcmp\w*ps|vpcmp\w*"),
    "permps": ("vpermps %%zmm30, %%zmm31, %%zmm{r}", r"vperm[a-z0-9]*"),
    "rcp14": ("vrcp14ps %%zmm31, %%zmm{r}", r"vrcp14ps"),
    "div": ("vdivps %%zmm30, %%zmm31, %%zmm{r}", r"vdivps"),
    "scalef": ("vscalefps %%zmm30, %%zmm31, %%zmm{r}", r"vscalefps"),
    "fixupimm": ("vfixupimmps $0, %%zmm30, %%zmm31, %%zmm{r}",
                 r"vfixupimmps"),
    "getexp": ("vgetexpps %%zmm31, %%zmm{r}", r"vgetexpps"),
    "roundscale": ("vrndscaleps $0, %%zmm31, %%zmm{r}", r"vrndscaleps"),
    "cvtps2pd": ("vcvtps2pd %%ymm31, %%zmm{r}", r"vcvtps2pd"),
    "cvtpd2ps": ("vcvtpd2ps %%zmm31, %%ymm{r}", r"vcvtpd2ps"),
}

FMAS = 12
PROBE_COPIES = 6


def c_source(repeats, iterations):
    def body(lines):
        return " ".join('"%s\\n\\t"' % line for line in lines)

    fmas = [PROBES["fma"][0].format(r=r) for r in range(FMAS)]
    loops = [("fma", fmas)]
    for name, (template, _) in PROBES.items():
        copies = [template.format(r=16 + i, k=2 + i % 5)
                  for i in range(PROBE_COPIES)]
        loops.append((name + " alone", copies))
        half = [x for pair in zip(fmas, copies + [""] * PROBE_COPIES)
                for x in pair if x]
        loops.append((name + " half + fma", half))
        mixed = [x for pair in zip(fmas, copies + copies) for x in pair]
        loops.append((name + " + fma", mixed))
    out = ["#include <stdio.h>", "#include <time.h>",
           "static double now(void) { struct timespec t; "
           "clock_gettime(CLOCK_MONOTONIC, &t); "
           "return t.tv_sec + t.tv_nsec * 1e-9; }"]
    for i, (_, lines) in enumerate(loops):
        out.append("static double loop%d(long n) { double t0 = now(); "
                   "for (long i = 0; i < n; i++) __asm__ volatile(%s ::: "
                   "\"memory\"); return (now() - t0) / n; }"
                   % (i, body(lines)))
    out.append("int main(void) { long n = %d;" % iterations)
    # Warm-up: the clock ramps up on the first second of work.
    out.append("for (int w = 0; w < 20; w++) loop0(n);")
    out.append("for (int r = 0; r < %d; r++) {" % repeats)
    for i, (name, _) in enumerate(loops):
        out.append('printf("%s\\t%%.6e\\n", loop%d(n));' % (name, i))
    out.append("} return 0; }")
    return "\n".join(out)


def classify(alone, half, mixed):
    """Where 6 probes taking `alone` cycles issue, from the loops of 12
    FMAs with 6 (`half`) and 12 (`mixed`) of them."""
    if half <= 1.1 * max(6, alone) and mixed <= 1.1 * max(6, 2 * alone):
        return "beside the FMA pipes"
    if mixed >= 0.9 * (6 + 2 * alone):
        return "on both FMA pipes"
    return "on one FMA pipe, or a pipe one shares"


def loop_of(path):
    """Instruction counts per probe class in the innermost loop of `path`."""
    lines, inside = [], False
    for line in open(path):
        if "Inner Loop Header" in line:
            inside = True
            continue
        if inside:
            text = line.strip()
            if re.match(r"j[a-z]+\s", text):
                break
            if text and not text.startswith(("#", ".")):
                lines.append(text.split()[0])
    counts = {}
    for mnemonic in lines:
        for name, (_, pattern) in PROBES.items():
            if re.fullmatch(pattern, mnemonic):
                counts[name] = counts.get(name, 0) + 1
                break
        else:
            counts["other: " + mnemonic] = counts.get("other: " + mnemonic,
                                                      0) + 1
    return len(lines), counts


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=20000000)
    parser.add_argument("--loop-of", action="append", default=[],
                        help="an assembly file whose innermost loop to count")
    parser.add_argument("--no-timing", action="store_true",
                        help="only count the --loop-of loops")
    args = parser.parse_args()
    if not args.no_timing:
        time_probes(args)
    for path in args.loop_of:
        total, counts = loop_of(path)
        print()
        print("## Innermost loop of %s: %d instructions" %
              (os.path.basename(path), total))
        print()
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1],
                                                                  kv[0])):
            print("- %s: %d" % (name, count))
    return 0


def time_probes(args):
    cpuinfo = open("/proc/cpuinfo").read() if os.path.exists(
        "/proc/cpuinfo") else ""
    if not re.search(r"\bavx512f\b", cpuinfo):
        print("cpu-pipes: timing skipped: the host has no AVX-512")
        return
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    print("# Pipes of %s" % (model.group(1) if model else "this CPU"))
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "pipes.c")
        binary = os.path.join(tmp, "pipes")
        with open(source, "w") as f:
            f.write(c_source(args.repeats, args.iterations))
        subprocess.run([CLANG, "-O2", "-mavx512f", source, "-o", binary],
                       check=True)
        text = subprocess.run([binary], stdout=subprocess.PIPE, text=True,
                              check=True).stdout
    times = {}
    for line in text.splitlines():
        name, seconds = line.split("\t")
        times.setdefault(name, []).append(float(seconds))
    medians = {name: statistics.median(v) for name, v in times.items()}
    # Twelve independent FMAs on two pipes take 6 cycles. Some mixed loops
    # run faster than the FMA loop alone when the clock moves between them,
    # so the unit is the fastest of the FMA loop and the loops whose probe
    # issues elsewhere (never below the FMAs' own bound).
    unit = min([medians["fma"]] +
               [medians[n + " + fma"] for n in PROBES if n != "fma"]) / 6
    print()
    print("| instruction | 6 alone | 6 with 12 FMAs | 12 with 12 FMAs "
          "| issues |")
    print("| --- | ---: | ---: | ---: | --- |")
    print("| vfmadd231ps x 12 | | | %.2f | (the unit: 6 cycles on two FMA "
          "pipes) |" % (medians["fma"] / unit))
    for name, (template, _) in PROBES.items():
        if name == "fma":
            continue
        alone = medians[name + " alone"] / unit
        half = medians[name + " half + fma"] / unit
        mixed = medians[name + " + fma"] / unit
        mnemonic = template.split()[0]
        print("| %s | %.2f | %.2f | %.2f | %s |" % (
            mnemonic, alone, half, mixed, classify(alone, half, mixed)))
    print()
    print("Cycles in units of the fastest 12-FMA loop / 6 (%.2f GHz if the "
          "core has two FMA pipes); medians of %d repeats of %d iterations. "
          "`python3 scripts/cpu-pipes.py`."
          % (1e-9 / unit, args.repeats, args.iterations))


if __name__ == "__main__":
    sys.exit(main())
