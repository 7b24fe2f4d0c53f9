#!/usr/bin/env python3
"""Measures how accurate exact GELU can be in f32 arithmetic.

Fits the coefficients with tools/gelu-coefficients (the same fits as the f64
core: exp(r) - 1 - r on [-ln2/2, ln2/2] and the (4,5) rational R(a) =
Q(a) exp(a^2/2), here on [0, 15]), rounds them to f32, compiles
f32_exact_study.c with clang-22 (FMA from the host) and prints the maximum
error per range of x against an f64 reference, for the all-f32 evaluation
and for variants with the exponential or the rational in f64.
docs/Numerics.md quotes its output.

Usage: python3 tools/gelu-f32-study/f32_exact_study.py [--stride N]
(--stride 1: every f32 input, a few minutes; default 7.)
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gelu-coefficients"))
import gelu_coefficients as g  # noqa: E402
import mpmath as mp  # noqa: E402


def array(ctype, name, values, suffix):
    body = ", ".join(float.hex(float(v)) + suffix for v in values)
    return f"static const {ctype} {name}[] = {{{body}}};\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stride", type=int, default=7)
    parser.add_argument("--cc", default="clang-22")
    args = parser.parse_args()

    mp.mp.dps = 40
    tail = g.remez_poly(g.expm1_tail, 4, -0.34661, 0.3466)
    numerator, denominator = g.fit_rational(g.mills, 4, 5, 0, 15)
    header = (array("float", "kExpm1Tail", tail, "f") +
              f"enum {{ kExpm1TailSize = {len(tail)} }};\n" +
              array("float", "kNumerator", numerator, "f") +
              array("float", "kDenominator", denominator, "f") +
              array("double", "kNumeratorF64", numerator, "") +
              array("double", "kDenominatorF64", denominator, "") +
              f"enum {{ kNumeratorSize = {len(numerator)}, "
              f"kDenominatorSize = {len(denominator)} }};\n")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "GeluStudyCoefficients.h"), "w") as f:
            f.write(header)
        exe = os.path.join(tmp, "f32_exact_study")
        subprocess.run([args.cc, "-O2", "-march=native", "-ffp-contract=off",
                        "-I", tmp, os.path.join(HERE, "f32_exact_study.c"),
                        "-o", exe, "-lm"], check=True)
        subprocess.run([exe, str(args.stride)], check=True)


if __name__ == "__main__":
    main()
