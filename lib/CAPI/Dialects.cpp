//===- Dialects.cpp - C API of the gelu dialect ---------------------------===//
//
// After upstream's mlir/examples/standalone/lib/CAPI/Dialects.cpp.
//
//===----------------------------------------------------------------------===//

#include "gelu-c/Dialects.h"

#include "gelu/Dialect/Gelu/IR/GeluDialect.h"
#include "gelu/Dialect/Gelu/IR/GeluOps.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"

using namespace mlir;
using namespace mlir::gelu;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Gelu, gelu, GeluDialect)

// The C enum mirrors the ODS one case for case.
static_assert(static_cast<int>(MlirGeluApproximationExact) ==
              static_cast<int>(Approximation::exact));
static_assert(static_cast<int>(MlirGeluApproximationTanh) ==
              static_cast<int>(Approximation::tanh));
static_assert(static_cast<int>(MlirGeluApproximationSigmoid) ==
              static_cast<int>(Approximation::sigmoid));

MlirAttribute mlirGeluApproximationAttrGet(MlirContext ctx,
                                           MlirGeluApproximation kind) {
  return wrap(
      ApproximationAttr::get(unwrap(ctx), static_cast<Approximation>(kind)));
}

bool mlirAttributeIsAGeluApproximationAttr(MlirAttribute attr) {
  return isa<ApproximationAttr>(unwrap(attr));
}

MlirGeluApproximation mlirGeluApproximationAttrGetValue(MlirAttribute attr) {
  return static_cast<MlirGeluApproximation>(
      cast<ApproximationAttr>(unwrap(attr)).getValue());
}
