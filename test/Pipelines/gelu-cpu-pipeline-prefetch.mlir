// gelu-cpu-pipeline's prefetch-distance (gelu-prefetch): the main loop of an
// elementwise kernel (four 16-lane f32 vectors per iteration: four lines
// read, four written) prefetches each line 4096 bytes ahead, reads for
// reading and writes for writing; the masked remainder does not. By default
// (4096, prefetch-min-total-bytes=16 MiB) the loop is versioned: its
// prefetching copy runs where the input and output hold 16 MiB or more
// together, the loop without prefetches elsewhere. 0 turns it off, and
// loops that move fewer than four lines per iteration (two vectors) are
// left alone.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-min-total-bytes=0" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4" \
// RUN:   | FileCheck %s --check-prefix=VERSIONED
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-distance=0" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=4 prefetch-min-total-bytes=0" \
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

// COM: The input's and the output's bytes (4 per element) against 16 MiB,
// COM: then the branch to the prefetching loop or the plain one.
// VERSIONED-LABEL: llvm.func @tanh
// VERSIONED: %[[LARGE:.+]] = llvm.icmp "uge" %{{.+}}, %{{.+}} : i64
// VERSIONED: llvm.cond_br %[[LARGE]]
// VERSIONED-COUNT-4: "llvm.intr.prefetch"(%{{.+}}) <{cache = 1 : i32, hint = 3 : i32, rw = 0 : i32}>
// VERSIONED-COUNT-4: "llvm.intr.prefetch"(%{{.+}}) <{cache = 1 : i32, hint = 3 : i32, rw = 1 : i32}>
// VERSIONED-NOT: llvm.intr.prefetch
// VERSIONED: llvm.return

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
