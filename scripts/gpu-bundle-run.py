#!/usr/bin/env python3
"""Runs a bundle made by scripts/gpu-bundle.py on an NVIDIA GPU.

Needs CuPy (the kernels are loaded from their PTX with the CUDA driver,
launched with the MLIR GPU kernel ABI and timed with CUDA events) and
NumPy; PyTorch, when installed with CUDA, is timed on the same inputs
(torch.nn.functional.gelu, approximate='none' or 'tanh'). No LLVM or MLIR
is needed there.

For f32 and bf16, exact and tanh (and tanh with fast-math), and each size,
it prints one Markdown row: GB/s of gelu-mlir, of a device-to-device copy of
the same bytes (cudaMemcpyAsync) and of F.gelu (bytes read and written, the
median of --repetitions), the ratios, and the check of every result against
the CPU path (the bundle's shared library, the same function through
gelu-cpu-pipeline): 0 ulp expected, except fast-math (reported).

  python3 gpu-bundle-run.py BUNDLE [--sizes 1024,1048576,...]
  python3 gpu-bundle-run.py --cpu-check BUNDLE   # any machine: the CPU
                                                 # libraries against libm
"""

import argparse
import ctypes
import json
import math
import os
import statistics
import sys

import numpy as np


class MemRef1D(ctypes.Structure):
    _fields_ = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
                ("offset", ctypes.c_int64), ("size", ctypes.c_int64),
                ("stride", ctypes.c_int64)]


def cpu_function(bundle, config):
    library = ctypes.CDLL(os.path.join(bundle, config["cpu_reference"]))
    function = getattr(library, config["cpu_function"])
    function.argtypes = [ctypes.POINTER(MemRef1D), ctypes.POINTER(MemRef1D)]
    function.restype = None

    def call(x_bits):
        y_bits = np.empty_like(x_bits)
        n = x_bits.size
        x_ref = MemRef1D(x_bits.ctypes.data, x_bits.ctypes.data, 0, n, 1)
        y_ref = MemRef1D(y_bits.ctypes.data, y_bits.ctypes.data, 0, n, 1)
        function(ctypes.byref(x_ref), ctypes.byref(y_ref))
        return y_bits
    return call


def bits_dtype(dtype):
    return np.uint32 if dtype == "f32" else np.uint16


def to_float(bits, dtype):
    if dtype == "f32":
        return bits.view(np.float32).astype(np.float64)
    return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


def from_float32(values, dtype):
    """f32 values as the type's bits (bf16: rounded to nearest even)."""
    bits = values.astype(np.float32).view(np.uint32)
    if dtype == "f32":
        return bits.copy()
    rounded = (bits.astype(np.uint64) + 0x7FFF + ((bits >> 16) & 1)) >> 16
    nan = np.isnan(values)
    out = rounded.astype(np.uint16)
    out[nan] = 0x7FC0
    return out


def ulp_distance(a_bits, b_bits, dtype):
    """|ordered(a) - ordered(b)|, NaN = NaN; inf where one is NaN."""
    width = 32 if dtype == "f32" else 16
    sign = 1 << (width - 1)

    def ordered(bits):
        b = bits.astype(np.int64)
        return np.where(b & sign, -(b & (sign - 1)), b)
    fa, fb = to_float(a_bits, dtype), to_float(b_bits, dtype)
    distance = np.abs(ordered(a_bits) - ordered(b_bits)).astype(np.float64)
    both_nan = np.isnan(fa) & np.isnan(fb)
    one_nan = np.isnan(fa) ^ np.isnan(fb)
    distance[both_nan] = 0
    distance[one_nan] = math.inf
    return distance


def reference(x, approximation):
    """GELU in double from libm, without cancellation."""
    out = np.empty_like(x)
    for i, v in enumerate(x):
        if math.isnan(v):
            out[i] = math.nan
        elif approximation == "exact":
            out[i] = 0.5 * v * math.erfc(-v / math.sqrt(2.0)) if abs(v) < 40 \
                else (v if v > 0 else -0.0)
        else:
            c = max(-30.0, min(30.0, v))
            w = 2 * math.sqrt(2 / math.pi) * (c + 0.044715 * c ** 3)
            if v > 30:
                out[i] = v
            elif v < -30:
                out[i] = -0.0
            elif w >= 0:
                out[i] = c / (1 + math.exp(-w))
            else:
                e = math.exp(w)
                out[i] = c * e / (1 + e)
    return out


def cpu_check(bundle, manifest):
    """The CPU libraries against libm (f32: 1 ulp, bf16: 0.5 ulp + ties)."""
    rng = np.random.default_rng(1)
    values = np.concatenate([
        rng.standard_normal(20000) * 3,
        np.array([math.inf, -math.inf, math.nan, 0.0, -0.0, 1e-40, -1e-40,
                  -14.5, -10, -5, -3, 3, 5, 10, 1e30, -1e30])])
    failed = False
    for config in manifest["configs"]:
        if config["fast_math"]:
            continue
        dtype = config["type"]
        x_bits = from_float32(values.astype(np.float32), dtype)
        y_bits = cpu_function(bundle, config)(x_bits)
        exact = reference(to_float(x_bits, dtype), config["approximation"])
        rounded = from_float32(exact.astype(np.float32), dtype)
        # Within one ulp of the rounded reference: f32 is 0.66 ulp, bf16
        # correctly rounded (a double rounding of the reference through f32
        # can differ by one at a tie).
        worst = float(np.max(ulp_distance(y_bits, rounded, dtype)))
        ok = worst <= 1
        failed |= not ok
        print(f"cpu-check: {config['name']}: {values.size} values, "
              f"max {worst:g} ulp from libm: {'ok' if ok else 'FAIL'}")
    return 1 if failed else 0


def median_microseconds(cp, work, repetitions):
    work()
    cp.cuda.Device().synchronize()
    start, stop = cp.cuda.Event(), cp.cuda.Event()
    times = []
    for _ in range(repetitions):
        start.record()
        work()
        stop.record()
        stop.synchronize()
        times.append(cp.cuda.get_elapsed_time(start, stop) * 1e3)
    return statistics.median(times)


def gpu_run(bundle, manifest, sizes, repetitions):
    try:
        import cupy as cp
    except ImportError:
        print("gpu-bundle-run: skipped: CuPy is not installed")
        return 0
    try:
        count = cp.cuda.runtime.getDeviceCount()
    except cp.cuda.runtime.CUDARuntimeError as error:
        print(f"gpu-bundle-run: skipped: {error}")
        return 0
    if count == 0:
        print("gpu-bundle-run: skipped: no GPU")
        return 0
    try:
        import torch
        import torch.nn.functional as F
        if not torch.cuda.is_available():
            torch = None
    except ImportError:
        torch = None

    properties = cp.cuda.runtime.getDeviceProperties(0)
    driver = cp.cuda.runtime.driverGetVersion()
    print(f"device: {properties['name'].decode()}, driver "
          f"{driver // 1000}.{driver % 1000 // 10}, "
          f"PTX for {manifest['chip']}; PyTorch "
          f"{torch.__version__ if torch else 'not available'}")
    print(f"times: median of {repetitions} (CUDA events); GB/s count the "
          "bytes read and written\n")
    print("| type | mode | elements | gelu-mlir GB/s | copy GB/s | "
          "x copy | F.gelu GB/s | x F.gelu | check vs CPU path |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    failed = False
    for config in manifest["configs"]:
        dtype = config["type"]
        module = cp.RawModule(path=os.path.join(bundle, config["ptx"]))
        kernel = module.get_function(config["kernel"])
        core = config.get("logistic_f32_core", False)
        reference_config = next(
            c for c in manifest["configs"]
            if c["type"] == dtype and c["approximation"] ==
            config["approximation"] and not c["fast_math"] and
            c.get("logistic_f32_core", False) == core)
        cpu = cpu_function(bundle, reference_config)
        element_bytes = 4 if dtype == "f32" else 2
        for n in sizes:
            x32 = cp.random.standard_normal(n, dtype=cp.float32) * 2
            special = cp.asarray([np.inf, -np.inf, np.nan, 0.0, -0.0, -14.5,
                                  20.0, -20.0], dtype=cp.float32)
            x32[:min(n, special.size)] = special[:min(n, special.size)]
            if dtype == "f32":
                x = x32.view(cp.uint32)
            else:
                bits = x32.view(cp.uint32).astype(cp.uint64)
                x = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(
                    cp.uint16)
                del bits
            y = cp.empty_like(x)
            nbytes = n * element_bytes
            per_block = config["threads_per_block"] * \
                config["elements_per_thread"]
            blocks = (n + per_block - 1) // per_block
            args = (x, x, np.int64(0), np.int64(n), np.int64(1),
                    y, y, np.int64(0), np.int64(n), np.int64(1))

            def launch():
                kernel((blocks,), (config["threads_per_block"],), args)

            def copy():
                cp.cuda.runtime.memcpyAsync(
                    y.data.ptr, x.data.ptr, nbytes,
                    cp.cuda.runtime.memcpyDeviceToDevice, 0)
            copy_us = median_microseconds(cp, copy, repetitions)
            gelu_us = median_microseconds(cp, launch, repetitions)
            y_bits = y.get()
            expected = cpu(x.get())
            # Only the elements whose bits differ (a NaN may have other bits).
            where = np.nonzero(y_bits != expected)[0]
            distance = ulp_distance(y_bits[where], expected[where], dtype)
            worst = float(np.max(distance)) if distance.size else 0.0
            differing = int(np.count_nonzero(distance))
            bound = math.inf if config["fast_math"] else 0
            ok = worst <= bound
            failed |= not ok
            check = (f"{'ok' if ok else 'FAIL'}: {differing} differ, "
                     f"max {worst:g} ulp")
            torch_gbs, versus = "-", "-"
            if torch is not None:
                # Through a signed view: DLPack of unsigned 16/32-bit
                # integers is not supported everywhere.
                signed = x.view(cp.int32 if dtype == "f32" else cp.int16)
                xt = torch.from_dlpack(signed)
                xt = xt.view(torch.float32 if dtype == "f32"
                             else torch.bfloat16)
                mode = "none" if config["approximation"] == "exact" \
                    else "tanh"
                torch_us = median_microseconds(
                    cp, lambda: F.gelu(xt, approximate=mode), repetitions)
                torch_gbs = f"{2 * nbytes / torch_us / 1e3:.0f}"
                versus = f"{torch_us / gelu_us:.2f}"
            print(f"| {dtype} | {config['approximation']}"
                  f"{' fast-math' if config['fast_math'] else ''}"
                  f"{' (f32 core)' if core else ''} | {n} | "
                  f"{2 * nbytes / gelu_us / 1e3:.0f} | "
                  f"{2 * nbytes / copy_us / 1e3:.0f} | "
                  f"{copy_us / gelu_us:.3f} | {torch_gbs} | {versus} | "
                  f"{check} |")
            sys.stdout.flush()
            del x, y, x32
            cp.get_default_memory_pool().free_all_blocks()
    print("\nx copy: copy time / gelu-mlir time (1.0 = the copy bandwidth); "
          "x F.gelu: F.gelu time / gelu-mlir time (> 1: gelu-mlir faster).")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle")
    parser.add_argument("--cpu-check", action="store_true")
    parser.add_argument("--sizes", default=",".join(
        str(1 << k) for k in (10, 20, 26, 28, 30)))
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    with open(os.path.join(args.bundle, "manifest.json")) as f:
        manifest = json.load(f)
    if args.cpu_check:
        return cpu_check(args.bundle, manifest)
    sizes = [int(s) for s in args.sizes.split(",")]
    return gpu_run(args.bundle, manifest, sizes, args.repetitions)


if __name__ == "__main__":
    sys.exit(main())
