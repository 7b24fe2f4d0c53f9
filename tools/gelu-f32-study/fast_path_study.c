//===- fast_path_study.c - Error of the f16/bf16 f32 fast path ------------===//
//
// gelu-approximate computes f16 and bf16 GELU in f32 arithmetic and sends a
// lane to the f64 core when the f32 value lies within kFastPathUlps (16) f32
// ulps of an f16/bf16 rounding boundary. This program measures how far the
// f32 value is from GELU for every f16 and every bf16 input the fast path
// handles, so that the margin can be compared with the error it covers.
//
// The arithmetic mirrors NumericsBuilder::exactFastF32 and logisticFastF32
// in lib/Dialect/Gelu/Transforms/GeluApproximate.cpp operation for operation,
// with the checked-in coefficients (GeluApproximationCoefficients.inc), except
// that the logistic argument w is computed in f64 and split into an f32 pair
// (the pass builds the pair exactly from the f16/bf16 bits; the two differ by
// less than 2^-35 relative). The reference is long double (64-bit
// significand) libm. What the results rest on is the exhaustive
// correct-rounding check of the compiled code (check-gelu-exhaustive); this
// study says how much of the margin the error uses.
//
// Build and run (test/Tools/fast-path-study.test does):
//   clang-22 -std=c23 -O2 -ffp-contract=off \
//     -I lib/Dialect/Gelu/Transforms tools/gelu-f32-study/fast_path_study.c -lm
// Exits 1 if an error reaches the 16-ulp margin.
//
//===----------------------------------------------------------------------===//

#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "GeluApproximationCoefficients.inc"

#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

static float hornerF32(const double *c, int n, float x) {
  float acc = (float)c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    acc = fmaf(acc, x, (float)c[i]);
  return acc;
}

static float fromBits(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}
static uint32_t toBits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

/// NumericsBuilder::expF32.
static float expF32(float yHi, float yLo) {
  const float magic = 0x1.8p23f;
  float kPlusMagic = fmaf(yHi, (float)M_LOG2E, magic);
  float k = kPlusMagic - magic;
  float r = fmaf(k, -0x1.62e4p-1f, yHi);
  r = fmaf(k, -(float)0x1.7f7d1cf79abcap-20, r);
  r = r + yLo;
  float pow2 = fromBits((toBits(kPlusMagic) << 23) + (127u << 23));
  return hornerF32(kExpPolyF32, ARRAY_SIZE(kExpPolyF32), r) * pow2;
}

/// NumericsBuilder::exactFastF32 for -13 <= x (where it is used).
static float exactFast(float x) {
  float a = fminf(fabsf(x), 13.0f);
  float clampedX = copysignf(a, x);
  float y = (a * a) * -0.5f;
  float gaussian = expF32(y, 0.0f);
  float mills = hornerF32(kMillsNumerator, ARRAY_SIZE(kMillsNumerator), a) /
                hornerF32(kMillsDenominator, ARRAY_SIZE(kMillsDenominator), a);
  float tail = (clampedX * gaussian) * mills;
  return x > 0 ? x - tail : tail;
}

enum Form { Exact, Tanh, Sigmoid, NumForms };
static const char *kFormNames[] = {"exact", "tanh", "sigmoid"};

static double logisticArgument(double x, enum Form form) {
  if (form == Sigmoid)
    return 1.702 * x;
  return 2 * sqrt(2 / M_PI) * (x + 0.044715 * x * x * x);
}

/// NumericsBuilder::logisticFastF32 where -|w| >= -87 (where it is used).
static float logisticFast(float x, enum Form form) {
  double w = logisticArgument(x, form);
  double z = -fabs(w);
  float zHi = (float)z, zLo = (float)(z - zHi);
  float e = expF32(zHi, zLo);
  float denominator = 1.0f + e;
  float numerator = x > 0 ? x : x * e;
  return numerator / denominator;
}

static long double reference(float xf, enum Form form) {
  long double x = xf;
  if (form == Exact) {
    long double tail = x * 0.5L * erfcl(fabsl(x) / sqrtl(2.0L)); // x Q(|x|)
    return x > 0 ? x - tail : tail;
  }
  long double w = form == Sigmoid ? 1.702L * x
                                  : 2 * sqrtl(2 / acosl(-1.0L)) *
                                        (x + 0.044715L * x * x * x);
  return x / (1 + expl(-w));
}

static double ulpsOff(float value, long double exact) {
  int exponent;
  frexpl(exact, &exponent);
  // An f32 ulp at |exact| in [2^(e-1), 2^e) is 2^(e-24).
  long double ulp = ldexpl(1.0L, exponent - 24);
  return (double)(fabsl((long double)value - exact) / ulp);
}

static float fromHalf(uint16_t h) {
  int sign = h >> 15, exponent = (h >> 10) & 31, mantissa = h & 1023;
  float magnitude = exponent == 0 ? ldexpf((float)mantissa, -24)
                    : exponent == 31
                        ? (mantissa ? NAN : INFINITY)
                        : ldexpf((float)(mantissa | 1024), exponent - 25);
  return sign ? -magnitude : magnitude;
}

int main(void) {
  int status = 0;
  printf("| input | form | inputs on the fast path | max error (f32 ulps) "
         "| at x | flagged for the f64 core |\n");
  printf("| --- | --- | ---: | ---: | ---: | ---: |\n");
  for (int type = 0; type < 2; ++type) {
    for (int form = 0; form < NumForms; ++form) {
      double worst = 0, worstX = 0;
      unsigned used = 0, flagged = 0;
      for (uint32_t bits = 0; bits < 65536; ++bits) {
        float x = type == 0 ? fromBits(bits << 16) : fromHalf((uint16_t)bits);
        if (!isfinite(x))
          continue;
        // The inputs the fast path answers (the others take the f64 core or
        // have the signed-zero result; see the pass).
        if (form == Exact ? x < -13.0f
                          : -fabs(logisticArgument(x, form)) < -87.0)
          continue;
        float value =
            form == Exact ? exactFast(x) : logisticFast(x, (enum Form)form);
        long double exact = reference(x, (enum Form)form);
        // f32 subnormal results are flagged by the rounding test.
        if (exact == 0 || fabsl(exact) < 0x1p-126L)
          continue;
        ++used;
        double error = ulpsOff(value, exact);
        if (error > worst)
          worst = error, worstX = x;
        // The bf16 test: the low 16 bits of the f32 within 17 of 0x8000.
        if (type == 0) {
          uint32_t low = toBits(value) & 0xffff;
          flagged += low - (0x8000 - 17) <= 34;
        } else {
          // The f16 test: y (1 - eps) and y (1 + eps) round apart.
          const float eps = 17 * 0x1p-24f;
          _Float16 lower = (_Float16)(value * (1 - eps));
          _Float16 upper = (_Float16)(value * (1 + eps));
          flagged += lower != upper;
        }
      }
      printf("| %s | %s | %u | %.2f | %.6g | %u |\n",
             type == 0 ? "bf16" : "f16", kFormNames[form], used, worst, worstX,
             flagged);
      // The margin must cover the error.
      if (worst >= 16)
        status = 1;
    }
  }
  return status;
}
