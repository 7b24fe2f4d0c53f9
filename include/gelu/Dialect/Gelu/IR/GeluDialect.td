//===- GeluDialect.td - gelu dialect definition ------------*- tablegen -*-===//
//
// The gelu dialect: GELU as a first-class operation, so that it can be
// lowered, fused and approximated as one unit instead of as the erf/tanh
// arithmetic that frontends usually emit.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_IR_GELUDIALECT_TD
#define GELU_DIALECT_GELU_IR_GELUDIALECT_TD

include "mlir/IR/OpBase.td"

def Gelu_Dialect : Dialect {
  let name = "gelu";
  let cppNamespace = "::mlir::gelu";
  let summary = "The Gaussian Error Linear Unit as a first-class operation";
  let description = [{
    The `gelu` dialect holds one operation, `gelu.gelu`, the activation of
    BERT, GPT and ViT feed-forward layers:

    ```
    GELU(x) = x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2))
    ```

    where `Phi` is the standard normal cumulative distribution function.
    Keeping GELU as one operation (instead of the `erf`/`tanh` arithmetic
    frontends emit) lets the compiler pick an accurate, cancellation-free
    evaluation, fuse it with its neighbours, and vectorize it with its own
    polynomial approximations.
  }];

  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;

  let extraClassDeclaration = [{
    /// Registers the attributes of GeluAttrs.td (defined in GeluAttrs.cpp).
    void registerAttributes();
  }];
}

#endif // GELU_DIALECT_GELU_IR_GELUDIALECT_TD
