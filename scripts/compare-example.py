#!/usr/bin/env python3
"""Prints the output of docs/examples/gelu.mlir next to mpmath's values.

Reads lines `( x, GELU(x), GELU_tanh(x) )` of f32 bit patterns and prints
each value with the value mpmath computes at 256 bits and the error in ulps.
"""
import re
import struct
import sys

import mpmath

mpmath.mp.prec = 256


def f32(bits):
    return struct.unpack("<f", struct.pack("<I", bits & 0xFFFFFFFF))[0]


def exact(x):
    return x / 2 * mpmath.erfc(-x / mpmath.sqrt(2))


def tanh_form(x):
    u = mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x**3)
    return x / (1 + mpmath.exp(-2 * u))


def ulps(got, want):
    if want == 0:
        return 0.0 if got == 0 else float("inf")
    exponent = max(int(mpmath.floor(mpmath.log(abs(want), 2))), -126)
    return float(abs(mpmath.mpf(got) - want) / mpmath.mpf(2) ** (exponent - 23))


rows = 0
print(f"{'x':>5} | {'GELU(x)':>15} {'expected':>15} {'ulp':>5} |"
      f" {'GELU_tanh(x)':>15} {'expected':>15} {'ulp':>5}")
for line in sys.stdin:
    m = re.match(r"^\(\s*(-?\d+),\s*(-?\d+),\s*(-?\d+)\s*\)", line)
    if not m:
        continue
    x, e, t = (f32(int(v)) for v in m.groups())
    xe, xt = exact(mpmath.mpf(x)), tanh_form(mpmath.mpf(x))
    print(f"{x:>5g} | {e:>15.9g} {mpmath.nstr(xe, 9):>15} {ulps(e, xe):>5.2g} |"
          f" {t:>15.9g} {mpmath.nstr(xt, 9):>15} {ulps(t, xt):>5.2g}")
    rows += 1
if rows == 0:
    sys.exit("no values were printed")
print("expected: GELU at 256 bits (mpmath); ulp: the f32 result's error")
