#!/usr/bin/env python3
"""GPU benchmark: gelu-mlir's kernels against a device copy and PyTorch.

For f32 and bf16, exact and tanh GELU, on sizes of 256 MiB and more, runs
build/bin/gelu-gpu-runner (which checks every result against the CPU path and
times the kernel and a device-to-device copy of the same bytes with CUDA
events) and, where PyTorch with CUDA is installed, times
torch.nn.functional.gelu on the same device in the same run. Prints one
Markdown table with medians and ratios; docs/performance.md's GPU section is
this output.

Without an NVIDIA driver it says so and exits 0.

Usage: python3 scripts/gpu-bench.py [--build build] [--repetitions 20]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROW = re.compile(r"^\s*(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+"
                 r"([\d.]+)\s+(.*)$")


def run_runner(runner, dtype, approximation, sizes, repetitions, fast_math,
               core=None):
    cmd = [runner, "--type", dtype, "--approximation", approximation,
           "--sizes", ",".join(str(s) for s in sizes),
           "--repetitions", str(repetitions)]
    if fast_math:
        cmd.append("--fast-math")
    if core:
        cmd.append(("--exact-f32-core=" if approximation == "exact" else
                    "--logistic-f32-core=") + core)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(proc.stdout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"gpu-bench: {' '.join(cmd)} failed")
    rows = {}
    header = [l for l in proc.stdout.splitlines()
              if l.startswith(("device:", "gelu-gpu-runner: skipped"))]
    for line in proc.stdout.splitlines():
        m = ROW.match(line)
        if m:
            rows[int(m.group(1))] = {
                "gelu_us": float(m.group(2)), "gelu_gbs": float(m.group(3)),
                "copy_us": float(m.group(4)), "copy_gbs": float(m.group(5)),
                "ratio": float(m.group(6)), "check": m.group(7).strip()}
    return header, rows, " ".join(["gelu-gpu-runner"] + cmd[1:])


def torch_times(dtype, approximation, sizes, repetitions):
    """Median microseconds of F.gelu per size, or None without torch+CUDA."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None, "PyTorch is not installed"
    if not torch.cuda.is_available():
        return None, "PyTorch has no CUDA device"
    torch_dtype = {"f32": torch.float32, "bf16": torch.bfloat16}[dtype]
    mode = "none" if approximation == "exact" else "tanh"
    times = {}
    for n in sizes:
        x = torch.empty(n, dtype=torch_dtype, device="cuda").uniform_(-10, 10)
        F.gelu(x, approximate=mode)  # warm-up (and the allocator's cache)
        samples = []
        for _ in range(repetitions):
            start = torch.cuda.Event(enable_timing=True)
            stop = torch.cuda.Event(enable_timing=True)
            start.record()
            y = F.gelu(x, approximate=mode)
            stop.record()
            stop.synchronize()
            samples.append(start.elapsed_time(stop) * 1e3)
            del y
        times[n] = statistics.median(samples)
        del x
        torch.cuda.empty_cache()
    return times, f"PyTorch {torch.__version__}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--mib", default="256,1024",
                        help="buffer sizes in MiB (of the input)")
    args = parser.parse_args()
    runner = os.path.join(args.build, "bin", "gelu-gpu-runner")
    if not os.path.exists(runner):
        raise SystemExit("gpu-bench: build gelu-gpu-runner first (it needs "
                         "the CUDA toolkit at configure time)")
    mib = [int(m) for m in args.mib.split(",")]

    lines = []
    commands = []
    torch_note = None
    header = None
    for dtype, width in [("f32", 4), ("bf16", 2)]:
        sizes = [m * 2**20 // width for m in mib]
        # (approximation, fast-math, the mode's f32 core): f32 exact and
        # tanh also with the f64 core (the GPU pipeline's defaults are the
        # piecewise and the logistic f32 cores).
        variants = [("exact", False, None), ("tanh", False, None)]
        if dtype == "f32":
            variants.insert(1, ("exact", False, "f64"))
            variants.append(("tanh", False, "f64"))
        variants.append(("tanh", True, None))
        for approximation, fast_math, core in variants:
            head, rows, cmd = run_runner(runner, dtype, approximation,
                                         sizes, args.repetitions,
                                         fast_math, core)
            commands.append(cmd)
            if head and head[0].startswith("gelu-gpu-runner: skipped"):
                print(head[0])
                return
            header = header or head
            torch, torch_note = (torch_times(dtype, approximation, sizes,
                                             args.repetitions)
                                 if not fast_math else (None, torch_note))
            for n in sizes:
                r = rows[n]
                mode = approximation + (" fast-math" if fast_math else
                                        f" ({core} core)" if core else "")
                t = torch.get(n) if torch else None
                torch_gbs = (2 * n * width / (t * 1e-6) / 1e9) if t else None
                lines.append(
                    f"| {dtype} | {mode} | {n * width // 2**20} MiB | "
                    f"{r['gelu_gbs']:.0f} | {r['copy_gbs']:.0f} | "
                    f"{100 * r['ratio']:.1f}% | "
                    + (f"{torch_gbs:.0f} | {t / r['gelu_us']:.2f}x"
                       if t else "n/a | n/a")
                    + f" | {r['check']} |")

    print((header[0] if header else "device: ?") + "; " + str(torch_note))
    print()
    print("| type | mode | input | gelu-mlir GB/s | copy GB/s | of copy "
          "bandwidth | F.gelu GB/s | gelu-mlir speedup over F.gelu | check "
          "vs CPU path |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for line in lines:
        print(line)
    print()
    print("GB/s count the bytes read and written (2 x elements x element "
          "size); medians of " + str(args.repetitions) + " CUDA-event timed "
          "runs; the copy is cuMemcpyDtoD of the same bytes, in the same "
          "process, just before the kernel.")
    print()
    print("Commands: `python3 scripts/gpu-bench.py`, which ran:")
    for cmd in commands:
        print(f"- `{cmd}`")


if __name__ == "__main__":
    main()
