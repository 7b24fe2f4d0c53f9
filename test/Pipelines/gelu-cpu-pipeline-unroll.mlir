// Why gelu-cpu-pipeline's unroll defaults to 2 with AVX-512 and to 1 without
// it: two 16-lane f32 vectors in flight (32 f64 lanes in the core) fit in
// AVX-512's 32 registers, while with AVX2's 16 registers two 8-lane vectors
// already spill. llc compiles the exact kernel for Zen 5 and Zen 3 here,
// whatever the host. (Counted this way on 2026-11-23 with LLVM 22: none for
// AVX-512 at unroll 2; for AVX2 14 spill/reload instructions at unroll 1 and
// 56 at unroll 2.) The f64 core is pinned (AVX2 hosts use it); the piecewise
// f32 core (the AVX-512 default) does not spill at unroll 2 either.
//
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2 exact-f32-core=f64" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mcpu=znver5 -o - \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=2 exact-f32-core=piecewise" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mcpu=znver5 -o - \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=2 exact-f32-core=f64" \
// RUN:   | mlir-translate --mlir-to-llvmir | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mcpu=znver3 -o - \
// RUN:   | FileCheck %s --check-prefix=AVX2

// AVX512-LABEL: {{^}}gelu:
// AVX512-NOT: {{Spill|Reload}}
// AVX512: .size gelu,

// AVX2-LABEL: {{^}}gelu:
// AVX2: {{Spill|Reload}}
// AVX2: .size gelu,

func.func @gelu(%x: memref<?xf32>, %y: memref<?xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
  %g = gelu.gelu %xt : tensor<?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}
