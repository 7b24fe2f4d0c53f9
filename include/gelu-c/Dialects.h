/*===- Dialects.h - C API of the gelu dialect ---------------------*- C -*-===*\
|*                                                                            *|
|* The C API that bindings (Python, torch-mlir, IREE) use to load the gelu   *|
|* dialect and to build its attributes (after upstream's                      *|
|* mlir/examples/standalone/include/Standalone-c/Dialects.h).                 *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef GELU_C_DIALECTS_H
#define GELU_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Gelu, gelu);

/// The formula a `gelu.gelu` computes (its `approximation` attribute).
typedef enum MlirGeluApproximation {
  MlirGeluApproximationExact = 0,
  MlirGeluApproximationTanh = 1,
  MlirGeluApproximationSigmoid = 2,
} MlirGeluApproximation;

/// Returns the `#gelu<approximation ...>` attribute for `approximation`. The
/// gelu dialect must be loaded in `ctx`.
MLIR_CAPI_EXPORTED MlirAttribute mlirGeluApproximationAttrGet(
    MlirContext ctx, MlirGeluApproximation approximation);

/// Whether `attr` is a gelu approximation attribute.
MLIR_CAPI_EXPORTED bool
mlirAttributeIsAGeluApproximationAttr(MlirAttribute attr);

/// The approximation that `attr` (a gelu approximation attribute) holds.
MLIR_CAPI_EXPORTED MlirGeluApproximation
mlirGeluApproximationAttrGetValue(MlirAttribute attr);

#ifdef __cplusplus
}
#endif

#endif // GELU_C_DIALECTS_H
