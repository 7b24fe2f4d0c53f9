//===- Passes.td - gelu dialect passes ---------------------*- tablegen -*-===//
//
// Passes that rewrite gelu.gelu within the dialects it lives among.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD
#define GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GeluExpandPass : Pass<"gelu-expand"> {
  let summary = "Expand gelu.gelu into upstream arith and math operations";
  let description = [{
    Rewrites every `gelu.gelu` on a scalar, a vector or a statically shaped
    tensor into the `arith` and `math` operations of its formula. This is the
    portable reference lowering: any target that can lower `math.erfc` and
    `math.tanh` can run it. `gelu.gelu` on dynamically shaped or unranked
    tensors is left alone (the formula's splat constants need a static
    shape): run `convert-gelu-to-linalg` first, which leaves scalar
    `gelu.gelu` in a `linalg.generic` body.

    - `exact` uses `0.5 * x * erfc(-x / sqrt(2))`, which does not cancel in
      the negative tail (the textbook `0.5 * x * (1 + erf(x / sqrt(2)))`
      returns 0 below x = -5.5).
    - `tanh` uses `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    - f16 and bf16 are computed in f32 and truncated once.
    - The operand is clamped below at -40 (where both formulas have long
      underflowed to zero in every supported type), so that GELU(-inf) is
      -0 instead of the 0 * inf = NaN of the formulas.

    The op's `fastmath` flags are copied onto the operations it creates.

    Example:

    ```mlir
    %y = gelu.gelu %x : f32
    ```

    becomes

    ```mlir
    %is_low = arith.cmpf olt, %x, %cst_m40 : f32
    %xc = arith.select %is_low, %cst_m40, %x : f32
    %t = arith.mulf %xc, %cst_m_rsqrt2 : f32
    %e = math.erfc %t : f32
    %h = arith.mulf %xc, %cst_half : f32
    %y = arith.mulf %h, %e : f32
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
  let statistics = [
    Statistic<"numExpanded", "num-expanded", "Number of gelu.gelu expanded">,
  ];
}

#endif // GELU_DIALECT_GELU_TRANSFORMS_PASSES_TD
