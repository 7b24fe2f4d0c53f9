// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-stage-tables{symbol-prefix=__gelu_bf16_table}))" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-stage-tables))" \
// RUN:   | FileCheck %s --check-prefix=ALL

// COM: A kernel's reads of a constant table become reads of a workgroup
// COM: copy (address space 3, 16-byte aligned at least), made when the kernel
// COM: starts: the block's threads copy 16 bytes each per step (512 chunks
// COM: of eight i16s), then wait at a barrier, before any of the kernel's
// COM: own code.
// CHECK-LABEL: gpu.module @kernels
// CHECK: gpu.func @lookup(%[[OUT:.+]]: memref<4xi16>, %[[I:.+]]: index)
// CHECK-SAME: workgroup(%[[COPY:.+]] : memref<4096xi16, 3> {llvm.align = 64 : i64}) kernel
// CHECK: %[[SOURCE:.+]] = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
// CHECK: %[[TX:.+]] = gpu.thread_id  x
// CHECK: %[[BX:.+]] = gpu.block_dim  x
// CHECK: scf.for %[[CHUNK:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
// CHECK:   %[[OFFSET:.+]] = arith.muli %[[CHUNK]], %{{.+}} : index
// CHECK:   %[[V:.+]] = vector.load %[[SOURCE]][%[[OFFSET]]] : memref<4096xi16>, vector<8xi16>
// CHECK:   vector.store %[[V]], %[[COPY]][%[[OFFSET]]] : memref<4096xi16, 3>, vector<8xi16>
// CHECK: }
// CHECK: gpu.barrier
// CHECK-NOT: memref.get_global
// CHECK: memref.load %[[COPY]][%[[I]]] : memref<4096xi16, 3>
// CHECK: memref.load %[[COPY]][%{{.+}}] : memref<4096xi16, 3>
// CHECK: gpu.return
gpu.module @kernels {
  memref.global "private" constant @__gelu_bf16_table_exact : memref<4096xi16> = dense<7> {alignment = 64 : i64}
  gpu.func @lookup(%out: memref<4xi16>, %i: index) kernel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %t = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
    %a = memref.load %t[%i] : memref<4096xi16>
    %t2 = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
    %b = memref.load %t2[%c1] : memref<4096xi16>
    memref.store %a, %out[%c0] : memref<4xi16>
    memref.store %b, %out[%c1] : memref<4xi16>
    gpu.return
  }
}

// -----

// COM: With a known block size (outlining records a gpu.launch's constant
// COM: one) the block's size is that constant, not gpu.block_dim (a call
// COM: into ockl on AMDGPU).
// CHECK-LABEL: gpu.func @known
// CHECK-NOT: gpu.block_dim
// CHECK: %[[THREADS:.+]] = arith.constant 256 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %[[THREADS]]
// CHECK: gpu.barrier
gpu.module @known_size {
  memref.global "private" constant @__gelu_bf16_table_exact : memref<4096xi16> = dense<7> {alignment = 64 : i64}
  gpu.func @known(%out: memref<4xi16>, %i: index) kernel
      attributes {known_block_size = array<i32: 256, 1, 1>} {
    %c0 = arith.constant 0 : index
    %t = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
    %a = memref.load %t[%i] : memref<4096xi16>
    memref.store %a, %out[%c0] : memref<4xi16>
    gpu.return
  }
}

// -----

// COM: Left alone: a table whose name does not start with the prefix (ALL:
// COM: every constant table is staged, copied element by element where it is
// COM: not a whole number of 16-byte chunks), a global that is not constant,
// COM: a table that is also written through, and functions that are not
// COM: kernels.
// CHECK-LABEL: gpu.module @others
// CHECK: gpu.func @other_tables
// CHECK-NOT: workgroup(
// CHECK-NOT: gpu.barrier
// CHECK: memref.get_global @rows
// CHECK: memref.get_global @mutable
// CHECK-LABEL: gpu.func @not_a_kernel
// CHECK-NOT: gpu.barrier
// ALL-LABEL: gpu.module @others
// ALL: gpu.func @other_tables(%{{.+}}: memref<2xf32>) workgroup(%[[ROWS:.+]] : memref<3xf32, 3> {llvm.align = 16 : i64}) kernel
// ALL: scf.for
// ALL:   memref.load %{{.+}}[%{{.+}}] : memref<3xf32>
// ALL:   memref.store %{{.+}}, %[[ROWS]][%{{.+}}] : memref<3xf32, 3>
// ALL: gpu.barrier
// ALL: memref.get_global @mutable
// ALL: memref.load %[[ROWS]]
// ALL-LABEL: gpu.func @written
// ALL-NOT: gpu.barrier
// ALL: memref.get_global @__gelu_bf16_table_tanh
gpu.module @others {
  memref.global "private" constant @rows : memref<3xf32> = dense<[1.0, 2.0, 3.0]>
  memref.global "private" @mutable : memref<3xf32> = dense<0.0>
  memref.global "private" constant @__gelu_bf16_table_tanh : memref<8xi16> = dense<1>
  gpu.func @other_tables(%out: memref<2xf32>) kernel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %r = memref.get_global @rows : memref<3xf32>
    %m = memref.get_global @mutable : memref<3xf32>
    %a = memref.load %r[%c1] : memref<3xf32>
    %b = memref.load %m[%c1] : memref<3xf32>
    memref.store %a, %out[%c0] : memref<2xf32>
    memref.store %b, %out[%c1] : memref<2xf32>
    gpu.return
  }
  gpu.func @written(%v: i16) kernel {
    %c0 = arith.constant 0 : index
    %t = memref.get_global @__gelu_bf16_table_tanh : memref<8xi16>
    memref.store %v, %t[%c0] : memref<8xi16>
    gpu.return
  }
  gpu.func @not_a_kernel(%i: index) -> i16 {
    %t = memref.get_global @__gelu_bf16_table_tanh : memref<8xi16>
    %a = memref.load %t[%i] : memref<8xi16>
    gpu.return %a : i16
  }
}
