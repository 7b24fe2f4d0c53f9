#!/usr/bin/env python3
"""Checks the output of test/Integration/CPU/fused-ffn.mlir.

Each run prints, per output element, the bits of (h, y, s, g, z) under the
header "FFN h y s g geglu", then (s2, ...) under "FFN s2": h = x W + b, y the
layer's GELU(h), s = |x||W|, g = x V + c, z the GEGLU result, s2 = |x||V|.
The references are computed with mpmath from the printed h and g:

  |y - GELU(h)|       <= 1 ulp(GELU(h)) + d * e(s)
  |z - GELU(h) g|     <= 2 ulp(GELU(h) g) + d * e(s) |g| + |GELU(h)| e(s2)

where e(s) = gamma_K s is the bound on the rounding error of a K-term dot
product evaluated in any order (gamma_K = K u / (1 - K u), u = 2^-24) and
d = max |GELU'| = 1.129 carries it through GELU. The two runs (fused and
unfused) are also compared with each other, with twice those bounds.
"""

import argparse
import re
import struct
import sys

import mpmath

mpmath.mp.prec = 128
U = 2.0 ** -24
DERIVATIVE = 1.129


def f32(bits):
    return struct.unpack("<f", struct.pack("<I", bits & 0xFFFFFFFF))[0]


def read(path):
    sections, current = {}, None
    for line in open(path):
        if line.startswith("FFN"):
            current = sections.setdefault(line.strip(), [])
            continue
        m = re.match(r"^\(\s*(-?\d+(?:,\s*-?\d+)*)\s*\)", line)
        if m and current is not None:
            current.append([f32(int(v)) for v in m.group(1).split(",")])
    return sections["FFN h y s g geglu"], [r[0] for r in sections["FFN s2"]]


def gelu(h):
    h = mpmath.mpf(h)
    return h / 2 * mpmath.erfc(-h / mpmath.sqrt(2))


def ulp(v):
    v = abs(float(v))
    if v == 0:
        return 2.0 ** -149
    return 2.0 ** (max(mpmath.floor(mpmath.log(v, 2)), -126) - 23)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--expect", type=int, required=True)
    parser.add_argument("fused")
    parser.add_argument("unfused")
    args = parser.parse_args()
    gamma = args.k * U / (1 - args.k * U)
    runs = [read(args.fused), read(args.unfused)]
    counts = {"ffn": [0, 0], "geglu": [0, 0]}
    for rows, s2s in runs:
        for (h, y, s, g, z), s2 in zip(rows, s2s):
            ref = gelu(h)
            bound = ulp(ref) + DERIVATIVE * gamma * s
            counts["ffn"][0] += 1
            if abs(mpmath.mpf(y) - ref) > bound:
                counts["ffn"][1] += 1
                print(f"FAIL ffn: GELU({h!r}) = {y!r}, expected {ref}")
            refz = ref * g
            boundz = (2 * ulp(refz) + DERIVATIVE * gamma * s * abs(g) +
                      abs(ref) * gamma * s2)
            counts["geglu"][0] += 1
            if abs(mpmath.mpf(z) - refz) > boundz:
                counts["geglu"][1] += 1
                print(f"FAIL geglu: {z!r}, expected {refz}")
    for name, (n, bad) in counts.items():
        print(f"{name}: {n // 2} values, {bad} failures")
    if len(runs[0][0]) != args.expect or len(runs[1][0]) != args.expect:
        print(f"FAIL expected {args.expect} values per run")
        return 1
    # Fused against unfused.
    n = bad = 0
    for (a, b, sa) in zip(runs[0][0], runs[1][0], runs[0][1]):
        h, y1, s, g, z1 = a
        _, y2, _, _, z2 = b
        ref = gelu(h)
        n += 2
        if abs(y1 - y2) > 2 * (ulp(ref) + DERIVATIVE * gamma * s):
            bad += 1
            print(f"FAIL fused {y1!r} vs unfused {y2!r}")
        refz = ref * g
        if abs(z1 - z2) > 2 * (2 * ulp(refz) + DERIVATIVE * gamma * s * abs(g)
                               + abs(ref) * gamma * sa):
            bad += 1
            print(f"FAIL fused GEGLU {z1!r} vs unfused {z2!r}")
    print(f"fused vs unfused: {n} values, {bad} failures")
    return 1 if bad or any(c[1] for c in counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
