// RUN: gelu-opt %s --split-input-file --verify-diagnostics --gelu-gpu-pipeline

// gelu-gpu-pipeline writes results into device memref arguments. A result
// that is returned, or carried by a loop, would get a host buffer (malloc)
// that the kernel cannot write: an error (gelu-gpu-map-forall), not a kernel
// that faults on the device.

func.func @returned(%x: memref<1024xf32>) -> tensor<1024xf32> {
  %t = bufferization.to_tensor %x restrict : memref<1024xf32> to tensor<1024xf32>
  // expected-error @+2 {{'memref.alloc' op allocates host memory that a GPU kernel accesses: write the result into a device memref argument (bufferization.materialize_in_destination) or allocate it with gpu.alloc}}
  // expected-note @+1 {{the kernel's loop}}
  %r = gelu.gelu %t : tensor<1024xf32>
  return %r : tensor<1024xf32>
}

// -----

func.func @loop_carried(%x: memref<1024xf32>, %y: memref<1024xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t = bufferization.to_tensor %x restrict : memref<1024xf32> to tensor<1024xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %t) -> tensor<1024xf32> {
    // expected-error @+2 {{'memref.alloc' op allocates host memory that a GPU kernel accesses}}
    // expected-note @+1 {{the kernel's loop}}
    %g = gelu.gelu %a : tensor<1024xf32>
    scf.yield %g : tensor<1024xf32>
  }
  bufferization.materialize_in_destination %r in restrict writable %y : (tensor<1024xf32>, memref<1024xf32>) -> ()
  return
}
