//===- f32_exact_study.c - How accurate can all-f32 exact GELU be? --------===//
//
// The design study behind docs/Numerics.md "Why an f64 core for f32": exact
// GELU written the way gelu-approximate writes it (x Q(a) for x <= 0, x - x
// Q(a) for x > 0, Q(a) = exp(-a^2/2) R(a) with R = P/D), but evaluated in f32
// arithmetic with the steps ordered to round as little as possible: a^2 split
// exactly, exp kept as 1 + q, the division last. Variants evaluate one part
// in f64 to show what each part's f32 roundings cost. Built and run by
// f32_exact_study.py, which fits the coefficients (GeluStudyCoefficients.h).
//
//===----------------------------------------------------------------------===//

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "GeluStudyCoefficients.h"

enum Variant { AllF32, ExpInF64, RationalInF64, NumVariants };
static const char *kVariantNames[] = {"all f32", "exp in f64",
                                      "rational in f64"};

static float hornerF32(const float *c, int n, float x) {
  float acc = c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    acc = fmaf(acc, x, c[i]);
  return acc;
}
static double hornerF64(const double *c, int n, double x) {
  double acc = c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    acc = fma(acc, x, c[i]);
  return acc;
}
static float fromBits(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

static float geluF32(float x, enum Variant variant) {
  if (x != x)
    return x;
  float a = fminf(fabsf(x), 15.0f);
  // -a^2/2 = y + yLo exactly.
  float square = a * a, squareLo = fmaf(a, a, -square);
  float y = -0.5f * square, yLo = -0.5f * squareLo;
  const float magic = 0x1.8p23f;
  float k = fmaf(y, (float)M_LOG2E, magic) - magic;
  // exp(y + yLo) = 2^k (1 + q).
  float q;
  if (variant == ExpInF64) {
    q = (float)expm1((double)y + (double)yLo - (double)k * M_LN2);
  } else {
    float r = fmaf(k, -0x1.62e4p-1f, y); // exact: ln2 high part, 16 bits
    r = fmaf(k, -0x1.7f7d1cf79abcap-20f, r) + yLo;
    q = fmaf(r * r, hornerF32(kExpm1Tail, kExpm1TailSize, r), r);
  }
  float m;
  if (variant == RationalInF64) {
    double ratio = hornerF64(kNumeratorF64, kNumeratorSize, a) /
                   hornerF64(kDenominatorF64, kDenominatorSize, a);
    float n = (float)(a * ratio);
    m = fmaf(n, q, n);
  } else {
    // a P (1 + q) / D: the division last, so that it is one of the roundings.
    float n = a * hornerF32(kNumerator, kNumeratorSize, a);
    m = fmaf(n, q, n) / hornerF32(kDenominator, kDenominatorSize, a);
  }
  // 2^k in two normal factors, so that only the last product can round.
  int ki = (int)k, k1 = ki / 2, k2 = ki - k1;
  float tail = m * fromBits((uint32_t)(k1 + 127) << 23) *
               fromBits((uint32_t)(k2 + 127) << 23);
  return x > 0 ? x - tail : -tail;
}

/// GELU in f64 through libm's erfc: within a few f64 ulps, 2^-40 relative or
/// better of the true value on [-16, 16], far below an f32 ulp.
static double reference(float x) {
  return 0.5 * (double)x * erfc(-(double)x / sqrt(2.0));
}

static double ulpError(float y, double exact) {
  double magnitude = fabs((double)(float)exact);
  int e;
  frexp(magnitude, &e);
  double ulp = ldexp(1.0, e - 24);
  if (ulp < 0x1p-149 || magnitude == 0)
    ulp = 0x1p-149;
  return fabs((double)y - exact) / ulp;
}

int main(int argc, char **argv) {
  unsigned stride = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  static const double lower[] = {-16, -10, -5, -3, -1, 0, 1, 3, 10};
  enum { NumRegions = sizeof(lower) / sizeof(lower[0]) };
  double worst[NumVariants][NumRegions] = {{0}};
  uint64_t count = 0;
  for (uint64_t bits = 0; bits < 0x100000000ull; bits += stride) {
    float x = fromBits((uint32_t)bits);
    if (!(fabsf(x) <= 16.0f))
      continue;
    ++count;
    double exact = reference(x);
    int region = 0;
    while (region + 1 < NumRegions && x >= lower[region + 1])
      ++region;
    for (int v = 0; v < NumVariants; ++v) {
      double e = ulpError(geluF32(x, (enum Variant)v), exact);
      if (e > worst[v][region])
        worst[v][region] = e;
    }
  }
  printf("f32-arithmetic exact GELU, max ulp over %llu inputs in [-16, 16] "
         "(every %u-th f32 bit pattern)\n\n",
         (unsigned long long)count, stride);
  printf("| variant |");
  for (int r = 0; r < NumRegions; ++r)
    printf(" [%g, %g) |", lower[r], r + 1 < NumRegions ? lower[r + 1] : 16.0);
  printf(" all |\n| --- |");
  for (int r = 0; r <= NumRegions; ++r)
    printf(" ---: |");
  printf("\n");
  for (int v = 0; v < NumVariants; ++v) {
    double all = 0;
    printf("| %s |", kVariantNames[v]);
    for (int r = 0; r < NumRegions; ++r) {
      printf(" %.2f |", worst[v][r]);
      all = fmax(all, worst[v][r]);
    }
    printf(" %.2f |\n", all);
  }
  return 0;
}
