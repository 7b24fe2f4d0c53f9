/* Calls the _mlir_ciface_ wrappers of c-interface.mlir from C. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* MLIR's descriptor of a memref<?xf32>. */
typedef struct {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} MemRef1D;

void _mlir_ciface_gelu_tensor(MemRef1D *result, MemRef1D *x);
void _mlir_ciface_gelu_buffers(MemRef1D *x, MemRef1D *y);
float _mlir_ciface_gelu_scalar(float x);

enum { N = 1000 };

/* True when y is within 3 + 1.3 x^2 ulp (of float) of GELU(x) in double:
   the error bound of the reference lowering (see gelu-f32.mlir). */
static int close_enough(float x, float y) {
  double ref = 0.5 * (double)x * erfc(-(double)x / sqrt(2.0));
  double ulp = ldexp(1.0, ilogb(ref) - 23);
  if (ulp < 0x1p-149)
    ulp = 0x1p-149;
  double bound = 3.0 + (x < 0 ? 1.3 * (double)x * x : 0.0);
  return fabs((double)y - ref) <= bound * ulp;
}

static void report(const char *what, const float *x, const float *y) {
  int wrong = 0;
  for (int i = 0; i < N; ++i)
    if (!close_enough(x[i], y[i])) {
      if (wrong < 5)
        printf("%s: GELU(%a) = %a\n", what, x[i], y[i]);
      ++wrong;
    }
  printf("%s: %d values, %d wrong\n", what, N, wrong);
}

int main(void) {
  static float x[N], y[N], z[N];
  for (int i = 0; i < N; ++i)
    x[i] = -12.0f + 24.0f * (float)i / (N - 1);

  MemRef1D in = {x, x, 0, {N}, {1}};
  MemRef1D out;
  _mlir_ciface_gelu_tensor(&out, &in);
  if (out.sizes[0] != N)
    return 1;
  report("tensor", x, out.aligned + out.offset);
  free(out.allocated);

  MemRef1D buf = {y, y, 0, {N}, {1}};
  _mlir_ciface_gelu_buffers(&in, &buf);
  report("buffers", x, y);

  for (int i = 0; i < N; ++i)
    z[i] = _mlir_ciface_gelu_scalar(x[i]);
  report("scalar", x, z);
  return 0;
}
