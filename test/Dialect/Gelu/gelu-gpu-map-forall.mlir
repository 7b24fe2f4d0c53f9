// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-map-forall))" \
// RUN:   | FileCheck %s

// COM: A block loop around a thread loop, as gelu-gpu-distribute makes them
// COM: (after bufferization): scf.parallel loops mapped to block x and
// COM: thread x, which convert-parallel-loops-to-gpu reads. A loop of one
// COM: iteration is mapped like any other.
// CHECK-LABEL: func.func @blocks_and_threads
// CHECK-NOT: scf.forall
// CHECK: scf.parallel (%[[B:.+]]) = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// CHECK:   scf.parallel (%[[T:.+]]) = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// CHECK:     memref.store %{{.+}}, %{{.+}}[%[[B]], %[[T]]]
// CHECK:   } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
func.func @blocks_and_threads(%m: memref<1x4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%b) in (1) {
    scf.forall (%t) in (4) {
      memref.store %c, %m[%b, %t] : memref<1x4xf32>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

// COM: y and z map to the processors of y and z.
// CHECK-LABEL: func.func @yz
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = thread_z, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
func.func @yz(%m: memref<2x3x5xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%b) in (2) {
    scf.forall (%i, %j) in (3, 5) {
      memref.store %c, %m[%b, %i, %j] : memref<2x3x5xf32>
    } {mapping = [#gpu.thread<z>, #gpu.thread<y>]}
  } {mapping = [#gpu.block<y>]}
  return
}

// -----

// COM: Negative: unmapped loops and loops mapped to warps are not ours.
// CHECK-LABEL: func.func @not_mapped_here
// CHECK: scf.forall (%{{.+}}) in (4) {
// CHECK: scf.forall (%{{.+}}) in (32) {
// CHECK: } {mapping = [#gpu.warp<x>]}
// CHECK-NOT: scf.parallel
func.func @not_mapped_here(%m: memref<4x32xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (4) {
    scf.forall (%j) in (32) {
      memref.store %c, %m[%i, %j] : memref<4x32xf32>
    } {mapping = [#gpu.warp<x>]}
  }
  return
}

// -----

// COM: Device buffers a kernel may use: gpu.alloc, an allocation in a GPU
// COM: memory space, and one inside the kernel (its own scratch).
// CHECK-LABEL: func.func @device_buffers
// CHECK: gpu.alloc
// CHECK: scf.parallel
// CHECK: memref.alloca() : memref<1xf32>
// CHECK-NOT: scf.forall
func.func @device_buffers(%x: memref<16xf32>) {
  %a = gpu.alloc () : memref<16xf32>
  %g = memref.alloc() : memref<16xf32, #gpu.address_space<global>>
  scf.forall (%t) in (16) {
    %scratch = memref.alloca() : memref<1xf32>
    %v = memref.load %x[%t] : memref<16xf32>
    memref.store %v, %a[%t] : memref<16xf32>
    memref.store %v, %g[%t] : memref<16xf32, #gpu.address_space<global>>
    memref.store %v, %scratch[%t] : memref<1xf32>
  } {mapping = [#gpu.thread<x>]}
  return
}
