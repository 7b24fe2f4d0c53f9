#!/usr/bin/env python3
"""Packs gelu-mlir's GPU kernels for a GPU machine that has no LLVM/MLIR.

The GPU machines this project is lent have CUDA, PyTorch and CuPy but no
LLVM 22, and what travels to them is limited to 64 MiB (libMLIR.so alone is
107 MB), so gelu-gpu-runner cannot run there. This script compiles here what
the runner would compile there, into one folder:

  <config>.ptx     the kernel from gelu-gpu-pipeline (PTX for --chip), for
                   f32 and bf16, exact and tanh, tanh with fast-math, and f32
                   tanh with the logistic f32 core (logistic-f32-core=f32);
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

# (type, approximation, fast-math, logistic f32 core).
CONFIGS = [
    ("f32", "exact", False, False), ("f32", "tanh", False, False),
    ("f32", "tanh", False, True), ("f32", "tanh", True, False),
    ("bf16", "exact", False, False), ("bf16", "tanh", False, False),
    ("bf16", "tanh", True, False),
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
    for dtype, mode, fast, f32core in CONFIGS:
        variant = f"{dtype}-{mode}" + ("-f32core" if f32core else "")
        name = variant + ("-fast" if fast else "")
        common = ["--type", dtype, "--approximation", mode]
        ptx = run([runner, "--print-assembly", "--chip", args.chip] + common +
                  (["--fast-math"] if fast else []) +
                  (["--logistic-f32-core=f32"] if f32core else []))
        entry = re.search(r"\.visible \.entry (\w+)\(", ptx)
        maxntid = re.search(r"\.maxntid (\d+)", ptx)
        if not entry or not maxntid:
            raise SystemExit(f"gpu-bundle: no kernel entry in the PTX of {name}")
        with open(os.path.join(args.out, name + ".ptx"), "w") as f:
            f.write(ptx)
        reference = variant + ".so"
        if not fast:
            # The CPU path: the same function through gelu-cpu-pipeline,
            # with the cores the GPU kernel uses (not this host's defaults).
            source = run([runner, "--print-source"] + common)
            lowered = run([opt, "-", "--gelu-cpu-pipeline=vector-width=4 "
                           "exact-f32-core=f64 logistic-f32-core=" +
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
            "fast_math": fast, "logistic_f32_core": f32core,
            "ptx": name + ".ptx",
            "kernel": entry.group(1),
            "threads_per_block": int(maxntid.group(1)),
            "elements_per_thread": 16 // (4 if dtype == "f32" else 2),
            "cpu_reference": reference,
            "cpu_function": "_mlir_ciface_gelu_kernel"})
        print(f"gpu-bundle: {name}: {entry.group(1)}, "
              f"{maxntid.group(1)} threads per block")
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    shutil.copy(os.path.join(ROOT, "scripts", "gpu-bundle-run.py"), args.out)
    print(f"gpu-bundle: wrote {args.out}")


if __name__ == "__main__":
    main()
