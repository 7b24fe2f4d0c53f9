//===- GeluOps.td - gelu dialect operations ----------------*- tablegen -*-===//
//
// The gelu.gelu operation.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUOPS_TD
#define GELU_DIALECT_GELU_IR_GELUOPS_TD

include "gelu/Dialect/Gelu/IR/GeluAttrs.td"
include "gelu/Dialect/Gelu/IR/GeluDialect.td"
include "mlir/Dialect/Arith/IR/ArithBase.td"
include "mlir/Dialect/Arith/IR/ArithOpsInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/VectorInterfaces.td"

/// The element types GELU is defined on: the IEEE and brain floats that
/// transformer models use.
def Gelu_FloatElement : AnyTypeOf<[F16, BF16, F32, F64],
                                  "f16, bf16, f32 or f64">;

/// A float scalar, or a vector (fixed or scalable, any rank) or tensor
/// (ranked or unranked) of one.
def Gelu_FloatLike : TypeOrValueSemanticsContainer<Gelu_FloatElement,
                         "f16, bf16, f32 or f64 scalar, vector or tensor">;

// Base class for gelu dialect operations. Like the math dialect's ops they are
// pure and apply element-wise to vectors and tensors, so upstream
// convert-elementwise-to-linalg, the linalg vectorizer and bufferization
// handle them like math.erf.
class Gelu_Op<string mnemonic, list<Trait> traits = []> :
    Op<Gelu_Dialect, mnemonic, traits # [Pure,
       DeclareOpInterfaceMethods<VectorUnrollOpInterface>] #
       ElementwiseMappable.traits>;

def Gelu_GeluOp : Gelu_Op<"gelu", [SameOperandsAndResultType,
    DeclareOpInterfaceMethods<ArithFastMathInterface>]> {
  let summary = "Gaussian Error Linear Unit";
  let description = [{
    Computes, element-wise, the Gaussian Error Linear Unit of its operand:

    - `approximation = exact` (the default, elided when printed):
      `x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2))`;
    - `approximation = tanh`: the GPT-2 formula
      `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`;
    - `approximation = sigmoid`: QuickGELU, as CLIP uses it,
      `x * sigmoid(1.702 * x) = x / (1 + exp(-1.702 * x))`.

    The operand and the result have the same type: an f16, bf16, f32 or f64
    scalar, or a vector or tensor of one. Special values: GELU(-inf) = -0,
    GELU(+inf) = +inf, GELU(NaN) = NaN, GELU(-0) = -0.

    The optional `fastmath` flags have the meaning they have on `math` ops:
    they allow lowerings to trade accuracy for speed.

    A constant operand folds to the value computed in double precision (with
    the erfc form, so the negative tail does not cancel) and rounded once to
    the element type.

    Example:

    ```mlir
    %0 = gelu.gelu %x : tensor<?x3072xf32>
    %1 = gelu.gelu %v approximation = tanh : vector<16xbf16>
    %2 = gelu.gelu %s fastmath<afn> : f64
    ```
  }];

  let arguments = (ins
    Gelu_FloatLike:$operand,
    DefaultValuedAttr<Gelu_ApproximationAttr,
                      "::mlir::gelu::Approximation::exact">:$approximation,
    DefaultValuedAttr<Arith_FastMathAttr,
                      "::mlir::arith::FastMathFlags::none">:$fastmath);
  let results = (outs Gelu_FloatLike:$result);

  let assemblyFormat = [{
    $operand (`approximation` `=` `` $approximation^)?
    (`fastmath` `` $fastmath^)? attr-dict `:` type($result)
  }];

  let hasFolder = 1;
}

#endif // GELU_DIALECT_GELU_IR_GELUOPS_TD
