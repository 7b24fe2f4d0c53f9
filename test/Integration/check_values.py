#!/usr/bin/env python3
"""Checks GELU values printed by an integration test against mpmath.

The test prints, for every input, one line `( <x bits>, <y bits> )` (the
output of `vector.print` on a vector<2xiN> of the bit patterns), after a
header line `GELU <type> <approximation> [<section name>]`. Each value is checked against
GELU(x) computed by mpmath with 256-bit precision, independently of the code
under test:

  exact:   x * Phi(x) = x/2 * erfc(-x/sqrt(2))
  tanh:    x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))   (exact reals)
  sigmoid: x / (1 + exp(-1.702 x))

The error is measured in ulps of the reference in the tested type (with the
subnormal spacing below the smallest normal). Special values must match
exactly: NaN for NaN, and for a reference of +-0 or +-inf the same value with
the same sign.
"""

import argparse
import re
import struct
import sys

import mpmath

mpmath.mp.prec = 256

# (bits, precision p, minimum normal exponent)
FORMATS = {
    "f64": (64, 53, -1022),
    "f32": (32, 24, -126),
    "f16": (16, 11, -14),
    "bf16": (16, 8, -126),
}


def decode(bits, fmt):
    width = FORMATS[fmt][0]
    bits &= (1 << width) - 1
    if fmt == "f64":
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    if fmt == "f32":
        return struct.unpack("<f", struct.pack("<I", bits))[0]
    if fmt == "f16":
        return struct.unpack("<e", struct.pack("<H", bits))[0]
    return struct.unpack("<f", struct.pack("<I", bits << 16))[0]


def reference(x, mode):
    """GELU(x) as an mpmath number (or a float for the special values)."""
    if x != x:
        return float("nan")
    if x in (float("inf"), float("-inf")):
        return x if x > 0 else -0.0
    if x == 0:
        return x  # keeps the sign of zero: GELU(-0) = -0
    if abs(x) > 1e4:
        # mpmath's erfc gives up on such arguments; every formula is x or -0
        # to far beyond any float precision there (the tail is below 2^-10^7).
        return x if x > 0 else -0.0
    xm = mpmath.mpf(x)
    if mode == "exact":
        return xm / 2 * mpmath.erfc(-xm / mpmath.sqrt(2))
    if mode == "tanh":
        u = mpmath.sqrt(2 / mpmath.pi) * (xm + mpmath.mpf("0.044715") * xm**3)
        # 1 + tanh(u) = 2 / (1 + exp(-2u)), which does not cancel for u < 0.
        return xm / (1 + mpmath.exp(-2 * u))
    if mode == "sigmoid":
        return xm / (1 + mpmath.exp(mpmath.mpf("-1.702") * xm))
    raise ValueError(mode)


def ulp_of(value, fmt):
    """The spacing of the format at |value| (an mpmath number, non-zero)."""
    _, prec, emin = FORMATS[fmt]
    exponent = int(mpmath.floor(mpmath.log(abs(value), 2)))
    return mpmath.mpf(2) ** (max(exponent, emin) - (prec - 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-ulp", type=float, required=True,
                        help="error bound, in ulps of the reference")
    parser.add_argument("--tail-ulp-per-x2", type=float, default=0.0,
                        help="adds this times x^2 to the bound for x < 0 "
                        "(lowerings that round -x/sqrt(2) before erfc)")
    parser.add_argument("--relative-to-x", action="store_true",
                        help="measure the error in ulps of x instead of the "
                        "reference (lowerings that cancel in the tail)")
    parser.add_argument("--only", metavar="APPROXIMATION",
                        help="check only the sections of this approximation")
    parser.add_argument("--section", metavar="NAME",
                        help="check only the sections whose header ends in "
                        "this name (`GELU <type> <approximation> <name>`)")
    parser.add_argument("--expect", type=int, required=True,
                        help="number of values the input must hold")
    parser.add_argument("input", nargs="?", type=argparse.FileType("r"),
                        default=sys.stdin)
    args = parser.parse_args()

    header = re.compile(r"^GELU (\w+) (\w+)(?: (\S+))?\s*$")
    pair = re.compile(r"^\(\s*(-?\d+),\s*(-?\d+)\s*\)\s*$")
    fmt = mode = section = None
    checked = failures = 0
    worst = {}
    for line in args.input:
        if m := header.match(line):
            fmt, mode, section = m.group(1), m.group(2), m.group(3)
            if fmt not in FORMATS:
                sys.exit(f"unknown type {fmt}")
            continue
        m = pair.match(line)
        if not m:
            continue
        if fmt is None:
            sys.exit("values before a GELU header")
        if args.only and mode != args.only:
            continue
        if args.section and section != args.section:
            continue
        x = decode(int(m.group(1)), fmt)
        y = decode(int(m.group(2)), fmt)
        ref = reference(x, mode)
        checked += 1
        where = f"{fmt} {mode} GELU({x!r}) = {y!r}"
        if isinstance(ref, float) and (ref != ref or ref == 0 or
                                        abs(ref) == float("inf")):
            same = (y != y) if ref != ref else (
                y == ref and str(y)[0] == str(ref)[0])
            if not same:
                print(f"FAIL {where}, expected {ref!r}")
                failures += 1
            continue
        if y != y or abs(y) == float("inf"):
            print(f"FAIL {where}, expected {mpmath.nstr(ref, 17)}")
            failures += 1
            continue
        scale = ulp_of(mpmath.mpf(x), fmt) if args.relative_to_x else \
            ulp_of(ref, fmt)
        err = float(abs(mpmath.mpf(y) - ref) / scale)
        bound = args.max_ulp + (args.tail_ulp_per_x2 * x * x if x < 0 else 0)
        key = (fmt, mode)
        worst[key] = max(worst.get(key, 0.0), err)
        if err > bound:
            print(f"FAIL {where}, expected {mpmath.nstr(ref, 17)}: "
                  f"{err:.3g} ulp > {bound:.3g}")
            failures += 1
    for (fmt, mode), err in sorted(worst.items()):
        print(f"worst {fmt} {mode}: {err:.3g} ulp")
    if checked != args.expect:
        print(f"FAIL checked {checked} values, expected {args.expect}")
        failures += 1
    print(f"checked {checked} values, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
