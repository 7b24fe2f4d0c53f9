// RUN: gelu-opt %s --split-input-file --gelu-prefetch="distance=4096" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file --gelu-prefetch="distance=0" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-prefetch="distance=4096 min-bytes=1024" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: not gelu-opt %s --split-input-file --gelu-prefetch="distance=100" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: error: gelu-prefetch: distance 100 is not a multiple of the 64-byte cache line

// COM: Nothing with distance=0, nor where no loop moves min-bytes=1024 per
// COM: iteration (the widest here move 512).
// NONE-NOT: memref.prefetch

// COM: 128 f32 (8 lines) read and written per iteration: one clamped start
// COM: 4096 bytes (1024 f32) ahead per stream, no later than the last full
// COM: vector of the row, and a prefetch per line at constant offsets.
// CHECK-LABEL: func.func @stream_f32
// CHECK-SAME: (%[[IN:.+]]: memref<?xf32>, %[[OUT:.+]]: memref<?xf32>, %[[N:.+]]: index)
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %[[N]] step %{{.+}} {
// CHECK: %[[DIM:.+]] = memref.dim %[[IN]], %{{.+}} : memref<?xf32>
// CHECK: %[[LAST:.+]] = arith.subi %[[DIM]], %{{.+}} : index
// CHECK: %[[AHEAD:.+]] = arith.addi %[[I]], %{{.+}} : index
// CHECK: %[[START:.+]] = arith.minsi %[[AHEAD]], %[[LAST]] : index
// CHECK: memref.prefetch %[[IN]][%[[START]]], read, locality<3>, data : memref<?xf32>
// CHECK-COUNT-7: memref.prefetch %[[IN]][%{{.+}}], read, locality<3>, data : memref<?xf32>
// CHECK: memref.dim %[[OUT]]
// CHECK-COUNT-8: memref.prefetch %[[OUT]][%{{.+}}], write, locality<3>, data : memref<?xf32>
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read
// CHECK: vector.transfer_write
func.func @stream_f32(%in: memref<?xf32>, %out: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c128 = arith.constant 128 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c128 {
    %v = vector.transfer_read %in[%i], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<128xf32>
    vector.transfer_write %v, %out[%i] {in_bounds = [true]}
      : vector<128xf32>, memref<?xf32>
  }
  return
}

// -----

// COM: A row of a 2-D memref: the row index is kept, the clamp is the
// COM: row's length; bf16 (2 bytes) is 2048 elements ahead, a 64-lane
// COM: vector two lines.
// CHECK-LABEL: func.func @stream_rows_bf16
// CHECK: scf.for %[[I:.+]] =
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK: memref.dim %{{.+}}, %[[C1]] : memref<?x?xbf16>
// CHECK: %[[AHEAD:.+]] = arith.addi %[[I]], %{{.+}} : index
// CHECK: %[[START:.+]] = arith.minsi %[[AHEAD]], %{{.+}} : index
// CHECK: memref.prefetch %{{.+}}[%{{.+}}, %[[START]]], read
// CHECK: %[[SECOND:.+]] = arith.addi %[[START]], %{{.+}} : index
// CHECK: memref.prefetch %{{.+}}[%{{.+}}, %[[SECOND]]], read
// CHECK-COUNT-2: memref.prefetch {{.+}}, write
// CHECK-NOT: memref.prefetch
func.func @stream_rows_bf16(%in: memref<?x?xbf16>, %out: memref<?x?xbf16>,
                            %row: index, %n: index) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : bf16
  scf.for %i = %c0 to %n step %c64 {
    %v = vector.transfer_read %in[%row, %i], %pad {in_bounds = [true]}
      : memref<?x?xbf16>, vector<64xbf16>
    vector.transfer_write %v, %out[%row, %i] {in_bounds = [true]}
      : vector<64xbf16>, memref<?x?xbf16>
  }
  return
}

// -----

// COM: Left alone: a masked remainder, a loop with a loop inside (and that
// COM: inner loop, which only reads), a loop that only reads, and an index
// COM: that is not the induction variable.
// CHECK-LABEL: func.func @not_streams
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @not_streams(%in: memref<?xf32>, %out: memref<?xf32>, %n: index,
                       %m: vector<16xi1>, %k: index) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %zero = arith.constant dense<0.0> : vector<16xf32>
  scf.for %i = %c0 to %n step %c16 {
    %v = vector.transfer_read %in[%i], %pad, %m {in_bounds = [true]}
      : memref<?xf32>, vector<16xf32>
    vector.transfer_write %v, %out[%i], %m {in_bounds = [true]}
      : vector<16xf32>, memref<?xf32>
  }
  scf.for %i = %c0 to %n step %c16 {
    %v = vector.transfer_read %in[%i], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<16xf32>
    %r = scf.for %j = %c0 to %n step %c16 iter_args(%acc = %v)
        -> vector<16xf32> {
      %w = vector.transfer_read %in[%j], %pad {in_bounds = [true]}
        : memref<?xf32>, vector<16xf32>
      %s = arith.addf %acc, %w : vector<16xf32>
      scf.yield %s : vector<16xf32>
    }
    vector.transfer_write %r, %out[%i] {in_bounds = [true]}
      : vector<16xf32>, memref<?xf32>
  }
  %sum = scf.for %i = %c0 to %n step %c16 iter_args(%acc = %zero)
      -> vector<16xf32> {
    %v = vector.transfer_read %in[%i], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<16xf32>
    %s = arith.addf %acc, %v : vector<16xf32>
    scf.yield %s : vector<16xf32>
  }
  scf.for %i = %c0 to %n step %c16 {
    %v = vector.transfer_read %in[%k], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<16xf32>
    vector.transfer_write %v, %out[%k] {in_bounds = [true]}
      : vector<16xf32>, memref<?xf32>
  }
  return %sum : vector<16xf32>
}

// -----

// COM: An index that is the induction variable plus values defined outside
// COM: the loop (the chunk offset that tiling for scf.forall leaves, as an
// COM: affine.apply of a sum, or an arith.addi): the prefetches follow the
// COM: index's definition and clamp it the same way.
// CHECK-LABEL: func.func @stream_offset
// CHECK-SAME: (%[[IN:.+]]: memref<?xf32>, %[[OUT:.+]]: memref<?xf32>, %[[N:.+]]: index, %[[OFF:.+]]: index)
// CHECK: scf.for %[[I:.+]] =
// CHECK: %[[J:.+]] = affine.apply #{{.+}}()[%[[OFF]], %[[I]]]
// CHECK: %[[AHEAD:.+]] = arith.addi %[[J]], %{{.+}} : index
// CHECK: %[[START:.+]] = arith.minsi %[[AHEAD]], %{{.+}} : index
// CHECK: memref.prefetch %[[IN]][%[[START]]], read
// CHECK-COUNT-3: memref.prefetch %[[IN]][%{{.+}}], read
// CHECK: vector.transfer_read %[[IN]][%[[J]]]
// CHECK: %[[K:.+]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK: %[[AHEAD2:.+]] = arith.addi %[[K]], %{{.+}} : index
// CHECK: %[[START2:.+]] = arith.minsi %[[AHEAD2]], %{{.+}} : index
// CHECK: memref.prefetch %[[OUT]][%[[START2]]], write
// CHECK-COUNT-3: memref.prefetch %[[OUT]][%{{.+}}], write
// CHECK: vector.transfer_write %{{.+}}, %[[OUT]][%[[K]]]
func.func @stream_offset(%in: memref<?xf32>, %out: memref<?xf32>, %n: index,
                         %offset: index) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c64 {
    %j = affine.apply affine_map<()[s0, s1] -> (s0 + s1)>()[%offset, %i]
    %v = vector.transfer_read %in[%j], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<64xf32>
    %k = arith.addi %i, %offset : index
    vector.transfer_write %v, %out[%k] {in_bounds = [true]}
      : vector<64xf32>, memref<?xf32>
  }
  return
}

// -----

// COM: Not a stream: an index that is twice the induction variable, the
// COM: induction variable plus a value computed in the loop, or a row index
// COM: computed in the loop.
// CHECK-LABEL: func.func @not_offset_streams
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @not_offset_streams(%in: memref<?xf32>, %out: memref<?xf32>,
                              %n: index) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c64 {
    %j = affine.apply affine_map<()[s0] -> (s0 * 2)>()[%i]
    %v = vector.transfer_read %in[%j], %pad {in_bounds = [true]}
      : memref<?xf32>, vector<64xf32>
    %d = arith.muli %i, %i : index
    %k = arith.addi %i, %d : index
    vector.transfer_write %v, %out[%k] {in_bounds = [true]}
      : vector<64xf32>, memref<?xf32>
  }
  return
}

// -----

// CHECK-LABEL: func.func @row_in_loop
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @row_in_loop(%in: memref<?x?xf32>, %out: memref<?x?xf32>,
                       %n: index) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c64 {
    %row = arith.divui %i, %c64 : index
    %v = vector.transfer_read %in[%row, %i], %pad {in_bounds = [true]}
      : memref<?x?xf32>, vector<64xf32>
    vector.transfer_write %v, %out[%row, %i] {in_bounds = [true]}
      : vector<64xf32>, memref<?x?xf32>
  }
  return
}
