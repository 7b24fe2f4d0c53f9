#!/usr/bin/env python3
"""Regenerates docs/accuracy.md and docs/performance.md from the tools.

Runs gelu-accuracy (exhaustive f32, bf16 and f16; 10^8 f64 samples; sampled
error profiles of gelu-mlir and of the upstream MLIR forms), gelu-bench
(f32 and bf16, exact and tanh, 4Ki to 64Mi elements, 1 thread and all cores;
the FFN suite against oneDNN) and, for the GPU section, scripts/gpu-bench.py
(with an NVIDIA driver) and ptxas on the kernels' PTX, then writes the two
pages with their tables and the PNG plots under docs/images/. Every number on
those pages comes from this script's run.

  python3 scripts/report.py [--build build] [--quick]

--quick uses samples instead of exhaustive sweeps and fewer sizes (a smoke
run; do not commit its output). Takes about 10 minutes on 2 cores without it.
"""

import argparse
import csv
import datetime
import os
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
IMAGES = os.path.join(DOCS, "images")


def run(cmd):
    print("$", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed with {out.returncode}")
    return out.stdout


def parse_accuracy(text):
    """The per-range table and summary lines of gelu-accuracy's output."""
    ranges = []
    for line in text.splitlines():
        m = re.match(r"^(x < -10|\[[^)]*\)|x >= 10|all finite)\s+(\d+)\s+"
                     r"([0-9.e+-]+|inf|nan)", line)
        if m:
            ranges.append((m.group(1), int(m.group(2)), m.group(3)))
    summary = {}
    for key, pattern in [
            ("specials", r"special values .*: (\d+) inputs, (\d+) wrong"),
            ("rounded", r"correctly rounded: (\d+) of (\d+)"),
            ("scalar", r"scalar vs vector-width (\d+): (\d+) results differ"),
            ("host", r"host (.*)$"),
            ("reference", r"^reference: (.*)$"),
            ("refcheck", r"^reference check: (.*)$")]:
        m = re.search(pattern, text, re.M)
        if m:
            summary[key] = m.groups()
    return ranges, summary


# (key in the results, approximation, core options) of the f32 sweeps: each
# mode with each of its cores.
F32_VARIANTS = [("exact", "exact", ["--exact-f32-core", "piecewise"]),
                ("exact, f64 core", "exact", ["--exact-f32-core", "f64"]),
                ("tanh, table core", "tanh",
                 ["--logistic-f32-core", "f32-table"]),
                ("tanh", "tanh", ["--logistic-f32-core", "f32"]),
                ("tanh, f64 core", "tanh", ["--logistic-f32-core", "f64"])]
F32_LABELS = {"exact": "exact (piecewise f32 core)",
              "exact, f64 core": "exact (f64 core)",
              "tanh, table core": "tanh (f32 table core)",
              "tanh": "tanh (f32 core)", "tanh, f64 core": "tanh (f64 core)"}


def accuracy(args):
    tool = os.path.join(args.build, "bin", "gelu-accuracy")
    sweep = ["--samples", "4194304"] if args.quick else ["--exhaustive"]
    results = {}
    # f32 with each core: the f32 cores (the defaults with AVX-512) and the
    # f64 cores (the defaults elsewhere).
    for key, approx, core in F32_VARIANTS:
        results[("f32", key)] = parse_accuracy(run(
            [tool, "--type", "f32", "--approximation", approx, *sweep,
             *core, "--check-scalar", "--check-reference", "100000"]))
    for approx in ["exact", "tanh"]:
        for t in ["bf16", "f16"]:
            results[(t, approx)] = parse_accuracy(run(
                [tool, "--type", t, "--approximation", approx, "--exhaustive",
                 "--check-scalar"]))
        f64 = "1000000" if args.quick else "100000000"
        results[("f64", approx)] = parse_accuracy(run(
            [tool, "--type", "f64", "--approximation", approx, "--samples",
             f64] + (["--check-reference", "100000"] if approx == "exact"
                     else [])))
    # Error profiles over [-16, 16] (2^24 samples each) and the upstream
    # forms' accuracy on the same samples.
    profiles = {}
    samples = "1048576" if args.quick else "16777216"
    for kernel, approx in [("gelu", "exact"), ("gelu-f64", "exact"),
                           ("upstream-erf", "exact"),
                           ("upstream-erfc", "exact"), ("gelu", "tanh"),
                           ("gelu-f64", "tanh"), ("upstream-tanh", "tanh")]:
        path = os.path.join(args.work, f"profile-{kernel}-{approx}.csv")
        core = (["--exact-f32-core", "f64" if kernel == "gelu-f64"
                 else "piecewise"] if approx == "exact" else
                ["--logistic-f32-core", "f64" if kernel == "gelu-f64"
                 else "f32-table"])
        text = run([tool, "--type", "f32", "--approximation", approx,
                    "--kernel", kernel.replace("-f64", ""), *core,
                    "--samples", samples, "--error-profile", path])
        results[("profile", kernel, approx)] = parse_accuracy(text)
        with open(path) as f:
            profiles[(kernel, approx)] = [
                (float(r["x_low"]), float(r["x_high"]), float(r["max_ulp"]))
                for r in csv.DictReader(f)]
    return results, profiles


def plot_profiles(profiles):
    for approx, kernels in [("exact", ["gelu", "gelu-f64", "upstream-erf",
                                       "upstream-erfc"]),
                            ("tanh", ["gelu", "gelu-f64", "upstream-tanh"])]:
        fig, ax = plt.subplots(figsize=(8, 4.2))
        for kernel in kernels:
            rows = profiles[(kernel, approx)]
            xs = [(lo + hi) / 2 for lo, hi, _ in rows]
            ys = [max(e, 1e-3) for _, _, e in rows]
            label = {"gelu": "gelu-mlir (gelu.gelu), " + (
                         "piecewise f32 core" if approx == "exact" else
                         "f32 table core"),
                     "gelu-f64": "gelu-mlir, f64 core"}.get(
                         kernel,
                         f"upstream MLIR {kernel[len('upstream-'):]} form")
            ax.semilogy(xs, ys, label=label, linewidth=1.2)
        ax.axhline(2, color="gray", linestyle="--", linewidth=0.8)
        ax.text(-15.5, 2.4, "2 ulp", color="gray")
        ax.set_xlabel("x")
        ax.set_ylabel("worst error per bin (f32 ulp)")
        ax.set_title(f"GELU ({approx}), f32: error against x")
        ax.legend(loc="upper right")
        ax.grid(True, which="major", alpha=0.3)
        fig.tight_layout()
        fig.savefig(os.path.join(IMAGES, f"accuracy-{approx}.png"), dpi=110)
        plt.close(fig)


def range_table(ranges, header_value="max ulp"):
    lines = ["| range of x | inputs | " + header_value + " |",
             "| --- | ---: | ---: |"]
    for name, count, worst in ranges:
        lines.append(f"| {name} | {count:,} | {worst} |")
    return "\n".join(lines)


def write_accuracy(results, host, date, quick):
    def worst_by_range(key):
        return {name: worst for name, _, worst in results[key][0]}

    out = [
        "# Accuracy",
        "",
        "Generated by `scripts/report.py` on " + date + " (host: " + host +
        "). Every table below is the output of `gelu-accuracy`, run by that "
        "script; the commands are listed with each table. The error of a "
        "result y is |y - GELU(x)| / ulp(GELU(x)) in the result's type "
        "(below the smallest normal, the subnormal spacing), with GELU(x) "
        "from an independent reference: for f32, double-precision glibc "
        "erfc/exp (checked against MPFR at 200 bits, see `reference check`); "
        "for f64 exact, long double erfcl with the rounding of -x/sqrt(2) "
        "corrected (checked against MPFR); for f64 tanh, bf16 and f16, MPFR "
        "at 200 bits, where a bf16 or f16 result counts as correctly "
        "rounded when its error, computed in MPFR, is at most half an ulp "
        "(as a double, an error of 0.5 + 2^-130 ulp is 0.5: the ties of x/2 "
        "below 2^-125 that GELU's x^2 term breaks; the bf16 rows read the "
        "default table, the computed path gives the same bits). How the "
        "approximations are built, and why they are "
        "evaluated in an f64 core or with exactly split leading terms in "
        "f32, is in [Numerics.md](Numerics.md).",
        "",
        "## Summary",
        "",
        "| type | approximation | inputs | max error (ulp) | correctly rounded "
        "| special values | scalar = vector |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for t in ["f32", "bf16", "f16", "f64"]:
        keys = [k for k, _, _ in F32_VARIANTS] if t == "f32" else \
            ["exact", "tanh"]
        for approx in keys:
            ranges, summary = results[(t, approx)]
            allrow = [r for r in ranges if r[0] == "all finite"][0]
            rounded = summary.get("rounded", ("?", "?"))
            specials = summary.get("specials", ("?", "?"))
            scalar = summary.get("scalar")
            every = t != "f64" and (t != "f32" or not quick)
            inputs = ("all " if every else "") + \
                f"{int(rounded[1]) + int(specials[0]):,}"
            label = F32_LABELS[approx] if t == "f32" else approx
            out.append(
                f"| {t} | {label} | {inputs} | {allrow[2]} | "
                f"{int(rounded[0]):,} of {int(rounded[1]):,} | "
                f"{specials[0]} inputs, {specials[1]} wrong | " +
                (f"{scalar[1]} differ" if scalar else "n/a") + " |")
    out += [
        "",
        "`scalar = vector`: the kernel compiled with `vector-width=1` gives "
        "the same bits as the host-width kernel for every input "
        "(`--check-scalar`).",
        "",
        "Targets of issue #3: exact <= 2 ulp over every f32 input, tanh <= 2 "
        "ulp against the tanh formula evaluated exactly, bf16 and f16 "
        "correctly rounded for all 65,536 inputs, f64 <= 2 ulp on 10^8 "
        "inputs, and GELU(-inf) = -0, GELU(+inf) = +inf, GELU(NaN) = NaN, "
        "GELU(-0) = -0.",
        "",
    ]
    for t, approx, cmd in [
            ("f32", "exact", "gelu-accuracy --type f32 --approximation exact "
             "--exhaustive --exact-f32-core piecewise --check-scalar "
             "--check-reference 100000"),
            ("f32", "exact, f64 core", "gelu-accuracy --type f32 "
             "--approximation exact --exhaustive --exact-f32-core f64 "
             "--check-scalar --check-reference 100000"),
            ("f32", "tanh, table core", "gelu-accuracy --type f32 "
             "--approximation tanh --exhaustive --logistic-f32-core f32-table "
             "--check-scalar --check-reference 100000"),
            ("f32", "tanh", "gelu-accuracy --type f32 --approximation tanh "
             "--exhaustive --logistic-f32-core f32 --check-scalar "
             "--check-reference 100000"),
            ("f32", "tanh, f64 core", "gelu-accuracy --type f32 "
             "--approximation tanh --exhaustive --logistic-f32-core f64 "
             "--check-scalar --check-reference 100000"),
            ("f64", "exact", "gelu-accuracy --type f64 --approximation exact "
             "--samples 100000000 --check-reference 100000"),
            ("f64", "tanh", "gelu-accuracy --type f64 --approximation tanh "
             "--samples 100000000")]:
        ranges, summary = results[(t, approx)]
        label = F32_LABELS[approx] if t == "f32" else approx
        out += [f"## {t}, {label}", "", f"`{cmd}`", ""]
        if "refcheck" in summary:
            out += ["Reference check: " + summary["refcheck"][0], ""]
        out += [range_table(ranges), ""]
    out += [
        "## Against upstream MLIR",
        "",
        "The forms frontends emit, compiled by the same pipeline with "
        "upstream's polynomial approximations (`gelu-approximate-math`), on "
        "the same 2^24 random f32 inputs (half uniform in [-16, 16], half "
        "random bit patterns): `gelu-accuracy --type f32 --kernel K "
        "--approximation A --samples 16777216`.",
        "",
        "| range of x | gelu-mlir exact (piecewise) | gelu-mlir exact (f64 "
        "core) | upstream erf form | upstream erfc form | gelu-mlir tanh (f32 "
        "table core) | gelu-mlir tanh (f64 core) | upstream tanh form |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    columns = [("profile", "gelu", "exact"), ("profile", "gelu-f64", "exact"),
               ("profile", "upstream-erf", "exact"),
               ("profile", "upstream-erfc", "exact"), ("profile", "gelu", "tanh"),
               ("profile", "gelu-f64", "tanh"),
               ("profile", "upstream-tanh", "tanh")]
    by = [worst_by_range(c) for c in columns]
    for name, _, _ in results[columns[0]][0]:
        out.append(f"| {name} | " + " | ".join(b.get(name, "") for b in by) +
                   " |")
    wrong = [results[c][1].get("specials", ("?", "?"))[1] for c in columns]
    out.append("| special values wrong | " + " | ".join(wrong) + " |")
    out += [
        "",
        "The upstream forms lose the negative tail: 1 + erf(x/sqrt2) and "
        "1 + tanh(u) round to 0 (a relative error of 1, 2^23 to 2^24 ulp) "
        "below x = -5.5, and the erfc form rounds -x/sqrt(2) before erfc.",
        "",
        "![error of exact GELU against x](images/accuracy-exact.png)",
        "",
        "![error of tanh GELU against x](images/accuracy-tanh.png)",
        "",
    ]
    with open(os.path.join(DOCS, "accuracy.md"), "w") as f:
        f.write("\n".join(out))


def bench(args):
    tool = os.path.join(args.build, "bin", "gelu-bench")
    path = os.path.join(args.work, "bench.csv")
    cmd = [tool, "--csv", path]
    if args.quick:
        cmd += ["--sizes", "4096,65536", "--repeats", "3"]
    text = run(cmd)
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return text, rows, " ".join(os.path.basename(c) if i == 0 else c
                                for i, c in enumerate(cmd[:1] + cmd[3:]))


def plot_bench(rows):
    for t in ["f32", "bf16"]:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
        for ax, approx in zip(axes, ["exact", "tanh"]):
            for threads in sorted({r["threads"] for r in rows}, key=int):
                for kernel, style in [("gelu-mlir", "-"), ("memcpy", ":"),
                                      ("upstream-erf", "--"),
                                      ("upstream-tanh", "--")]:
                    pts = [(int(r["size"]), float(r["ns_per_element"]))
                           for r in rows if r["type"] == t and
                           r["approximation"] == approx and
                           r["threads"] == threads and r["kernel"] == kernel]
                    if not pts:
                        continue
                    pts.sort()
                    ax.loglog([p[0] for p in pts], [p[1] for p in pts], style,
                              marker="o", markersize=3,
                              label=f"{kernel}, {threads} thread"
                              f"{'s' if threads != '1' else ''}")
            ax.set_title(f"{t} {approx}")
            ax.set_xlabel("elements")
            ax.grid(True, which="major", alpha=0.3)
            ax.legend(fontsize=7)
        axes[0].set_ylabel("ns per element (lower is better)")
        fig.tight_layout()
        fig.savefig(os.path.join(IMAGES, f"throughput-{t}.png"), dpi=110)
        plt.close(fig)


def ffn(args):
    tool = os.path.join(args.build, "bin", "gelu-bench")
    # The layers' ratios differ by a few percent, about the noise of this
    # shared machine between runs of 11 repeats: 101 interleaved repeats
    # (about a minute) keep their medians apart from it.
    repeats = "3" if args.quick else "101"
    cmd = [tool, "--suite", "ffn", "--repeats", repeats]
    text = run(cmd)
    return (text[text.index("## "):].strip(),
            "gelu-bench --suite ffn --repeats " + repeats)


# What gelu-cpu-pipeline picks on an AVX2 host without AVX-512, spelled out
# (the defaults of an AVX-512 host differ), and what it picked before
# 2026-12-05: (type, mode, before options, default options).
AVX2_CONFIGS = [
    ("f32", "exact", "exact-f32-core=f64 unroll=1",
     "exact-f32-core=piecewise table-lookup=avx2-permute unroll=1"),
    ("f32", "tanh", "logistic-f32-core=f64 unroll=1",
     "logistic-f32-core=f32 unroll=3"),
    ("bf16", "exact", "bf16-table=false unroll=1", "unroll=1"),
    ("bf16", "tanh", "bf16-table=false logistic-f32-core=f64 unroll=1",
     "logistic-f32-core=f32 unroll=8"),
]


def avx2(args):
    """The AVX2 section's rows, from scripts/ab-ffn.py --march znver3; None
    where the host cannot run AVX2 code."""
    with open("/proc/cpuinfo") as f:
        flags = next((line.split(":", 1)[1].split() for line in f
                      if line.startswith("flags")), [])
    if "avx2" not in flags or "fma" not in flags:
        return None
    gelu_opt = os.path.join(args.build, "bin", "gelu-opt")
    common = "vector-width=8 bf16-rounding=truncf"
    rounds = "1" if args.quick else "5"
    rows = []
    for t, mode, before, default in AVX2_CONFIGS:
        cmd = [sys.executable, os.path.join(ROOT, "scripts", "ab-ffn.py"),
               "--kernel", "gelu", "--type", t, "--approximation", mode,
               "--march", "znver3", "--upstream-options",
               "vector-width=8 unroll=1", "--before", gelu_opt,
               "--before-options", f"{common} {before}", "--after", gelu_opt,
               "--after-options", f"{common} {default}", "--calls", "21",
               "--rounds", rounds]
        text = run(cmd)
        found = re.findall(r"upstream ([0-9.]+), before ([0-9.]+) -> after "
                           r"([0-9.]+)", text)
        med = [sorted(float(v[i]) for v in found)[len(found) // 2]
               for i in range(3)]
        rows.append(f"| {t} | {mode} | {med[0]:.3f} | {med[1]:.3f} | "
                    f"{med[2]:.3f} | {med[2] / med[0]:.2f} | "
                    f"{med[2] / med[1]:.2f} |")
    return rows, ("python3 scripts/ab-ffn.py --kernel gelu --type T "
                  "--approximation A --march znver3 --upstream-options "
                  "\"vector-width=8 unroll=1\" --before-options \"vector-width=8 "
                  "bf16-rounding=truncf BEFORE\" --after-options "
                  "\"vector-width=8 bf16-rounding=truncf DEFAULT\" --calls 21 "
                  "--rounds " + rounds)


def paired(args):
    """f32 exact and tanh at 64Ki elements against the upstream forms, from
    scripts/ab-ffn.py: ahead-of-time code for this host (-march=native), the
    kernels called in turn in one program, medians of the rounds. A second
    measure beside gelu-bench's JIT-compiled kernels, whose ratio to the
    upstream forms has moved by up to 10% between runs on this shared
    machine."""
    gelu_opt = os.path.join(args.build, "bin", "gelu-opt")
    rounds = "1" if args.quick else "5"
    rows = []
    for mode in ["exact", "tanh"]:
        text = run([sys.executable, os.path.join(ROOT, "scripts", "ab-ffn.py"),
                    "--kernel", "gelu", "--approximation", mode, "--before",
                    gelu_opt, "--after", gelu_opt, "--calls", "21",
                    "--rounds", rounds])
        found = re.findall(r"upstream ([0-9.]+), before [0-9.]+ -> after "
                           r"([0-9.]+)", text)
        ratios = sorted(float(v[1]) / float(v[0]) for v in found)
        med = [sorted(float(v[i]) for v in found)[len(found) // 2]
               for i in range(2)]
        rows.append(f"| f32 | {mode} | {med[0]:.3f} | {med[1]:.3f} | "
                    f"{med[1] / med[0]:.2f} | {ratios[0]:.2f}-{ratios[-1]:.2f} |")
    return rows, ("python3 scripts/ab-ffn.py --kernel gelu --approximation A "
                  "--before build/bin/gelu-opt --after build/bin/gelu-opt "
                  "--calls 21 --rounds " + rounds)


def gpu(args):
    runner = os.path.join(args.build, "bin", "gelu-gpu-runner")
    if not os.path.exists(runner):
        return None
    if args.gpu_table:
        # A run made elsewhere (gpu-bundle-run.py on a GPU machine).
        with open(args.gpu_table) as f:
            bench = f.read()
    else:
        bench = run([sys.executable,
                     os.path.join(ROOT, "scripts", "gpu-bench.py"),
                     "--build", args.build])
    ptxas = subprocess.run(["which", "ptxas"], stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    rows = []
    for dtype, width in [("f32", 4), ("bf16", 2)]:
        variants = [("exact", False, []), ("tanh", False, []),
                    ("tanh", True, [])]
        if dtype == "f32":
            # The default before 2026-12-06, which the H200 runs measured.
            variants.insert(1, ("exact", False, ["--exact-f32-core", "f64"]))
        else:
            # The results read from a table (gelu-gpu-pipeline's bf16-table),
            # through L1 and from shared memory.
            variants += [("exact", False, ["--bf16-table", "global"]),
                         ("exact", False, ["--bf16-table", "workgroup"])]
        for approx, fast, extra in variants:
            cmd = [runner, "--print-assembly", "--type", dtype,
                   "--approximation", approx] + \
                (["--fast-math"] if fast else []) + extra
            ptx = run(cmd)
            suffix = ("-f64core" if dtype == "f32" else
                      "-table-" + extra[-1]) if extra else ""
            path = os.path.join(args.work,
                                f"gelu-{dtype}-{approx}{suffix}.ptx")
            with open(path, "w") as f:
                f.write(ptx)
            regs = spills = "n/a"
            if ptxas:
                info = subprocess.run([ptxas, "-arch=sm_90", "-v", path, "-o",
                                       os.devnull], stderr=subprocess.PIPE,
                                      text=True).stderr
                m = re.search(r"Used (\d+) registers", info)
                regs = m.group(1) if m else "?"
                m = re.search(r"(\d+) bytes spill stores", info)
                spills = m.group(1) if m else "?"
            # Both the full and the masked path hold one copy of the
            # per-element code for each of the thread's 16 / width elements.
            copies = 2 * (16 // width)
            count = lambda pattern: len(re.findall(pattern, ptx)) / copies
            f32 = count(r"\b(?:fma|mul|add|sub|div)\.(?:rn\.)?(?:ftz\.)?f32")
            f64 = count(r"\b(?:fma|mul|add|sub)\.rn\.f64")
            div = count(r"\bdiv\.rn\.f64")
            tanh = count(r"\b(?:tanh|ex2|rcp|div)\.approx\.(?:ftz\.)?f32")
            mode = approx + (" fast-math" if fast else "") + \
                ((" (f64 core)" if dtype == "f32" else
                  f" (table, {extra[-1]})") if extra else "")
            # Resident threads per SM as the registers allow (sm_90: 65,536
            # registers, allocated per warp in units of 256, at most 2,048
            # threads), for 256-thread blocks.
            resident = "n/a"
            if regs not in ("n/a", "?"):
                per_warp = -(-int(regs) * 32 // 256) * 256
                blocks = 65536 // (per_warp * 8)
                resident = str(min(2048, blocks * 256))
            rows.append(f"| {dtype} | {mode} | {regs} | {spills} | "
                        f"{resident} | {f32:.0f} | "
                        f"{f64:.0f} + {div:.0f} div | {tanh:.0f} |")
    return bench, rows, args.gpu_table


def gpu_summary(bench):
    """Rows of gpu-bundle-run.py's timed tables in `bench`, grouped by type,
    mode and bytes per thread, at 256 MiB and more: the ranges of x copy and
    x F.gelu, and the check against the CPU path."""
    groups = {}
    for line in bench.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 10 or cells[0] not in ("f32", "bf16") or \
                not cells[3].isdigit():
            continue
        dtype, mode, per_thread, elements = cells[:4]
        if int(elements) * (4 if dtype == "f32" else 2) < 256 << 20:
            continue
        group = groups.setdefault((dtype, mode, per_thread),
                                  {"copy": [], "torch": [], "check": []})
        group["copy"].append(float(cells[6]))
        if cells[8] != "-":
            group["torch"].append(float(cells[8]))
        group["check"].append(cells[9])

    def span(values):
        if not values:
            return "-"
        low, high = f"{min(values):.2f}", f"{max(values):.2f}"
        return low if low == high else f"{low}-{high}"
    rows = ["| type | mode | per thread | x copy | x F.gelu | check vs CPU "
            "path |", "| --- | --- | --- | ---: | ---: | --- |"]
    for (dtype, mode, per_thread), group in groups.items():
        failed = [c for c in group["check"] if not c.startswith("ok")]
        worst = max((float(re.search(r"max (\S+) ulp", c).group(1))
                     for c in group["check"] if "max" in c), default=0)
        check = (f"FAIL in {len(failed)} of {len(group['check'])}" if failed
                 else f"ok in {len(group['check'])}, max {worst:g} ulp")
        rows.append(f"| {dtype} | {mode} | {per_thread} | "
                    f"{span(group['copy'])} | {span(group['torch'])} | "
                    f"{check} |")
    return rows


def write_performance(text, rows, cmd, host, date, ffn_section=None,
                      gpu_section=None, avx2_section=None,
                      paired_section=None):
    tables = text[text.index("## "):] if "## " in text else text
    header = text.split("\n\n")[1] if "\n\n" in text else ""

    def ns(t, a, th, size, kernel):
        for r in rows:
            if (r["type"], r["approximation"], r["threads"], r["size"],
                    r["kernel"]) == (t, a, th, str(size), kernel):
                return float(r["ns_per_element"])
        return None

    threads_all = max({r["threads"] for r in rows}, key=int)
    summary = ["| type | approximation | gelu-mlir / upstream form, 64Ki, 1 "
               "thread | copy bandwidth reached, 64Mi, " + threads_all +
               " threads | the same pipeline's -x loop reached, 64Mi |",
               "| --- | --- | ---: | ---: | ---: |"]
    big = max(int(r["size"]) for r in rows)
    for t in ["f32", "bf16"]:
        for a in ["exact", "tanh"]:
            up = "upstream-erf" if a == "exact" else "upstream-tanh"
            theirs = ns(t, a, "1", 65536, up)
            copy = ns(t, a, threads_all, big, "memcpy")
            negate = ns(t, a, threads_all, big, "-x (same pipeline)")
            # Exact f32: also the core the pipeline did not pick on this host.
            for kernel in ["gelu-mlir", "gelu-mlir (f64 core)",
                           "gelu-mlir (piecewise)", "gelu-mlir (f32 core)"]:
                ours = ns(t, a, "1", 65536, kernel)
                mine = ns(t, a, threads_all, big, kernel)
                if ours is None:
                    continue
                r1 = f"{ours / theirs:.2f}" if theirs else "n/a"
                r2 = f"{100 * copy / mine:.1f}%" if mine and copy else "n/a"
                r3 = f"{100 * negate / mine:.1f}%" if mine and negate else \
                    "n/a"
                label = a + ("" if kernel == "gelu-mlir" else " " + kernel[10:])
                summary.append(f"| {t} | {label} | {r1} | {r2} | {r3} |")
    # The two exact f32 cores against upstream's erf form, in this run.
    up_erf = ns("f32", "exact", "1", 65536, "upstream-erf")
    piecewise = ns("f32", "exact", "1", 65536, "gelu-mlir (piecewise)") or \
        ns("f32", "exact", "1", 65536, "gelu-mlir")
    f64_core = ns("f32", "exact", "1", 65536, "gelu-mlir (f64 core)") or \
        ns("f32", "exact", "1", 65536, "gelu-mlir")
    core_sentence = (
        "At 64Ki elements, 1 thread, exact f32 GELU with the piecewise f32 "
        f"core (1.60 ulp over every input) took {piecewise / up_erf:.2f} times "
        "as long as the upstream erf form's f32 polynomial, which is wrong by "
        "2^24 ulp in the tail, and with the f64 core (0.66 ulp) "
        f"{f64_core / up_erf:.2f} times: it evaluates in f64, half the "
        "lanes per vector (see [Numerics.md](Numerics.md)). "
        if piecewise and f64_core and up_erf else "")
    up_tanh = ns("f32", "tanh", "1", 65536, "upstream-tanh")
    tanh_f32 = ns("f32", "tanh", "1", 65536, "gelu-mlir (f32 core)") or \
        ns("f32", "tanh", "1", 65536, "gelu-mlir")
    tanh_f64 = ns("f32", "tanh", "1", 65536, "gelu-mlir (f64 core)") or \
        ns("f32", "tanh", "1", 65536, "gelu-mlir")
    if tanh_f32 and tanh_f64 and up_tanh:
        core_sentence += (
            "Tanh f32 with the default f32 core (with AVX-512 the table "
            "core, 1.50 ulp; with AVX2 the f32 core, 1.29 ulp) took "
            f"{tanh_f32 / up_tanh:.2f} times as long as the upstream tanh "
            f"form (wrong by 2^24 ulp in the tail; each compiled with its "
            f"default unroll: 7 vectors per iteration for the table core, 2 "
            f"for the form), with the f64 core (0.53 ulp) "
            f"{tanh_f64 / up_tanh:.2f} times. ")
    # What bounds the 64Mi rows in this run: the copy's time per element
    # against f32 exact GELU's, both on all cores.
    copy_gbs = [float(r["gb_per_s"]) for r in rows
                if (r["threads"], r["size"], r["kernel"]) ==
                (threads_all, str(big), "memcpy")]
    big_copy = ns("f32", "exact", threads_all, big, "memcpy")
    big_gelu = ns("f32", "exact", threads_all, big, "gelu-mlir")
    big_negate = ns("f32", "exact", threads_all, big, "-x (same pipeline)")
    # The arithmetic's own floor on all cores: the kernel at 1Mi elements
    # (in the caches), against the time that 85% of the copy allows.
    mid_gelu = ns("f32", "exact", threads_all, 1 << 20, "gelu-mlir")
    floor = ""
    if mid_gelu and big_copy:
        floor = (
            f"With its data in the caches (1Mi elements) exact GELU on all "
            f"cores took {mid_gelu:.3f} ns per element, against the "
            f"{big_copy / 0.85:.3f} ns that 85% of the copy bandwidth "
            "allows at 64Mi: "
            + ("the arithmetic alone is slower than the target, so no "
               "overlap of memory traffic and arithmetic can meet it on "
               "these cores. " if mid_gelu > big_copy / 0.85 else
               "the arithmetic alone fits the target, which this run met "
               "at 64Mi. " if big_gelu and big_gelu <= big_copy / 0.85 else
               "the arithmetic alone fits the target; the remaining gap is "
               "the overlap of memory traffic and arithmetic. "))
    if big_copy and big_gelu and big_negate:
        bound = (
            f"In this run, at 64Mi f32 elements on all cores, the copy took "
            f"{big_copy:.3f} ns per element, the pipeline's -x loop "
            f"{big_negate:.3f} ns and exact GELU {big_gelu:.3f} ns: "
            + ("the arithmetic, not memory, set the GELU's time. "
               if big_gelu > 1.1 * big_negate else
               "the GELU ran at the speed of the pipeline's own loads and "
               "stores. ")
            + floor
            + "The copy bandwidth this shared machine gives varies between "
            "runs and within one (here memcpy at 64Mi on all cores read "
            f"{min(copy_gbs):.0f} to {max(copy_gbs):.0f} GB/s across the four "
            "sections), and with it the fraction reached.")
    else:
        bound = ""
    out = [
        "# Performance",
        "",
        "Generated by `scripts/report.py` on " + date + ". Every number is "
        "from one run of `" + cmd + "` on this host: " + header.strip() +
        ". Ratios compare kernels measured back to back on the same buffers "
        "in that run; absolute times differ between machines (AVX-512 Zen 5 "
        "and AVX2 Zen 3 have both been seen here), so compare ratios, not "
        "nanoseconds, across machines.",
        "",
        "Kernels: `gelu-mlir` is `gelu.gelu` through `gelu-cpu-pipeline` "
        "(vectorized to the host width, `parallel=true` for the multi-thread "
        "rows; f32 with the f32 cores (piecewise for exact mode) where the "
        "host has AVX-512 or AVX2 and FMA, the f64 cores elsewhere); "
        "`gelu-mlir (f64 core)` "
        "(or `gelu-mlir (piecewise)`, `gelu-mlir (f32 core)`) is the same "
        "with the mode's other f32 core; "
        "`upstream-erf`, `upstream-erfc`, `upstream-tanh` are the "
        "forms frontends emit, compiled by the same pipeline with upstream's "
        "polynomial approximations (`gelu-approximate-math`); `memcpy` copies "
        "the same bytes with the same threads (the bandwidth roofline); "
        "`-x (same pipeline)` is the same kernel with a negation for body: "
        "the pipeline's own loads and stores, which allocate the written "
        "lines in cache (a read for each write) where glibc's memcpy may "
        "not, so it is the bandwidth roofline of any kernel the pipeline "
        "makes; "
        "`scalar libm` is a C++ loop over glibc's erff/tanhf. GB/s counts the "
        "bytes read and written. Inputs are N(0, 2^2).",
        "",
        "## Summary",
        "",
    ] + summary + [
        "",
        "Issue #3's speed targets are a ratio <= 1.0 against the upstream "
        "form at 64Ki elements and >= 85% of the copy bandwidth at 64Mi "
        "elements on all cores. " + core_sentence +
        "bf16 results are read from a table of the correctly rounded "
        "results (one load per element; f16 uses an f32 fast path with the "
        "f64 core only for the rare results it cannot round correctly) and "
        "run faster than the upstream forms, which compute in f32 and round "
        "to bf16. At 64Mi elements on all cores the "
        "arithmetic is hidden behind memory traffic only where the cores "
        "have time to spare: bf16 moves half the bytes per element, so "
        "its arithmetic weighs twice as much per byte. " + bound,
        "",
    ]
    if paired_section:
        paired_rows, paired_cmd = paired_section
        out += [
            "The same ratios at 64Ki elements, 1 thread, measured a second "
            "way: `" + paired_cmd + "` (A: exact, tanh) compiles gelu-mlir's "
            "kernel and the upstream form ahead of time for this host and "
            "calls them in turn in one program, each the median of 21 calls "
            "per round; the table has the medians of the rounds and the "
            "range of the rounds' ratios. gelu-bench's JIT-compiled upstream "
            "kernels have run up to 10% slower or faster from one run to "
            "another on this shared machine (the exact ratio was 0.89 to "
            "1.03 in four runs on 2026-12-06), where these paired rounds "
            "agree within a few percent.",
            "",
            "| type | mode | upstream form, ns/element | gelu-mlir, "
            "ns/element | gelu-mlir / upstream | range over the rounds |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ] + paired_rows + [""]
    out += [
        "![throughput, f32](images/throughput-f32.png)",
        "",
        "![throughput, bf16](images/throughput-bf16.png)",
        "",
        "## Tables",
        "",
        tables.strip(),
        "",
    ]
    if avx2_section:
        avx2_rows, avx2_cmd = avx2_section
        out += [
            "## AVX2 code, timed on this host",
            "",
            "What `gelu-cpu-pipeline` compiles for an AVX2 host without "
            "AVX-512 (8 lanes, 16 vector registers; Zen 3 is the one seen "
            "here), built with `-march=znver3` and timed on this host, which "
            "runs AVX2 code as well: a proxy for such a host, not a "
            "measurement on one. Each row is one run of `" + avx2_cmd +
            "` (one gelu-opt build as `--before` and `--after`; T, A, BEFORE "
            "and DEFAULT per row as in `AVX2_CONFIGS` in scripts/report.py), "
            "the three kernels called in turn in one program, "
            "medians of the rounds: upstream's form (its default one vector "
            "per iteration), the defaults before 2026-12-05 (the f64 cores "
            "for f32, bf16 computed: the f32 fast path, with the f64 "
            "logistic core for tanh mode) and today's (the piecewise core "
            "with `table-lookup=avx2-permute` for exact f32, the logistic "
            "f32 core with 3 vectors per iteration for f32 tanh mode, bf16 "
            "read from the table of correctly rounded results; see "
            "[Numerics.md](Numerics.md)).",
            "",
            "| type | mode | upstream form, ns/element | before, ns/element "
            "| default, ns/element | default / upstream | default / before |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ] + avx2_rows + [""]
    if ffn_section:
        ffn_text, ffn_cmd = ffn_section
        out += [
            "## FFN layers: matmul + bias + GELU (gelu-fuse)",
            "",
            "From one run of `" + ffn_cmd + "` on the same host: the fused "
            "layer (`gelu-cpu-pipeline`, default `fuse=true`) against the "
            "matmul alone, the unfused layer (`fuse=false`: three loop nests) "
            "and oneDNN's matmul with bias and GELU post-ops (libdnnl, the "
            "same thread count).",
            "",
            ffn_text.replace("## ", "### "),
            "",
        ]
    if gpu_section:
        bench, static, table_path = gpu_section
        measured = "skipped" not in bench
        out += ["## GPU", ""]
        if measured and table_path:
            relative = os.path.relpath(os.path.abspath(table_path), DOCS)
            out += [
                "Measured on a GPU machine without LLVM (the bundle made here "
                "by `python3 scripts/gpu-bundle.py --out gpu-bundle`, run "
                "there by `python3 gpu-bundle/gpu-bundle-run.py gpu-bundle`; "
                "every result checked against the CPU path, and with "
                "`--exhaustive` every bf16 input, and every f32 input of the "
                "f32 tanh kernel), recorded as printed in [" + relative + "](" +
                relative + ") and included with `scripts/report.py "
                "--gpu-table`.",
                "",
                "In short, the recorded kernels at 256 MiB and more (x copy: "
                "the fraction of the device-to-device copy bandwidth, counting "
                "bytes read and written; x F.gelu: PyTorch's time over ours; "
                "ranges over the sizes and runs recorded; the exhaustive "
                "checks of accuracy follow the timed tables below):",
                "",
            ] + gpu_summary(bench) + [
                "",
                "The pipeline's defaults since these runs: f32 exact with the "
                "piecewise f32 core, its tables read from global memory "
                "(2026-12-06; not yet timed on a GPU: the 'exact' f32 rows "
                "below are the f64 core's, the default until then), f32 tanh "
                "with the logistic f32 core (16 B per "
                "thread), bf16 exact with hardware approximations (16 B), and "
                "bf16 tanh with the logistic f32 core as its fast path; the "
                "other rows are the variants measured against them.",
                "",
                "The accurate kernels are bound by instruction issue, not "
                "memory: at the copy bandwidth an SM must finish 2 f32 or 4 "
                "bf16 elements per clock, which leaves about 60 (f32) or 30 "
                "(bf16) instructions per element for 4 warp schedulers; the "
                "static table below counts their operations per element in "
                "the PTX, before the integer, compare, select and bf16 "
                "packing work. The targets (0.9 of the copy and faster than "
                "F.gelu, within the CPU path's bound) are met by neither "
                "accurate mode yet; docs/Numerics.md says what was tried.",
                "",
                bench.strip(),
                "",
            ]
        elif measured:
            out += [
                "From one run of `python3 scripts/gpu-bench.py` (every "
                "result checked against the CPU path by gelu-gpu-runner):",
                "",
                bench.strip(),
                "",
            ]
        else:
            out += [
                "Not measured: this host has no NVIDIA driver (`" +
                bench.strip().splitlines()[-1] + "`). On a machine with one, "
                "`python3 scripts/gpu-bench.py` prints the table (gelu-mlir "
                "GB/s, device-to-device copy GB/s and their ratio, PyTorch "
                "`F.gelu` on the same GPU when installed, and the check of "
                "every result against the CPU path) for f32 and bf16, exact "
                "and tanh (f32 tanh with either core: the GPU pipeline's "
                "default logistic f32 core and `logistic-f32-core=f64`), 256 "
                "MiB and 1 GiB inputs. A GPU machine without "
                "LLVM 22 (this project's lent H200s have CUDA, PyTorch and "
                "CuPy only, and libMLIR.so is too large to carry) runs a "
                "bundle instead: `python3 scripts/gpu-bundle.py --out "
                "gpu-bundle` here (the PTX, the CPU path as a self-contained "
                "shared library, 300 KB in all), then `python3 "
                "gpu-bundle/gpu-bundle-run.py gpu-bundle > gpu-table.md` there "
                "(the same table, 1Ki to 1Gi elements), and `python3 "
                "scripts/report.py --only performance --gpu-table "
                "gpu-table.md` here puts it in this section.",
                "",
            ]
        out += [
            "### The kernels, statically",
            "",
            "PTX from `gelu-gpu-runner --print-assembly` (gelu-gpu-pipeline, "
            "sm_90), registers and spills from `ptxas -arch=sm_90 -v`, and "
            "floating-point instructions per element counted in the PTX "
            "(all paths). f32 exact results use the piecewise f32 core on "
            "every element (each element also loads its 32-byte row of the "
            "core's tables, two 128-bit loads that the L1 cache serves), or "
            "the f64 core where the row says so; f32 tanh results the "
            "logistic f32 core; bf16 results "
            "use the f32 fast path, and their f64 instructions "
            "sit in the fallback branch that a thread takes only when one of "
            "its 8 results lies within 17 f32 ulps of a bf16 rounding "
            "boundary (about 35 in 65,536 results, so about 0.4% of threads "
            "and one warp in eight; see [Numerics.md](Numerics.md)). The "
            "bf16 table rows (`--bf16-table global|workgroup`) read each "
            "result from an 8 KiB table of correctly rounded results, one "
            "2-byte load per element, through L1 or from a copy in the "
            "block's shared memory made when the kernel starts; their one "
            "f32 multiply is x/2 for |x| < 2^-10. Not measured on a GPU yet.",
            "",
            "| type | mode | registers | spill bytes | resident threads per "
            "SM | f32 ops per element | f64 ops per element | special-function "
            "unit (tanh, ex2, rcp, div .approx) per element |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ] + static + [
            "",
            "Each thread has one 16-byte load in flight before it computes, "
            "so the bytes in flight per SM scale with the resident threads. "
            "The rarely taken f64 fallback of the bf16 kernels is computed "
            "lane by lane (`gelu-approximate{fallback-per-lane}`), so that "
            "it does not set their register count (computed on the whole "
            "8-lane vector it took the bf16 exact kernel to 112 registers, "
            "512 resident threads). Two 16-byte tiles per thread "
            "(`elements-per-thread`) keep twice the bytes in flight at the "
            "price of registers: on the H200 they took f32 tanh from "
            "0.86-0.87 to 0.88-0.89 of the copy bandwidth and bf16 exact "
            "from 0.43 to 0.45, but bf16 tanh from 0.34-0.36 down to 0.32 "
            "and f32 exact (the f64 core) from 0.57 down to 0.47 (82 registers), so the "
            "default stays one tile.",
            "",
        ]
    with open(os.path.join(DOCS, "performance.md"), "w") as f:
        f.write("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["accuracy", "performance"])
    parser.add_argument("--gpu-table", help="the output of gpu-bundle-run.py "
                        "on a GPU machine, for the GPU section")
    args = parser.parse_args()
    args.work = os.path.join(args.build, "report")
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(IMAGES, exist_ok=True)
    date = datetime.date.today().isoformat()
    cpu = run([os.path.join(args.build, "bin", "gelu-accuracy"), "--samples",
               "16"])
    host = re.search(r"host (.*)$", cpu, re.M).group(1)
    if args.only in (None, "accuracy"):
        results, profiles = accuracy(args)
        plot_profiles(profiles)
        write_accuracy(results, host, date, args.quick)
    if args.only in (None, "performance"):
        text, rows, cmd = bench(args)
        plot_bench(rows)
        write_performance(text, rows, cmd, host, date, ffn(args), gpu(args),
                          avx2(args), paired(args))
    print("wrote docs/accuracy.md, docs/performance.md, docs/images/*.png")


if __name__ == "__main__":
    main()
