// The pipeline keeps the _mlir_ciface_ wrappers of functions marked
// llvm.emit_c_interface: a C program calls the compiled GELU on a tensor (as
// a memref descriptor), on buffers and on a scalar, and checks the results
// against libm's erfc in double (within 3 + 1.3 x^2 ulp: the error of the
// reference lowering, see gelu-f32.mlir).
//
// As with upstream one-shot bufferization, tensor arguments are writable
// unless marked otherwise, and GELU may then be computed in the caller's
// buffer; `bufferization.writable = false` keeps a C caller's input intact.
//
// RUN: gelu-opt %s --gelu-cpu-pipeline | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %clang -O1 %t.ll %S/Inputs/c-interface-main.c -lm -o %t.exe
// RUN: %t.exe | FileCheck %s
// CHECK: tensor: 1000 values, 0 wrong
// CHECK: buffers: 1000 values, 0 wrong
// CHECK: scalar: 1000 values, 0 wrong

func.func @gelu_tensor(%x: tensor<?xf32> {bufferization.writable = false})
    -> tensor<?xf32>
    attributes {llvm.emit_c_interface} {
  %y = gelu.gelu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}

#id = affine_map<(d0) -> (d0)>
func.func @gelu_buffers(%x: memref<?xf32>, %y: memref<?xf32>)
    attributes {llvm.emit_c_interface} {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %g = gelu.gelu %in : f32
    linalg.yield %g : f32
  }
  return
}

func.func @gelu_scalar(%x: f32) -> f32 attributes {llvm.emit_c_interface} {
  %y = gelu.gelu %x : f32
  return %y : f32
}
