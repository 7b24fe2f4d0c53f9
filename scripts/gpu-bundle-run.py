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
import concurrent.futures
import ctypes
import json
import math
import os
import statistics
import sys
import traceback

import numpy as np


class MemRef1D(ctypes.Structure):
    _fields_ = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
                ("offset", ctypes.c_int64), ("size", ctypes.c_int64),
                ("stride", ctypes.c_int64)]


def cpu_function(bundle, config, threads=None):
    """The CPU path as a function of bits, run on chunks by `threads`
    threads (the ctypes call releases the GIL)."""
    library = ctypes.CDLL(os.path.join(bundle, config["cpu_reference"]))
    function = getattr(library, config["cpu_function"])
    function.argtypes = [ctypes.POINTER(MemRef1D), ctypes.POINTER(MemRef1D)]
    function.restype = None
    threads = threads or os.cpu_count() or 1

    def call(x_bits):
        y_bits = np.empty_like(x_bits)
        n = x_bits.size
        step = x_bits.itemsize
        chunk = 1 << 20

        def part(start):
            count = min(chunk, n - start)
            x_address = x_bits.ctypes.data + start * step
            y_address = y_bits.ctypes.data + start * step
            x_ref = MemRef1D(x_address, x_address, 0, count, 1)
            y_ref = MemRef1D(y_address, y_address, 0, count, 1)
            function(ctypes.byref(x_ref), ctypes.byref(y_ref))
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            list(pool.map(part, range(0, n, chunk)))
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
    checked = set()
    for config in manifest["configs"]:
        if config["fast_math"] or config["cpu_reference"] in checked:
            continue
        checked.add(config["cpu_reference"])
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


def compare(y_bits, expected, dtype):
    """(elements that differ, largest ulp distance), in chunks."""
    differing, worst = 0, 0.0
    chunk = 1 << 24
    for start in range(0, y_bits.size, chunk):
        a, b = y_bits[start:start + chunk], expected[start:start + chunk]
        # Only the elements whose bits differ (a NaN may have other bits).
        where = np.nonzero(a != b)[0]
        if where.size:
            distance = ulp_distance(a[where], b[where], dtype)
            differing += int(np.count_nonzero(distance))
            worst = max(worst, float(np.max(distance)))
    return differing, worst


def make_input(cp, n, dtype):
    """N(0, 2^2) values with the special ones first, as the type's bits."""
    x32 = cp.random.standard_normal(n, dtype=cp.float32) * 2
    special = cp.asarray([np.inf, -np.inf, np.nan, 0.0, -0.0, -14.5,
                          20.0, -20.0], dtype=cp.float32)
    x32[:min(n, special.size)] = special[:min(n, special.size)]
    if dtype == "f32":
        return x32.view(cp.uint32)
    bits = x32.view(cp.uint32).astype(cp.uint64)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(cp.uint16)


def mode_name(config):
    return (config["approximation"] +
            (" fast-math" if config["fast_math"] else "") +
            ((" (piecewise)" if config["approximation"] == "exact"
              else " (f32 core)")
             if config.get("f32_core") else "") +
            (f" (maxnreg {config['max_registers']})"
             if config.get("max_registers") else "") +
            (f" (table, {config['bf16_table']})"
             if config.get("bf16_table") else "") +
            ("" if config.get("hardware_approximations", True)
             else " (IEEE div, poly exp)"))


def threads_note(config):
    threads = config["threads_per_block"]
    return "" if threads == 256 else f", {threads} threads"


def ulp_bound(config):
    bound = config.get("max_ulp_vs_cpu", None if config["fast_math"] else 0)
    return math.inf if bound is None else bound


def launch_kernel(kernel, config, x, y, n):
    per_block = config["threads_per_block"] * config["elements_per_thread"]
    blocks = (n + per_block - 1) // per_block
    kernel((blocks,), (config["threads_per_block"],),
           (x, x, np.int64(0), np.int64(n), np.int64(1),
            y, y, np.int64(0), np.int64(n), np.int64(1)))


def true_ulp_errors(x_bits, y_bits, dtype, approximation):
    """|y - GELU(x)| in ulps of the type at GELU(x), GELU from mpmath at 40
    digits (x and y as the type's bits)."""
    import mpmath
    mpmath.mp.dps = 40
    xs, ys = to_float(x_bits, dtype), to_float(y_bits, dtype)
    precision = 24 if dtype == "f32" else 8
    errors = []
    for x, y in zip(xs, ys):
        if math.isnan(x) or math.isinf(x):
            continue
        xm = mpmath.mpf(float(x))
        if approximation == "exact":
            exact = xm * mpmath.ncdf(xm)
        else:
            u = mpmath.sqrt(2 / mpmath.pi) * (xm + mpmath.mpf(0.044715) *
                                               xm ** 3)
            exact = xm / (1 + mpmath.exp(-2 * u))
        exponent = max(int(mpmath.floor(mpmath.log(abs(exact), 2)))
                       if exact != 0 else -126, -126)
        ulp = mpmath.ldexp(1, exponent - precision + 1)
        errors.append(float(abs(mpmath.mpf(float(y)) - exact) / ulp))
    return max(errors) if errors else 0.0


def f64_ulp_errors(x_bits, y_bits, dtype, approximation):
    """|y - GELU(x)| in ulps of the type at GELU(x), GELU in f64 (its own
    error, about 2^-50 relative, is far below what is printed); None where
    the exact form needs an erfc that NumPy lacks and SciPy is missing."""
    x, y = to_float(x_bits, dtype), to_float(y_bits, dtype)
    finite = np.isfinite(x)
    x, y = x[finite], y[finite]
    with np.errstate(all="ignore"):
        if approximation == "exact":
            try:
                from scipy.special import erfc
            except ImportError:
                return None
            exact = 0.5 * x * erfc(-x / math.sqrt(2.0))
        else:
            c = np.clip(x, -30.0, 30.0)
            w = 2 * math.sqrt(2 / math.pi) * (c + 0.044715 * c ** 3)
            e = np.exp(-np.abs(w))
            exact = np.where(w >= 0, c / (1 + e), c * e / (1 + e))
            exact = np.where(x > 30, x, np.where(x < -30, -0.0, exact))
        precision = 24 if dtype == "f32" else 8
        exponent = np.maximum(np.floor(np.log2(np.abs(exact))), -126)
        exponent = np.where(exact == 0, -126, exponent)
        ulp = np.ldexp(1.0, (exponent - precision + 1).astype(np.int32))
        errors = np.abs(y - exact) / ulp
    return float(np.max(errors)) if errors.size else 0.0


def exhaustive(cp, bundle, manifest, names):
    """Every input of the named kernels (2^32 for f32, 2^16 for bf16) against
    the CPU path; the inputs where the bits differ are also measured against
    mpmath, both results."""
    print("\n| type | kernel | inputs | differ from the CPU path | max ulps vs "
          "CPU | worst error where they differ: GPU, CPU (ulps, mpmath) |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    failed = False
    for config in manifest["configs"]:
        if config["name"] not in names:
            continue
        dtype = config["type"]
        try:
            module = cp.RawModule(path=os.path.join(bundle, config["ptx"]))
            kernel = module.get_function(config["kernel"])
            cpu = cpu_function(bundle, config)
            total = 1 << (32 if dtype == "f32" else 16)
            chunk = min(total, 1 << 28)
            differing, worst = 0, 0.0
            kept_x, kept_gpu, kept_cpu = [], [], []
            # Where the bits differ, every input: error in f64 of both.
            gpu_f64, cpu_f64 = 0.0, 0.0
            for start in range(0, total, chunk):
                x = cp.arange(start, start + chunk, dtype=cp.int64).astype(
                    cp.uint32 if dtype == "f32" else cp.uint16)
                y = cp.empty_like(x)
                launch_kernel(kernel, config, x, y, chunk)
                y_host, x_host = y.get(), x.get()
                del x, y
                expected = cpu(x_host)
                where = np.nonzero(y_host != expected)[0]
                if where.size:
                    distance = ulp_distance(y_host[where], expected[where],
                                            dtype)
                    real = where[distance > 0]
                    differing += real.size
                    if real.size:
                        worst = max(worst, float(np.max(distance)))
                        g = f64_ulp_errors(x_host[real], y_host[real], dtype,
                                           config["approximation"])
                        c = f64_ulp_errors(x_host[real], expected[real],
                                           dtype, config["approximation"])
                        if g is not None:
                            gpu_f64, cpu_f64 = max(gpu_f64, g), max(cpu_f64, c)
                    room = 20000 - sum(a.size for a in kept_x)
                    if room > 0:
                        kept_x.append(x_host[real[:room]])
                        kept_gpu.append(y_host[real[:room]])
                        kept_cpu.append(expected[real[:room]])
            cp.get_default_memory_pool().free_all_blocks()
            truth = "-"
            if kept_x:
                xs = np.concatenate(kept_x)
                gpu_error = true_ulp_errors(xs, np.concatenate(kept_gpu),
                                            dtype, config["approximation"])
                cpu_error = true_ulp_errors(xs, np.concatenate(kept_cpu),
                                            dtype, config["approximation"])
                shown = ", ".join(
                    f"{v:.9g}" for v in to_float(xs[:4], dtype))
                truth = (f"{gpu_error:.3f}, {cpu_error:.3f} "
                         f"({xs.size} inputs, mpmath; first: {shown}); "
                         f"all {differing} in f64: {gpu_f64:.3f}, "
                         f"{cpu_f64:.3f}")
            ok = worst <= ulp_bound(config)
            failed |= not ok
            print(f"| {dtype} | {config['name']} | {total} | {differing} "
                  f"| {worst:g} ({'ok' if ok else 'FAIL'}) | {truth} |")
        except Exception:  # Reported; the others still run.
            failed = True
            print(f"| {dtype} | {config['name']} | | | ERROR | |")
            traceback.print_exc()
        sys.stdout.flush()
    return failed


def gpu_run(bundle, manifest, sizes, repetitions, exhaustive_names,
            types=("f32", "bf16")):
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
    print(f"device: {properties['name'].decode()}, "
          f"{properties['multiProcessorCount']} SMs, driver "
          f"{driver // 1000}.{driver % 1000 // 10}, "
          f"PTX for {manifest['chip']}; PyTorch "
          f"{torch.__version__ if torch else 'not available'}")
    print(f"times: median of {repetitions} (CUDA events); GB/s count the "
          "bytes read and written\n")
    print("| type | mode | per thread | elements | gelu-mlir GB/s | copy GB/s "
          "| x copy | F.gelu GB/s | x F.gelu | check vs CPU path |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: "
          "| --- |")
    sys.stdout.flush()
    # Clocks up before the first timing: about a second of copies.
    warm = cp.empty(1 << 28, dtype=cp.uint8)
    for _ in range(200):
        cp.cuda.runtime.memcpyAsync(warm.data.ptr, warm.data.ptr + (1 << 27),
                                    1 << 27,
                                    cp.cuda.runtime.memcpyDeviceToDevice, 0)
    cp.cuda.Device().synchronize()
    del warm
    failed = False
    for dtype in types:
        configs = [c for c in manifest["configs"] if c["type"] == dtype]
        kernels, cpus = {}, {}
        for config in configs:
            try:
                module = cp.RawModule(path=os.path.join(bundle, config["ptx"]))
                kernels[config["name"]] = module.get_function(config["kernel"])
            except Exception as error:  # Reported; the others still run.
                failed = True
                print(f"gpu-bundle-run: {config['name']}: cannot load: "
                      f"{error!r}", file=sys.stderr)
        element_bytes = 4 if dtype == "f32" else 2
        for n in sizes:
            x = make_input(cp, n, dtype)
            y = cp.empty_like(x)
            x_host = x.get()
            nbytes = n * element_bytes

            def copy():
                cp.cuda.runtime.memcpyAsync(
                    y.data.ptr, x.data.ptr, nbytes,
                    cp.cuda.runtime.memcpyDeviceToDevice, 0)
            copy_us = median_microseconds(cp, copy, repetitions)
            torch_us = {}
            if torch is not None:
                # Through a signed view: DLPack of unsigned 16/32-bit
                # integers is not supported everywhere.
                signed = x.view(cp.int32 if dtype == "f32" else cp.int16)
                xt = torch.from_dlpack(signed).view(
                    torch.float32 if dtype == "f32" else torch.bfloat16)
                for mode in ("none", "tanh"):
                    torch_us[mode] = median_microseconds(
                        cp, lambda: F.gelu(xt, approximate=mode),
                        repetitions)
                del xt, signed
            expected = {}
            for config in configs:
                if config["name"] not in kernels:
                    continue
                try:
                    kernel = kernels[config["name"]]

                    def launch():
                        launch_kernel(kernel, config, x, y, n)
                    y.fill(0)
                    gelu_us = median_microseconds(cp, launch, repetitions)
                    key = (config["approximation"],
                           config.get("f32_core", False))
                    if key not in expected:
                        # Every config of this key names the same library.
                        if key not in cpus:
                            cpus[key] = cpu_function(bundle, config)
                        expected[key] = cpus[key](x_host)
                    differing, worst = compare(y.get(), expected[key], dtype)
                    ok = worst <= ulp_bound(config)
                    failed |= not ok
                    check = (f"{'ok' if ok else 'FAIL'}: {differing} differ, "
                             f"max {worst:g} ulp")
                    torch_gbs, versus = "-", "-"
                    mode = "none" if config["approximation"] == "exact" \
                        else "tanh"
                    if mode in torch_us:
                        torch_gbs = f"{2 * nbytes / torch_us[mode] / 1e3:.0f}"
                        versus = f"{torch_us[mode] / gelu_us:.2f}"
                    registers = config.get("registers")
                    print(f"| {dtype} | {mode_name(config)} | "
                          f"{config['elements_per_thread'] * element_bytes} B"
                          f"{f', {registers} regs' if registers else ''}"
                          f"{threads_note(config)} | "
                          f"{n} | {2 * nbytes / gelu_us / 1e3:.0f} | "
                          f"{2 * nbytes / copy_us / 1e3:.0f} | "
                          f"{copy_us / gelu_us:.3f} | {torch_gbs} | "
                          f"{versus} | {check} |")
                except Exception:  # Reported; the others still run.
                    failed = True
                    print(f"| {dtype} | {mode_name(config)} | | {n} | | | | "
                          f"| | ERROR (see stderr) |")
                    traceback.print_exc()
                sys.stdout.flush()
            del x, y, x_host, expected
            cp.get_default_memory_pool().free_all_blocks()
    print("\nx copy: copy time / gelu-mlir time (1.0 = the copy bandwidth); "
          "x F.gelu: F.gelu time / gelu-mlir time (> 1: gelu-mlir faster); "
          "per thread: bytes each thread loads (one or two 16-byte vectors) "
          "and its registers (ptxas -v where the bundle was made).")
    if exhaustive_names:
        failed |= exhaustive(cp, bundle, manifest, exhaustive_names)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle")
    parser.add_argument("--cpu-check", action="store_true")
    parser.add_argument("--sizes", default=",".join(
        str(1 << k) for k in (10, 20, 26, 28, 30)))
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--types", default="f32,bf16",
                        help="element types of the timed table")
    parser.add_argument(
        "--exhaustive", default="",
        help="comma-separated kernel names (the manifest's) to run on every "
        "input against the CPU path, or 'bf16' for every bf16 kernel that is "
        "not fast-math")
    args = parser.parse_args()
    with open(os.path.join(args.bundle, "manifest.json")) as f:
        manifest = json.load(f)
    if args.cpu_check:
        return cpu_check(args.bundle, manifest)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    names = set()
    for name in args.exhaustive.split(","):
        if name == "bf16":
            names |= {c["name"] for c in manifest["configs"]
                      if c["type"] == "bf16" and not c["fast_math"]}
        elif name:
            names.add(name)
    return gpu_run(args.bundle, manifest, sizes, args.repetitions, names,
                   [t for t in args.types.split(",") if t])


if __name__ == "__main__":
    sys.exit(main())
