#!/usr/bin/env python3
"""Packs gelu-mlir's GPU kernels for a GPU machine that has no LLVM/MLIR.

The GPU machines this project is lent have CUDA, PyTorch and CuPy but no
LLVM 22, and what travels to them is limited to 64 MiB (libMLIR.so alone is
107 MB), so gelu-gpu-runner cannot run there. This script compiles here what
the runner would compile there, into one folder:

  <config>.ptx     the kernel from gelu-gpu-pipeline (PTX for --chip), for
                   f32 and bf16, exact and tanh, tanh with fast-math, f32
                   tanh with the logistic f32 core (logistic-f32-core=f32)
                   and f32 exact with the piecewise f32 core
                   (exact-f32-core=piecewise, its tables in global memory);
  <type>-<mode>.so the same function through gelu-cpu-pipeline, as a
                   self-contained shared library (x86-64-v3, libm only): the
                   CPU path the GPU results are checked against, bit for bit;
  manifest.json    kernel names, threads per block, elements per thread;
  gpu-bundle-run.py  the runner to start there (CuPy, ctypes, PyTorch).

Usage (here, then on the GPU machine, e.g. through the device tool with the
folder carried):

  python3 scripts/gpu-bundle.py --out gpu-bundle
  python3 gpu-bundle/gpu-bundle-run.py gpu-bundle

`python3 gpu-bundle/gpu-bundle-run.py --cpu-check gpu-bundle` checks the CPU
libraries against libm references on any machine.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LLVM_BIN = "/usr/lib/llvm-22/bin"

# (type, approximation, fast-math, the mode's f32 core (tanh: the logistic
# f32 core; exact: the piecewise core), 16-byte vectors per thread, hardware
# approximations, threads per block[, gelu-gpu-pipeline's max-registers]). The
# kernels of two vectors per thread
# are there to be measured against the default one: they keep twice the
# bytes in flight per thread, at the price of more registers (fewer
# resident threads); those without hardware approximations (the f16/bf16
# fast path's polynomial exp and IEEE division, the logistic f32 core's
# division) against the pipeline's default; the f32 exact kernels with the
# f64 core (the default before 2026-12-06) and with the piecewise core capped
# at 32 registers (ptxas: no spills; all 2048 threads of an SM resident,
# where the 48 it takes uncapped leave 1280) against the default; and the
# bf16 kernels capped (exact at 32: 72 bytes of spills, tanh at 40: none;
# 2048 and 1536 resident threads against 1280); and the bf16 kernels that
# read their results from a table (gelu-gpu-pipeline's bf16-table, the 9th
# field: one 2-byte read per element in place of the fast path's
# arithmetic), from global memory through L1 ("global", with one and two
# vectors per thread) and from a copy in each block's shared memory
# ("workgroup", with one and four: the 8 KiB copy per block is then spread
# over 8192 elements), against the computed ones.
CONFIGS = [
    ("f32", "exact", False, True, 1, True, 256),
    ("f32", "exact", False, False, 1, True, 256),
    ("f32", "exact", False, True, 1, True, 256, 32),
    ("f32", "tanh", False, False, 1, True, 256),
    ("f32", "tanh", False, True, 1, True, 256),
    ("f32", "tanh", False, True, 1, False, 256),
    ("f32", "tanh", True, False, 1, True, 256),
    ("f32", "tanh", False, True, 2, True, 256),
    ("f32", "tanh", False, True, 2, True, 128),
    ("f32", "tanh", False, True, 4, True, 128),
    ("f32", "tanh", False, True, 1, True, 512),
    ("bf16", "exact", False, False, 1, True, 256),
    ("bf16", "tanh", False, True, 1, True, 256),
    ("bf16", "tanh", False, False, 1, True, 256),
    ("bf16", "exact", False, False, 1, False, 256),
    ("bf16", "tanh", False, False, 1, False, 256),
    ("bf16", "tanh", True, False, 1, True, 256),
    ("bf16", "exact", False, False, 2, True, 256),
    ("bf16", "exact", False, False, 1, True, 256, 32),
    ("bf16", "tanh", False, True, 1, True, 256, 40),
    ("bf16", "exact", False, False, 1, True, 256, None, "global"),
    ("bf16", "tanh", False, False, 1, True, 256, None, "global"),
    ("bf16", "exact", False, False, 2, True, 256, None, "global"),
    ("bf16", "exact", False, False, 1, True, 256, None, "workgroup"),
    ("bf16", "tanh", False, False, 1, True, 256, None, "workgroup"),
    ("bf16", "exact", False, False, 4, True, 256, None, "workgroup"),
]


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("gpu-bundle: failed: " + " ".join(cmd))
    return proc.stdout


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--out", default=os.path.join(ROOT, "gpu-bundle"))
    parser.add_argument("--chip", default="sm_90")
    parser.add_argument("--cc", default="clang-22")
    args = parser.parse_args()

    runner = os.path.join(args.build, "bin", "gelu-gpu-runner")
    opt = os.path.join(args.build, "bin", "gelu-opt")
    if not os.path.exists(runner):
        raise SystemExit("gpu-bundle: no " + runner +
                         " (it is built when CMake finds the CUDA toolkit)")
    os.makedirs(args.out, exist_ok=True)
    manifest = {"chip": args.chip, "configs": []}
    ptxas = shutil.which("ptxas")
    for config in CONFIGS:
        dtype, mode, fast, f32core, vectors, hardware, threads = config[:7]
        max_registers = config[7] if len(config) > 7 else None
        table = config[8] if len(config) > 8 else None
        variant = f"{dtype}-{mode}" + ("-f32core" if f32core else "")
        name = variant + ("-fast" if fast else "") + \
            (f"-x{vectors}" if vectors > 1 else "") + \
            ("" if hardware else "-nohw") + \
            (f"-t{threads}" if threads != 256 else "") + \
            (f"-r{max_registers}" if max_registers else "") + \
            (f"-table-{table}" if table else "")
        common = ["--type", dtype, "--approximation", mode]
        per_thread = vectors * 16 // (4 if dtype == "f32" else 2)
        ptx = run([runner, "--print-assembly", "--chip", args.chip,
                   f"--threads-per-block={threads}",
                   f"--elements-per-thread={per_thread}"] + common +
                  (["--fast-math"] if fast else []) +
                  [f"--logistic-f32-core={'f32' if f32core else 'f64'}",
                   f"--exact-f32-core={'piecewise' if f32core else 'f64'}"] +
                  [f"--hardware-approximations={str(hardware).lower()}",
                   f"--max-registers={max_registers or 0}"] +
                  ([f"--bf16-table={table}"] if table else []))
        entry = re.search(r"\.visible \.entry (\w+)\(", ptx)
        maxntid = re.search(r"\.maxntid (\d+)", ptx)
        if not entry or not maxntid:
            raise SystemExit(f"gpu-bundle: no kernel entry in the PTX of {name}")
        with open(os.path.join(args.out, name + ".ptx"), "w") as f:
            f.write(ptx)
        registers = None
        if ptxas:
            info = subprocess.run(
                [ptxas, "-arch=" + args.chip, "-v",
                 os.path.join(args.out, name + ".ptx"), "-o", os.devnull],
                capture_output=True, text=True)
            used = re.search(r"Used (\d+) registers",
                             info.stdout + info.stderr)
            registers = int(used.group(1)) if used else None
        reference = variant + ".so"
        # A table kernel is checked against the computed CPU path.
        if not fast and vectors == 1 and hardware and threads == 256 and \
                not max_registers and not table:
            # The CPU path: the same function through gelu-cpu-pipeline,
            # with the cores the GPU kernel uses (not this host's defaults).
            source = run([runner, "--print-source"] + common)
            # The piecewise core's tables as registers (extract), where
            # the GPU loads them: the same values, read independently.
            # bf16 computed, so that the GPU's table kernels are checked
            # against an independent evaluation.
            lowered = run([opt, "-", "--gelu-cpu-pipeline=vector-width=4 "
                           "bf16-table=false "
                           "table-lookup=extract exact-f32-core=" +
                           ("piecewise" if f32core else "f64") +
                           " logistic-f32-core=" +
                           ("f32" if f32core else "f64")], input=source)
            llvm_ir = run([os.path.join(LLVM_BIN, "mlir-translate"),
                           "--mlir-to-llvmir"], input=lowered)
            ll = os.path.join(args.out, variant + ".ll")
            with open(ll, "w") as f:
                f.write(llvm_ir)
            run([args.cc, "-Wno-override-module", "-x", "ir", ll, "-O2",
                 "-fPIC", "-shared", "-march=x86-64-v3", "-rtlib=compiler-rt",
                 "-o", os.path.join(args.out, reference), "-lm"])
            os.remove(ll)
        manifest["configs"].append({
            "name": name, "type": dtype, "approximation": mode,
            # The mode's f32 core: the logistic core (tanh), the
            # piecewise core (exact).
            "fast_math": fast, "f32_core": f32core,
            "max_registers": max_registers,
            "bf16_table": table,
            "hardware_approximations": hardware,
            # Bits the kernel may differ from the CPU path by: the logistic
            # f32 core with the GPU's reciprocal rounds near-midpoint
            # quotients either way (its error is measured on every input by
            # gpu-bundle-run.py --exhaustive).
            "max_ulp_vs_cpu": None if fast else
            (1 if hardware and f32core and dtype == "f32" and mode != "exact"
             else 0),
            "ptx": name + ".ptx",
            "kernel": entry.group(1),
            "threads_per_block": int(maxntid.group(1)),
            "elements_per_thread": per_thread,
            "registers": registers,
            "cpu_reference": reference,
            "cpu_function": "_mlir_ciface_gelu_kernel"})
        print(f"gpu-bundle: {name}: {entry.group(1)}, "
              f"{maxntid.group(1)} threads per block, {per_thread} elements "
              f"per thread, {registers} registers")
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    shutil.copy(os.path.join(ROOT, "scripts", "gpu-bundle-run.py"), args.out)
    print(f"gpu-bundle: wrote {args.out}")


if __name__ == "__main__":
    main()
