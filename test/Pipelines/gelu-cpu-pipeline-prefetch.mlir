// gelu-cpu-pipeline's prefetch-distance (gelu-prefetch): the main loop of an
// elementwise kernel (four 16-lane f32 vectors per iteration: four lines
// read, four written) prefetches each line 4096 bytes ahead, reads for
// reading and writes for writing; the masked remainder does not. 0 (the
// default) turns it off, and loops that move fewer than four lines per
// iteration (two vectors) are left alone.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-distance=4096" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-distance=0" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2 prefetch-distance=4096" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-distance=4096" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f,+prfchw \
// RUN:   | FileCheck %s --check-prefix=ASM
// RUN: not gelu-opt %s --gelu-cpu-pipeline="prefetch-distance=100" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: llvm.func @tanh
// CHECK-COUNT-4: "llvm.intr.prefetch"(%{{.+}}) <{cache = 1 : i32, hint = 3 : i32, rw = 0 : i32}> : (!llvm.ptr) -> ()
// CHECK-COUNT-4: "llvm.intr.prefetch"(%{{.+}}) <{cache = 1 : i32, hint = 3 : i32, rw = 1 : i32}> : (!llvm.ptr) -> ()
// CHECK-NOT: llvm.intr.prefetch
// CHECK: llvm.return

// NONE-NOT: prefetch

// ASM-LABEL: tanh:
// ASM: prefetcht0 ({{.+}},4)
// ASM-NEXT: prefetcht0 64({{.+}},4)
// ASM-NEXT: prefetcht0 128({{.+}},4)
// ASM-NEXT: prefetcht0 192({{.+}},4)
// ASM: prefetchw ({{.+}},4)
// ASM-NEXT: prefetchw 64({{.+}},4)
// ASM-NEXT: prefetchw 128({{.+}},4)
// ASM-NEXT: prefetchw 192({{.+}},4)
// ASM-NOT: prefetch
// ASM: ret

// BAD: error: gelu-prefetch: distance 100 is not a multiple of the 64-byte cache line
func.func @tanh(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<?xf32>
  return %y : tensor<?xf32>
}
