// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-prefetch="distance=4096 min-total-bytes=16777216" \
// RUN:   | FileCheck %s

// COM: min-total-bytes: the loop is versioned on the bytes of the memrefs
// COM: its streams view (through subviews), added up once each: the copy
// COM: that prefetches runs where they hold 16 MiB or more, the loop as it
// COM: was elsewhere (data that fits the caches gains nothing from the
// COM: prefetches and pays for their instructions).
// CHECK-LABEL: func.func @versioned
// CHECK-SAME: (%[[IN:.+]]: memref<?xf32>, %[[OUT:.+]]: memref<?xf32>, %[[N:.+]]: index)
// CHECK: %[[FOUR:.+]] = arith.constant 4 : index
// CHECK: %[[DIN:.+]] = memref.dim %[[IN]], %{{.+}} : memref<?xf32>
// CHECK: %[[BIN:.+]] = arith.muli %[[FOUR]], %[[DIN]] : index
// CHECK: %[[FOUR2:.+]] = arith.constant 4 : index
// CHECK: %[[DOUT:.+]] = memref.dim %[[OUT]], %{{.+}} : memref<?xf32>
// CHECK: %[[BOUT:.+]] = arith.muli %[[FOUR2]], %[[DOUT]] : index
// CHECK: %[[TOTAL:.+]] = arith.addi %[[BIN]], %[[BOUT]] : index
// CHECK: %[[MIN:.+]] = arith.constant 16777216 : index
// CHECK: %[[LARGE:.+]] = arith.cmpi uge, %[[TOTAL]], %[[MIN]] : index
// CHECK: scf.if %[[LARGE]] {
// CHECK:   scf.for
// CHECK-COUNT-4: memref.prefetch %[[IN]]
// CHECK-COUNT-4: memref.prefetch %{{.+}}, write
// CHECK:   vector.transfer_read
// CHECK:   vector.transfer_write
// CHECK: } else {
// CHECK-NEXT: scf.for
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_write
// CHECK: }
// CHECK: return
func.func @versioned(%in: memref<?xf32>, %out: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %view = memref.subview %out[0] [%n] [1]
    : memref<?xf32> to memref<?xf32, strided<[1]>>
  scf.for %i = %c0 to %n step %c64 {
    %v = vector.transfer_read %in[%i], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<64xf32>
    vector.transfer_write %v, %view[%i] {in_bounds = [true]}
      : vector<64xf32>, memref<?xf32, strided<[1]>>
  }
  return
}

// -----

// COM: A loop with results: the scf.if yields them from either copy, and
// COM: their uses take the scf.if's. Static shapes count without dims: two
// COM: memrefs of 1024 x 1024 f32 (8 MiB) are below 16 MiB, and the
// COM: comparison is left to folding.
// CHECK-LABEL: func.func @versioned_results
// CHECK: %[[R:.+]] = scf.if %{{.+}} -> (vector<64xf32>) {
// CHECK:   %[[A:.+]] = scf.for
// CHECK:   memref.prefetch
// CHECK:   scf.yield %[[A]] : vector<64xf32>
// CHECK: } else {
// CHECK:   %[[B:.+]] = scf.for
// CHECK-NOT: memref.prefetch
// CHECK:   scf.yield %[[B]] : vector<64xf32>
// CHECK: }
// CHECK: return %[[R]] : vector<64xf32>
func.func @versioned_results(%in: memref<1024x1024xf32>,
                             %out: memref<1024x1024xf32>, %row: index)
    -> vector<64xf32> {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %r = scf.for %i = %c0 to %c1024 step %c64 iter_args(%acc = %zero)
      -> vector<64xf32> {
    %v = vector.transfer_read %in[%row, %i], %pad {in_bounds = [true]}
      : memref<1024x1024xf32>, vector<64xf32>
    vector.transfer_write %v, %out[%row, %i] {in_bounds = [true]}
      : vector<64xf32>, memref<1024x1024xf32>
    %s = arith.addf %acc, %v : vector<64xf32>
    scf.yield %s : vector<64xf32>
  }
  return %r : vector<64xf32>
}
