#!/usr/bin/env python3
"""Generates the coefficients of gelu-approximate and prints their error bounds.

Every approximation gelu-approximate emits is fitted here, with mpmath at
192 bits, and written to
lib/Dialect/Gelu/Transforms/GeluApproximationCoefficients.inc. Run it with no
arguments to regenerate that file (a minute or two), or with --verify to
re-measure the error bounds of the coefficients in the checked-in file
(seconds; the lit suite does this).

The approximations (see docs/Numerics.md for how they are combined):

  exp_poly   exp(r) on |r| <= ln2/2 (+ margin), degree 6, relative error.
             Used by the f64 core (f32, f16, bf16 GELU) with
             exp(y) = 2^k exp(y - k ln2).
  exp_poly_f32  the same at degree 5 (relative error 2^-23.7, what f32
             arithmetic can use): the f32 fast path of f16 and bf16 GELU.
  mills      R(a) = Q(a) exp(a^2/2) = erfc(a/sqrt2)/2 * exp(a^2/2) on
             [0, 16], a rational P4(a)/D5(a), relative error: the scaled
             Gaussian tail, so that Q(a) = exp(-a^2/2) R(a).

  For the piecewise f32 core of exact f32 GELU (f32 arithmetic, 16-entry
  lookups; gelu-approximate's exact-f32-core=piecewise):
  piecewise_tail  S(a) = a R(a) = a Q(a) exp(a^2/2) on 16 intervals covering
             [0, 15), chosen by the top two mantissa bits and the low two
             exponent bits of a + 1 (4 per binade of a + 1 in [1, 16)).
             On interval j, with u = a - origin[j]:
               S = (c0[j] + lambda[j] u) + u P_j(u),
             P_j of degree 5 with f32 coefficients. origin[j] is the f32
             within 4096 ulps above the interval's left end at which S is
             nearest an f32 (within 2^-12 of its ulp), and c0 = S(origin)
             rounded; on [0, 1/4) origin = 0, c0 = 0 and lambda = 1/2 (0
             elsewhere): the leading term is exact, so only the small
             u P_j(u) part rounds. Relative error, weighted minimax.
             gelu-approximate evaluates 2 S, with the leading term
             min(lead2[j], a) (lead2 = 2 c0, or 1 where lambda = 1/2):
             --verify checks that this picks 2 c0 + 2 lambda u everywhere.
  piecewise_exp  exp(r) = 1 + r P(r) on |r| <= ln2/2 (+ margin), P of degree 5
             with f32 coefficients, relative error on exp.

  For the f32 core of the tanh form and QuickGELU in f32 (f32 arithmetic;
  gelu-approximate's logistic-f32-core=f32):
  logistic_exp2  2^-g = 1 + g P(g) on |g| <= 1/2 (+ margin), P of degree 5
             with f32 coefficients, relative error on 2^-g: exp(-w) =
             2^-k 2^-g with w log2(e) = k + g split in two f32s.
  logistic_exp2_table  for logistic-f32-core=f32-table: 2^-g = 1 + g P(g)
             on |g| <= 1/32 (+ margin), P of degree 2 with f32
             coefficients, relative error on 2^-g, where w log2(e) =
             N/16 + g and 2^(j/16) (j = -N mod 16) comes from a table:
             T_j = 2^(j/16) rounded to f32, and delta_j = log2(T_j) - j/16
             rounded to f32, which the core adds to g (2^(j/16) =
             T_j 2^-delta_j); logistic_exp2_delta is the error of delta_j.

  For f64 GELU (double-double evaluation):
  expm1_f64  S(r) = (expm1(r) - r) / r^2 on |r| <= ln2/2, degree 10, so that
             exp(r) = 1 + (r + r^2 S(r)); error measured on exp(r).
  mills_f64  R(a) on [0, 40] (f64 GELU underflows at -38.5), a rational
             P10/D11 with double-double coefficients (hi + lo).

Errors are measured on a dense grid (20001 points plus a local refinement
around the worst one) with the coefficients rounded to double, as the
generated code uses them.
"""

import argparse
import os
import re
import struct
import sys

import mpmath as mp

mp.mp.prec = 192
HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "..", "lib", "Dialect", "Gelu", "Transforms",
                      "GeluApproximationCoefficients.inc")

EXP_RANGE = (-0.3466, 0.3466)   # ln2/2 = 0.34657..., plus rounding margin
EXP2_RANGE = (-0.5001, 0.5001)  # 1/2, plus the low part of w log2(e)
# 1/32, plus the low part of w log2(e) (below 2^-17) and delta_j (2^-23.8).
EXP2_TABLE_RANGE = (-(1.0 / 32 + 2.0**-16), 1.0 / 32 + 2.0**-16)
MILLS_RANGE = (0, 16)
MILLS_F64_RANGE = (0, 40)
# a + 1 rounds to f32, so a may lie up to half an ulp of a + 1 (2^-21 below
# 16) outside the interval its index names.
PIECEWISE_MARGIN = 2.0**-19


def mills(a):
    a = mp.mpf(a)
    return mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def scaled_tail(a):
    return mp.mpf(a) * mills(a)


def horner(coeffs, x):
    acc = mp.mpf(0)
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def to_double(v):
    return float(v)


def split_double_double(v):
    hi = float(v)
    return hi, float(mp.mpf(v) - mp.mpf(hi))


# --------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------

def exchange(err, npts):
    """Remez exchange on a grid's errors: one extremum per run of equal sign,
    trimmed at the ends to `npts` (their indices), or None when there are
    fewer runs than that (the fit has converged as far as the grid shows)."""
    ext, start = [], 0
    for i in range(1, len(err) + 1):
        if i == len(err) or (err[i] >= 0) != (err[start] >= 0):
            ext.append(max(range(start, i), key=lambda k: abs(err[k])))
            start = i
    if len(ext) < npts:
        return None
    while len(ext) > npts:
        ext.pop(0 if abs(err[ext[0]]) < abs(err[ext[-1]]) else -1)
    return ext


def remez_poly(f, degree, lo, hi, iters=20):
    """Minimax polynomial for the relative error of f on [lo, hi] (Remez)."""
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    npts = degree + 2
    xs = [(lo + hi) / 2 - (hi - lo) / 2 * mp.cos(mp.pi * (i + 0.5) / npts)
          for i in range(npts)]
    grid = [lo + (hi - lo) * i / 4000 for i in range(4001)]
    coeffs = None
    for _ in range(iters):
        rows = [[x**j / f(x) for j in range(degree + 1)] + [(-1) ** i]
                for i, x in enumerate(xs)]
        sol = mp.lu_solve(mp.matrix(rows), mp.matrix([1] * npts))
        coeffs = [sol[j] for j in range(degree + 1)]
        ext = exchange([(horner(coeffs, x) - f(x)) / f(x) for x in grid],
                       npts)
        if ext is None:
            break
        xs = [grid[j] for j in ext]
    return coeffs


def to_f32(v):
    return struct.unpack("f", struct.pack("f", float(v)))[0]


def piecewise_intervals():
    """(j, left, right) for the 16 intervals of a in [0, 15): b = a + 1 in
    [2^e (1 + m/4), 2^e (1 + (m+1)/4)), e = 0..3, m = 0..3, and j = the
    low two exponent bits and top two mantissa bits of b's f32 encoding,
    (bits(b) >> 21) & 15."""
    out = []
    for e in range(4):
        for m in range(4):
            lo = 2.0**e * (1 + m / 4)
            hi = 2.0**e * (1 + (m + 1) / 4)
            j = (struct.unpack("I", struct.pack("f", lo))[0] >> 21) & 15
            out.append((j, lo - 1, hi - 1))
    return sorted(out)


def remez_weighted(gs, ws, xs_grid, degree, iters=25):
    """Minimax polynomial P of `degree` for max |(P(x) - g(x)) w(x)| over
    a grid (gs, ws: g and w there, precomputed; w may change sign)."""
    n = len(xs_grid)
    npts = degree + 2
    idx = [int((n - 1) * (1 - mp.cos(mp.pi * (i + 0.5) / npts)) / 2)
           for i in range(npts)]
    coeffs = None
    for _ in range(iters):
        rows = [[xs_grid[k]**j * ws[k] for j in range(degree + 1)] +
                [(-1) ** i] for i, k in enumerate(idx)]
        sol = mp.lu_solve(mp.matrix(rows),
                          mp.matrix([gs[k] * ws[k] for k in idx]))
        coeffs = [sol[j] for j in range(degree + 1)]
        ext = exchange([(horner(coeffs, x) - g) * w
                        for x, g, w in zip(xs_grid, gs, ws)], npts)
        if ext is None:
            break
        idx = ext
    return coeffs


def remez_weighted_f32(gs, ws, xs_grid, degree, zero_constant=False):
    """remez_weighted with f32 coefficients, rounded one at a time from the
    lowest degree up, the rest refitted after each rounding (so that the
    rounding of the large low-degree coefficients is compensated).
    zero_constant: the constant coefficient is 0 (where g(0) = 0), the
    rest fitted around it."""
    fixed = []
    gs, ws = list(gs), list(ws)
    for d in range(degree, -1, -1):
        if zero_constant and d == degree:
            c = 0.0
        else:
            c = to_f32(remez_weighted(gs, ws, xs_grid, d)[0])
        fixed.append(c)
        # g = c + x g' with the weight of g' x.
        gs = [(g - c) / x for g, x in zip(gs, xs_grid)]
        ws = [w * x for w, x in zip(ws, xs_grid)]
    return fixed


def next_f32(v):
    bits = struct.unpack("I", struct.pack("f", v))[0]
    return struct.unpack("f", struct.pack("I", bits + 1))[0]


def exact_origin(left, tries=4096):
    """The f32 among the `tries` from `left` up at which S is nearest an f32
    (relative to S's ulp), so that S(origin) is one f32 to 2^-12 ulp or
    better: a two-f32 leading term would cost a table."""
    best = None
    origin = left
    for _ in range(tries):
        value = scaled_tail(origin)
        rounded = mp.mpf(to_f32(value))
        _, exponent = mp.frexp(rounded)
        miss = abs(value - rounded) / mp.ldexp(1, exponent - 24)
        if best is None or miss < best[0]:
            best = (miss, origin)
        if miss < 2.0**-14:
            break
        origin = next_f32(origin)
    return best[1]


def fit_piecewise(degree=5, points=600):
    """The piecewise S(a): per interval j, its origin, c0, lambda and the
    f32 coefficients of P_j (increasing degree)."""
    saved = mp.mp.prec
    mp.mp.prec = 96
    table = []
    for j, left, right in piecewise_intervals():
        origin = exact_origin(left) if left > 0 else 0.0
        lo = left - origin - PIECEWISE_MARGIN if left > 0 else 0.0
        hi = right - origin + PIECEWISE_MARGIN
        us = [mp.mpf(lo) + (mp.mpf(hi) - lo) * (i + 0.5) / points
              for i in range(points)]
        lam = mp.mpf(0.5) if left == 0 else mp.mpf(0)
        c0 = mp.mpf(to_f32(scaled_tail(origin))) if left > 0 else mp.mpf(0)
        ss = [scaled_tail(origin + u) for u in us]
        gs = [(sv - c0 - lam * u) / u for u, sv in zip(us, ss)]
        ws = [u / sv for u, sv in zip(us, ss)]
        # On [0, 1/4) P_j(0) = S'(0) - 1/2 = 0, and is fitted as exactly
        # 0: u P_j(u) is then +0 at u = +0 (a negative P_j(0) made it -0,
        # and GELU(-0) +0 once the core sums its terms into the result).
        p = remez_weighted_f32(gs, ws, us, degree, zero_constant=left == 0)
        table.append({"left": left, "right": right, "origin": origin,
                      "c0": float(c0), "lambda": float(lam), "p": p})
    mp.mp.prec = saved
    return table


def fit_expm1_f32(degree=5, points=600):
    """P with exp(r) = 1 + r P(r), f32 coefficients, minimax relative
    error on exp over EXP_RANGE."""
    lo, hi = map(mp.mpf, EXP_RANGE)
    rs = [lo + (hi - lo) * (i + 0.5) / points for i in range(points)]
    gs = [mp.expm1(r) / r for r in rs]
    ws = [r / mp.exp(r) for r in rs]
    return remez_weighted_f32(gs, ws, rs, degree)


def lawson_f32(xs, targets, degree, iters=200):
    """f32 coefficients of P for t = 1 + x P(x), minimax relative error over
    the points xs (targets t there): the coefficients are rounded one at a
    time from the lowest degree up, the rest refitted after each rounding.
    Each fit is Lawson's iteratively reweighted least squares: a Remez
    exchange needs the Haar condition, which the weight x of the refitted
    part (zero inside the interval) breaks."""
    fixed = []
    with mp.workdps(40):
        for d in range(degree + 1):
            unknowns = degree + 1 - d
            rows, rhs = [], []
            for x, t in zip(xs, targets):
                done = 1 + x * horner(fixed, x) if fixed else mp.mpf(1)
                rows.append([x ** (d + 1 + i) / t for i in range(unknowns)])
                rhs.append((t - done) / t)
            w = [mp.mpf(1) / len(xs)] * len(xs)
            for _ in range(iters):
                a = mp.matrix(unknowns, unknowns)
                v = mp.matrix(unknowns, 1)
                for row, r, wk in zip(rows, rhs, w):
                    for i in range(unknowns):
                        v[i] += wk * row[i] * r
                        for j in range(unknowns):
                            a[i, j] += wk * row[i] * row[j]
                sol = mp.lu_solve(a, v)
                errs = [abs(sum(row[i] * sol[i] for i in range(unknowns)) - r)
                        for row, r in zip(rows, rhs)]
                w = [wk * e for wk, e in zip(w, errs)]
                total = sum(w)
                w = [wk / total for wk in w]
            fixed.append(mp.mpf(to_f32(sol[0])))
    return [float(c) for c in fixed]


def fit_exp2neg_f32(degree=5, points=400):
    """P with 2^-g = 1 + g P(g), f32 coefficients, minimax relative error
    on 2^-g over EXP2_RANGE."""
    lo, hi = map(mp.mpf, EXP2_RANGE)
    xs = [lo + (hi - lo) * (i + 0.5) / points for i in range(points)]
    return lawson_f32(xs, [mp.power(2, -x) for x in xs], degree, iters=60)


def fit_exp2neg_table_f32(degree=2, points=400):
    """The same on EXP2_TABLE_RANGE, for the table core."""
    lo, hi = map(mp.mpf, EXP2_TABLE_RANGE)
    xs = [lo + (hi - lo) * (i + 0.5) / points for i in range(points)]
    return lawson_f32(xs, [mp.power(2, -x) for x in xs], degree, iters=60)


def exp2_table():
    """T_j = 2^(j/16) rounded to f32 and delta_j = log2(T_j) - j/16
    rounded to f32, j = 0..15."""
    table = [to_f32(mp.power(2, mp.mpf(j) / 16)) for j in range(16)]
    delta = [to_f32(mp.log(mp.mpf(t), 2) - mp.mpf(j) / 16)
             for j, t in enumerate(table)]
    return [float(t) for t in table], [float(d) for d in delta]


def piecewise_value(entry, u):
    u = mp.mpf(u)
    return (mp.mpf(entry["c0"]) +
            mp.mpf(entry["lambda"]) * u +
            u * horner([mp.mpf(c) for c in entry["p"]], u))


def piecewise_error(table, points=1500):
    """Max relative error of the piecewise S over all intervals, margins
    included (the f32 coefficients evaluated exactly)."""
    saved = mp.mp.prec
    mp.mp.prec = 96
    worst = mp.mpf(0)
    for (j, left, right) in piecewise_intervals():
        entry = table[j]
        origin = entry["origin"]
        lo = left - origin - PIECEWISE_MARGIN if left > 0 else 2.0**-30
        hi = right - origin + PIECEWISE_MARGIN
        for i in range(points + 1):
            u = mp.mpf(lo) + (mp.mpf(hi) - lo) * i / points
            e = abs(piecewise_value(entry, u) / scaled_tail(origin + u) - 1)
            worst = max(worst, e)
    mp.mp.prec = saved
    return worst


def piecewise_lead_selectable(table):
    """Whether gelu-approximate can pick the (doubled) leading term as
    min(lead2[j], a): lead2 = 2 c0 must lie below every a of interval j
    where lambda = 0, and lead2 = 1 above every a of the interval where
    lambda = 1/2 (there the leading term is 2 u/2 = a), margins included."""
    for (j, left, right) in piecewise_intervals():
        entry = table[j]
        if entry["lambda"] == 0:
            if not 2 * entry["c0"] < left - PIECEWISE_MARGIN:
                return False
        elif not (entry["origin"] == 0 and entry["c0"] == 0
                  and entry["lambda"] == 0.5
                  and right + PIECEWISE_MARGIN < 1):
            return False
    return True


def fit_rational(f, m, n, lo, hi, npts=300, iters=16):
    """P_m/D_n (D(0) = 1) for relative error of f on [lo, hi].

    Loeb's iteration (weighted linear least squares, the weights being the
    previous denominator) on Chebyshev points of [lo, hi], in the scaled
    variable t = x/hi to keep the system well conditioned.
    """
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    ts = [lo / hi + (1 - lo / hi) * (1 + mp.cos(mp.pi * (i + 0.5) / npts)) / 2
          for i in range(npts)]
    fs = [f(t * hi) for t in ts]
    den = [mp.mpf(1)] * npts
    best = None
    for _ in range(iters):
        rows, rhs = [], []
        for t, fx, d in zip(ts, fs, den):
            s = 1 / (fx * d)
            rows.append([s * t**j for j in range(m + 1)] +
                        [-s * fx * t**j for j in range(1, n + 1)])
            rhs.append(s * fx)
        sol, _ = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))
        p = [sol[j] for j in range(m + 1)]
        q = [mp.mpf(1)] + [sol[m + 1 + j] for j in range(n)]
        den = [horner(q, t) for t in ts]
        e = max(abs((horner(p, t) / d - fx) / fx) for t, fx, d in
                zip(ts, fs, den))
        if best is None or e < best[0]:
            best = (e, p, q)
    _, p, q = best
    return ([p[j] / hi**j for j in range(m + 1)],
            [q[j] / hi**j for j in range(n + 1)])


# --------------------------------------------------------------------------
# Error bounds
# --------------------------------------------------------------------------

def max_rel_error(approx, f, lo, hi, points=20001):
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    worst, where = mp.mpf(0), lo
    for i in range(points):
        x = lo + (hi - lo) * i / (points - 1)
        e = abs((approx(x) - f(x)) / f(x))
        if e > worst:
            worst, where = e, x
    # Refine around the worst grid point.
    step = (hi - lo) / (points - 1)
    for i in range(-200, 201):
        x = where + step * i / 200
        if lo <= x <= hi:
            e = abs((approx(x) - f(x)) / f(x))
            worst = max(worst, e)
    return worst


def expm1_tail(r):
    return (mp.expm1(r) - r) / r**2 if r != 0 else mp.mpf(1) / 2


def dd_values(pairs):
    return [mp.mpf(hi) + mp.mpf(lo) for hi, lo in pairs]


def bounds(coeffs):
    exp_c = [mp.mpf(c) for c in coeffs["exp_poly"]]
    exp_f32 = [mp.mpf(c) for c in coeffs["exp_poly_f32"]]
    p = [mp.mpf(c) for c in coeffs["mills_p"]]
    d = [mp.mpf(c) for c in coeffs["mills_d"]]
    s64 = [mp.mpf(c) for c in coeffs["expm1_f64"]]
    p64 = dd_values(coeffs["mills_f64_p"])
    d64 = dd_values(coeffs["mills_f64_d"])
    expm1_32 = [mp.mpf(c) for c in coeffs["piecewise_exp"]]
    exp2_32 = [mp.mpf(c) for c in coeffs["logistic_exp2"]]
    exp2_table_32 = [mp.mpf(c) for c in coeffs["logistic_exp2_table"]]
    table, delta = coeffs["logistic_exp2_t"], coeffs["logistic_exp2_delta"]
    return {
        "piecewise_tail": piecewise_error(coeffs["piecewise"]),
        "piecewise_exp": max_rel_error(lambda r: 1 + r * horner(expm1_32, r),
                                   mp.exp, *EXP_RANGE, points=4001),
        "logistic_exp2": max_rel_error(lambda g: 1 + g * horner(exp2_32, g),
                                       lambda g: mp.power(2, -g),
                                       *EXP2_RANGE, points=4001),
        "logistic_exp2_table": max_rel_error(
            lambda g: 1 + g * horner(exp2_table_32, g),
            lambda g: mp.power(2, -g), *EXP2_TABLE_RANGE, points=4001),
        # 2^(j/16) = T_j 2^-delta_j: delta_j's error, in g's units (the
        # relative error it makes in 2^-g, over ln 2).
        "logistic_exp2_delta": max(
            abs(mp.log(mp.mpf(t), 2) - mp.mpf(j) / 16 - mp.mpf(d))
            for j, (t, d) in enumerate(zip(table, delta))),
        "exp_poly": max_rel_error(lambda r: horner(exp_c, r), mp.exp,
                                  *EXP_RANGE),
        "exp_poly_f32": max_rel_error(lambda r: horner(exp_f32, r), mp.exp,
                                      *EXP_RANGE),
        "mills": max_rel_error(lambda a: horner(p, a) / horner(d, a), mills,
                               *MILLS_RANGE, points=8001),
        "expm1_f64": max_rel_error(lambda r: 1 + r + r * r * horner(s64, r),
                                   mp.exp, *EXP_RANGE, points=4001),
        "mills_f64": max_rel_error(lambda a: horner(p64, a) / horner(d64, a),
                                   mills, *MILLS_F64_RANGE, points=4001),
    }


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def log2(v):
    return float(mp.log(v, 2))


def render(coeffs, errs):
    def arr(name, values, doc):
        lines = [f"/// {doc}", f"static constexpr double {name}[] = {{"]
        lines += [f"    {float.hex(to_double(v))}," for v in values]
        lines.append("};")
        return "\n".join(lines)

    def arr2(name, rows, doc):
        lines = [f"/// {doc}",
                 f"static constexpr double {name}[][{len(rows[0])}] = {{"]
        for row in rows:
            lines.append("    {" + ", ".join(float.hex(v) for v in row) + "},")
        lines.append("};")
        return "\n".join(lines)

    table = coeffs["piecewise"]

    def dd_arr(name, pairs, doc):
        lines = [f"/// {doc}", f"static constexpr double {name}[][2] = {{"]
        lines += [f"    {{{float.hex(hi)}, {float.hex(lo)}}}," for hi, lo in pairs]
        lines.append("};")
        return "\n".join(lines)

    return f"""\
//===- GeluApproximationCoefficients.inc - Fitted coefficients -*- C++ -*-===//
//
// GENERATED by tools/gelu-coefficients/gelu_coefficients.py; do not edit.
// Regenerate: python3 tools/gelu-coefficients/gelu_coefficients.py
// Verify:     python3 tools/gelu-coefficients/gelu_coefficients.py --verify
//
// Coefficients in increasing degree, rounded to double.
//
//===----------------------------------------------------------------------===//

{arr("kExpPoly", coeffs["exp_poly"],
     f"exp(r) on [{EXP_RANGE[0]}, {EXP_RANGE[1]}]: relative error "
     f"{mp.nstr(errs['exp_poly'], 3)} (2^{log2(errs['exp_poly']):.1f}).")}

{arr("kExpPolyF32", coeffs["exp_poly_f32"],
     f"f32 fast path (f16, bf16): exp(r) on [{EXP_RANGE[0]}, {EXP_RANGE[1]}], "
     f"degree 5: relative error {mp.nstr(errs['exp_poly_f32'], 3)} "
     f"(2^{log2(errs['exp_poly_f32']):.1f}).")}

{arr("kPiecewiseExpPoly", coeffs["piecewise_exp"],
     f"Piecewise f32 core: exp(r) = 1 + r P(r) on [{EXP_RANGE[0]}, "
     f"{EXP_RANGE[1]}], f32 coefficients: relative error "
     f"{mp.nstr(errs['piecewise_exp'], 3)} "
     f"(2^{log2(errs['piecewise_exp']):.1f}).")}

{arr("kLogisticExp2Poly", coeffs["logistic_exp2"],
     f"f32 logistic core (tanh form, QuickGELU): 2^-g = 1 + g P(g) on "
     f"[{EXP2_RANGE[0]}, {EXP2_RANGE[1]}], f32 coefficients: relative error "
     f"{mp.nstr(errs['logistic_exp2'], 3)} "
     f"(2^{log2(errs['logistic_exp2']):.1f}).")}

{arr("kLogisticExp2TablePoly", coeffs["logistic_exp2_table"],
     f"f32 logistic table core (logistic-f32-core=f32-table): 2^-g = 1 + "
     f"g P(g) on [{EXP2_TABLE_RANGE[0]:.6f}, {EXP2_TABLE_RANGE[1]:.6f}], f32 "
     f"coefficients: relative error "
     f"{mp.nstr(errs['logistic_exp2_table'], 3)} "
     f"(2^{log2(errs['logistic_exp2_table']):.1f}).")}

{arr("kLogisticExp2Table", coeffs["logistic_exp2_t"],
     "... T_j = 2^(j/16) rounded to f32, j = 0..15.")}

{arr("kLogisticExp2TableDelta", coeffs["logistic_exp2_delta"],
     f"... delta_j = log2(T_j) - j/16 rounded to f32 (2^(j/16) = "
     f"T_j 2^-delta_j), within {mp.nstr(errs['logistic_exp2_delta'], 3)} "
     f"(2^{log2(errs['logistic_exp2_delta']):.1f}).")}

{arr("kPiecewiseOrigin", [t["origin"] for t in table],
     "Piecewise f32 core, indexed by j = (bits(a + 1) >> 21) & 15: the "
     "origin of interval j's polynomial, u = a - origin (an f32 at or just "
     "above the interval's left end).")}

{arr("kPiecewiseLead", [t["c0"] for t in table],
     "... S(origin) rounded to f32, within 2^-12 of its ulp (0 on [0, 1/4)).")}

{arr("kPiecewiseLeadSlope", [t["lambda"] for t in table],
     "... the exact linear part of the leading term: 1/2 on [0, 1/4), so "
     "that S = u/2 + u P(u) there.")}

{arr2("kPiecewisePoly", [[t["p"][d] for t in table] for d in range(len(table[0]["p"]))],
      f"... P_j's coefficients, row d holding degree d for every j: "
      f"S(a) = lead + slope u + u P_j(u) within "
      f"{mp.nstr(errs['piecewise_tail'], 3)} "
      f"(2^{log2(errs['piecewise_tail']):.1f}) relative, over [0, 15).")}

{arr("kMillsNumerator", coeffs["mills_p"],
     "Q(a) exp(a^2/2) = P(a)/D(a) on [0, 16], numerator.")}

{arr("kMillsDenominator", coeffs["mills_d"],
     f"... denominator. Relative error of P/D: "
     f"{mp.nstr(errs['mills'], 3)} (2^{log2(errs['mills']):.1f}).")}

{arr("kExpm1TailF64", coeffs["expm1_f64"],
     f"f64: exp(r) = 1 + r + r^2 S(r) on [{EXP_RANGE[0]}, {EXP_RANGE[1]}]: "
     f"relative error {mp.nstr(errs['expm1_f64'], 3)} "
     f"(2^{log2(errs['expm1_f64']):.1f}).")}

{dd_arr("kTanhLinearDD", [split_double_double(2 * mp.sqrt(2 / mp.pi))],
        "f64 tanh form: 2 sqrt(2/pi), the linear coefficient of 2u.")}

{dd_arr("kTanhCubicDD", [split_double_double(
            2 * mp.mpf("0.044715") * mp.sqrt(2 / mp.pi))],
        "f64 tanh form: 2 * 0.044715 * sqrt(2/pi), the cubic coefficient of "
        "2u.")}

{dd_arr("kQuickGeluScaleDD", [split_double_double(mp.mpf("1.702"))],
        "f64 QuickGELU: 1.702, the scale inside the sigmoid.")}

{dd_arr("kMillsNumeratorF64", coeffs["mills_f64_p"],
        "f64: Q(a) exp(a^2/2) = P(a)/D(a) on [0, 40], numerator (hi, lo).")}

{dd_arr("kMillsDenominatorF64", coeffs["mills_f64_d"],
        f"... denominator (hi, lo). Relative error of P/D: "
        f"{mp.nstr(errs['mills_f64'], 3)} "
        f"(2^{log2(errs['mills_f64']):.1f}).")}
"""


def parse(path):
    text = open(path).read()
    out = {}
    for name, key in [("kExpPoly", "exp_poly"),
                      ("kExpPolyF32", "exp_poly_f32"),
                      ("kMillsNumerator", "mills_p"),
                      ("kMillsDenominator", "mills_d")]:
        body = re.search(r"\b" + name + r"\[\] = \{(.*?)\};", text,
                         re.S).group(1)
        out[key] = [float.fromhex(v) for v in re.findall(r"[-0-9a-fx.p+]+",
                                                          body)]
    def floats(name):
        body = re.search(r"\b" + name + r"\[\] = \{(.*?)\};", text,
                         re.S).group(1)
        return [float.fromhex(v) for v in re.findall(r"[-0-9a-fx.p+]+", body)]
    out["piecewise_exp"] = floats("kPiecewiseExpPoly")
    out["logistic_exp2"] = floats("kLogisticExp2Poly")
    out["logistic_exp2_table"] = floats("kLogisticExp2TablePoly")
    out["logistic_exp2_t"] = floats("kLogisticExp2Table")
    out["logistic_exp2_delta"] = floats("kLogisticExp2TableDelta")
    rows = [[float.fromhex(v) for v in re.findall(r"[-0-9a-fx.p+]+", row)]
            for row in re.findall(r"\{([^{}]*)\}", re.search(
                r"kPiecewisePoly\[\]\[16\] = \{(.*?)\n\};", text,
                re.S).group(1))]
    lead, slope, origin = (floats("kPiecewiseLead"),
                           floats("kPiecewiseLeadSlope"),
                           floats("kPiecewiseOrigin"))
    out["piecewise"] = [{"origin": origin[j], "c0": lead[j],
                         "lambda": slope[j],
                         "p": [row[j] for row in rows]} for j in range(16)]
    out["expm1_f64"] = [float.fromhex(v) for v in re.findall(
        r"[-0-9a-fx.p+]+", re.search(r"kExpm1TailF64\[\] = \{(.*?)\};", text,
                                     re.S).group(1))]
    for name, key in [("kMillsNumeratorF64", "mills_f64_p"),
                      ("kMillsDenominatorF64", "mills_f64_d")]:
        body = re.search(name + r"\[\]\[2\] = \{(.*?)\n\};", text,
                         re.S).group(1)
        out[key] = [(float.fromhex(a), float.fromhex(b)) for a, b in
                    re.findall(r"\{([-0-9a-fx.p+]+), ([-0-9a-fx.p+]+)\}", body)]
    return out


def report(errs):
    for key, e in errs.items():
        print(f"{key:12s} relative error {mp.nstr(e, 3):>9} = "
              f"2^{log2(e):.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verify", action="store_true",
                        help="measure the checked-in coefficients only")
    parser.add_argument("--max-log2-error", type=float, default=-26.0,
                        help="with --verify: fail if an f32 bound exceeds this")
    parser.add_argument("--max-log2-error-f64", type=float, default=-57.0,
                        help="with --verify: fail if an f64 bound exceeds this")
    parser.add_argument("--max-log2-error-fast", type=float, default=-23.5,
                        help="with --verify: fail if an f32 fast-path bound "
                        "exceeds this")
    parser.add_argument("-o", "--output", default=OUTPUT)
    args = parser.parse_args()

    if args.verify:
        errs = bounds(parse(args.output))
        report(errs)
        def limit(key):
            if key.endswith("_f64"):
                return args.max_log2_error_f64
            if key.endswith("_f32"):
                return args.max_log2_error_fast
            return args.max_log2_error
        bad = [k for k, e in errs.items() if log2(e) > limit(k)]
        if piecewise_lead_selectable(parse(args.output)["piecewise"]):
            print("piecewise_lead min(lead2, a) selects every interval's "
                  "leading term")
        else:
            bad.append("piecewise_lead")
        if all(entry["p"][0] == 0 for entry in parse(args.output)["piecewise"]
               if entry["lambda"] == 0.5):
            print("piecewise_zero P_j(0) = 0 on [0, 1/4): u P_j(u) is +0 "
                  "at u = +0")
        else:
            bad.append("piecewise_zero")
        if bad:
            print("FAIL: above their bounds: %s" % ", ".join(bad))
            return 1
        print("ok")
        return 0

    exp_poly = remez_poly(mp.exp, 6, *EXP_RANGE)
    exp_poly_f32 = remez_poly(mp.exp, 5, *EXP_RANGE)
    p, d = fit_rational(mills, 4, 5, *MILLS_RANGE)
    expm1 = remez_poly(expm1_tail, 10, *EXP_RANGE)
    p64, d64 = fit_rational(mills, 10, 11, *MILLS_F64_RANGE, npts=400,
                            iters=12)
    coeffs = {
        "piecewise": fit_piecewise(),
        "piecewise_exp": fit_expm1_f32(),
        "logistic_exp2": fit_exp2neg_f32(),
        "logistic_exp2_table": fit_exp2neg_table_f32(),
        "logistic_exp2_t": exp2_table()[0],
        "logistic_exp2_delta": exp2_table()[1],
        "exp_poly": [to_double(c) for c in exp_poly],
        "exp_poly_f32": [to_double(c) for c in exp_poly_f32],
        "mills_p": [to_double(c) for c in p],
        "mills_d": [to_double(c) for c in d],
        "expm1_f64": [to_double(c) for c in expm1],
        "mills_f64_p": [split_double_double(c) for c in p64],
        "mills_f64_d": [split_double_double(c) for c in d64],
    }
    errs = bounds(coeffs)
    report(errs)
    with open(args.output, "w") as out:
        out.write(render(coeffs, errs))
    print("wrote", os.path.relpath(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
