//===- Passes.h - gelu dialect passes ---------------------------*- C++ -*-===//
//
// Declarations of the gelu dialect passes, generated from Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef GELU_DIALECT_GELU_TRANSFORMS_PASSES_H
#define GELU_DIALECT_GELU_TRANSFORMS_PASSES_H

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Pass/Pass.h"

namespace mlir::gelu {

#define GEN_PASS_DECL
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"

} // namespace mlir::gelu

#endif // GELU_DIALECT_GELU_TRANSFORMS_PASSES_H
