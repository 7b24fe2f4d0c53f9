//===- GeluAttrs.td - gelu dialect attributes --------------*- tablegen -*-===//
//
// Enum attribute selecting which GELU formula an operation denotes.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUATTRS_TD
#define GELU_DIALECT_GELU_IR_GELUATTRS_TD

include "gelu/Dialect/Gelu/IR/GeluDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Gelu_ApproximationExact : I32EnumAttrCase<"exact", 0>;
def Gelu_ApproximationTanh : I32EnumAttrCase<"tanh", 1>;
def Gelu_ApproximationSigmoid : I32EnumAttrCase<"sigmoid", 2>;

def Gelu_Approximation : I32EnumAttr<"Approximation",
    "which GELU formula the operation computes",
    [Gelu_ApproximationExact, Gelu_ApproximationTanh,
     Gelu_ApproximationSigmoid]> {
  let cppNamespace = "::mlir::gelu";
  let genSpecializedAttr = 0;
  let description = [{
    - `exact`: `x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2))`.
    - `tanh`: the GPT-2 formula
      `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    - `sigmoid`: QuickGELU (CLIP), `x * sigmoid(1.702 * x)`.
  }];
}

def Gelu_ApproximationAttr : EnumAttr<Gelu_Dialect, Gelu_Approximation,
                                      "approximation"> {
  // Parsed by hand so that an unknown name gets one diagnostic that names
  // the valid values, instead of the two generic ones of the declarative
  // format.
  let assemblyFormat = ?;
  let hasCustomAssemblyFormat = 1;
}

#endif // GELU_DIALECT_GELU_IR_GELUATTRS_TD
