// RUN: gelu-opt %s --split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-map-forall))" \
// RUN:   -o /dev/null

// COM: A mapped loop on tensors has to be bufferized first.
func.func @not_bufferized(%t: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant 1.0 : f32
  // expected-error @+1 {{'scf.forall' op is mapped to the GPU but has tensor outputs: bufferize before gelu-gpu-map-forall}}
  %r = scf.forall (%i) in (4) shared_outs(%o = %t) -> (tensor<4xf32>) {
    %s = tensor.from_elements %c : tensor<1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i] [1] [1] : tensor<1xf32> into tensor<4xf32>
    }
  } {mapping = [#gpu.block<x>]}
  return %r : tensor<4xf32>
}

// -----

// COM: A kernel may not access host memory: a buffer from memref.alloc (here
// COM: through a subview), as bufferization gives a returned tensor.
func.func @host_buffer(%x: memref<64xf32>) -> memref<64xf32> {
  // expected-error @+1 {{'memref.alloc' op allocates host memory that a GPU kernel accesses: write the result into a device memref argument (bufferization.materialize_in_destination) or allocate it with gpu.alloc}}
  %out = memref.alloc() : memref<64xf32>
  // expected-note @+1 {{the kernel's loop}}
  scf.forall (%b) in (4) {
    %view = memref.subview %out[%b] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    scf.forall (%t) in (16) {
      %v = memref.load %x[%t] : memref<64xf32>
      memref.store %v, %view[%t] : memref<16xf32, strided<[1], offset: ?>>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return %out : memref<64xf32>
}

// -----

// COM: The same in the kernel itself: an allocation outside the launch is the
// COM: host's, wherever the kernel uses it.
func.func @host_alloca(%x: memref<16xf32>) {
  // expected-error @+1 {{'memref.alloca' op allocates host memory that a GPU kernel accesses}}
  %tmp = memref.alloca() : memref<16xf32>
  // expected-note @+1 {{the kernel's loop}}
  scf.forall (%t) in (16) {
    %v = memref.load %x[%t] : memref<16xf32>
    memref.store %v, %tmp[%t] : memref<16xf32>
  } {mapping = [#gpu.thread<x>]}
  return
}
