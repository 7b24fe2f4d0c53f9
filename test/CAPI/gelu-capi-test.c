//===- gelu-capi-test.c - The gelu-mlir C API from C ----------------------===//
//
// Loads the dialect, reads and builds its attribute, and runs gelu-mlir
// passes by name and by handle, as a binding (Python, torch-mlir, IREE)
// does through the C API.
//
//===----------------------------------------------------------------------===//

// RUN: gelu-capi-test 2>&1 | FileCheck %s

#include "gelu-c/Dialects.h"
#include "gelu-c/Passes.h"

#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#include <stdio.h>

static const char *kModule =
    "func.func @tanh_form(%x: vector<16xf32>) -> vector<16xf32> {\n"
    "  %y = gelu.gelu %x approximation = tanh : vector<16xf32>\n"
    "  return %y : vector<16xf32>\n"
    "}\n";

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

static MlirModule parse(MlirContext ctx) {
  return mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
}

/// The first operation named `name` in the body of the first function.
static MlirOperation findInFunction(MlirModule module, const char *name) {
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirStringRef wanted = mlirStringRefCreateFromCString(name);
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirIdentifier opName = mlirOperationGetName(op);
    if (mlirStringRefEqual(mlirIdentifierStr(opName), wanted))
      return op;
  }
  MlirOperation null = {NULL};
  return null;
}

static int testAttributes(MlirContext ctx) {
  MlirModule module = parse(ctx);
  if (mlirModuleIsNull(module))
    return 1;
  MlirOperation gelu = findInFunction(module, "gelu.gelu");
  MlirAttribute attr = mlirOperationGetAttributeByName(
      gelu, mlirStringRefCreateFromCString("approximation"));
  // CHECK-LABEL: testAttributes
  fprintf(stdout, "testAttributes\n");
  // CHECK: parsed: isa 1, value 1
  fprintf(stdout, "parsed: isa %d, value %d\n",
          mlirAttributeIsAGeluApproximationAttr(attr),
          (int)mlirGeluApproximationAttrGetValue(attr));
  // CHECK: built: #gelu<approximation sigmoid>, value 2
  MlirAttribute built =
      mlirGeluApproximationAttrGet(ctx, MlirGeluApproximationSigmoid);
  fprintf(stdout, "built: ");
  fflush(stdout);
  mlirAttributePrint(built, printToStdout, NULL);
  fprintf(stdout, ", value %d\n",
          (int)mlirGeluApproximationAttrGetValue(built));
  // CHECK: other attribute: isa 0
  fprintf(stdout, "other attribute: isa %d\n",
          mlirAttributeIsAGeluApproximationAttr(mlirAttributeParseGet(
              ctx, mlirStringRefCreateFromCString("1 : i32"))));
  // The attribute set through the C API is what the op then carries.
  mlirOperationSetAttributeByName(
      gelu, mlirStringRefCreateFromCString("approximation"), built);
  // CHECK: gelu.gelu %{{.*}} approximation = sigmoid : vector<16xf32>
  mlirOperationPrint(gelu, printToStdout, NULL);
  fprintf(stdout, "\n");
  mlirModuleDestroy(module);
  return 0;
}

static void printDiagnosticToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

/// Runs `pm` on `module`, prints whether it succeeded and the module, and
/// destroys both.
static void runAndPrint(MlirPassManager pm, MlirModule module) {
  MlirLogicalResult ran =
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  fprintf(stdout, "ran: %d\n", mlirLogicalResultIsSuccess(ran));
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  fprintf(stdout, "\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}

static int testPipelineByName(MlirContext ctx) {
  // CHECK-LABEL: testPipelineByName
  fprintf(stdout, "testPipelineByName\n");
  MlirModule module = parse(ctx);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  MlirLogicalResult parsed =
      mlirParsePassPipeline(opm,
                            mlirStringRefCreateFromCString(
                                "builtin.module(func.func(gelu-approximate))"),
                            printDiagnosticToStdout, NULL);
  if (mlirLogicalResultIsFailure(parsed))
    return 1;
  // gelu-approximate leaves branch-free arith and math.fma code.
  // CHECK: ran: 1
  // CHECK: func.func @tanh_form
  // CHECK-NOT: gelu.gelu
  // CHECK: math.fma
  // CHECK-NOT: gelu.gelu
  // CHECK: return
  runAndPrint(pm, module);
  return 0;
}

static int testPassByHandle(MlirContext ctx) {
  // CHECK-LABEL: testPassByHandle
  fprintf(stdout, "testPassByHandle\n");
  MlirModule module = parse(ctx);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  // gelu-expand has no anchor: it runs on the module itself.
  mlirPassManagerAddOwnedPass(pm, mlirCreateGeluTransformsGeluExpandPass());
  // The tanh formula written out with upstream ops.
  // CHECK: ran: 1
  // CHECK: func.func @tanh_form
  // CHECK-NOT: gelu.gelu
  // CHECK: math.tanh
  // CHECK-NOT: gelu.gelu
  // CHECK: return
  runAndPrint(pm, module);
  return 0;
}

static int testBadPipeline(MlirContext ctx) {
  // CHECK-LABEL: testBadPipeline
  fprintf(stdout, "testBadPipeline\n");
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(
          "builtin.module(gelu-cpu-pipeline{no-such-option=1})"),
      printDiagnosticToStdout, NULL);
  // CHECK: no-such-option
  // CHECK: parsed: 0
  fprintf(stdout, "\nparsed: %d\n", mlirLogicalResultIsSuccess(parsed));
  mlirPassManagerDestroy(pm);
  return 0;
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  mlirDialectHandleRegisterDialect(mlirGetDialectHandle__func__(), ctx);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__gelu__(), ctx);
  mlirRegisterAllGeluPasses();
  // Registering again, as a second binding would, is harmless.
  mlirRegisterGeluPipelines();
  mlirRegisterAllGeluPasses();
  int failed = testAttributes(ctx) || testPipelineByName(ctx) ||
               testPassByHandle(ctx) || testBadPipeline(ctx);
  mlirContextDestroy(ctx);
  // CHECK: done: 0
  fprintf(stdout, "done: %d\n", failed);
  return failed;
}
