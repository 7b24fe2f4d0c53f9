// The device code of gelu-gpu-pipeline is accepted by the vendors'
// assemblers: ptxas for sm_90 (with its register and spill report) and
// llvm-mc for gfx90a and gfx942.
//
// REQUIRES: ptxas, llvm-mc-amdgpu
// RUN: gelu-opt %s --gelu-gpu-pipeline -o %t.nvvm.mlir
// RUN: %extract-gpu-assembly --binary gelu_f32_kernel %t.nvvm.mlir > %t.f32.ptx
// RUN: %extract-gpu-assembly --binary gelu_bf16_kernel %t.nvvm.mlir > %t.bf16.ptx
// RUN: %extract-gpu-assembly --binary gelu_bf16_exact_kernel %t.nvvm.mlir > %t.bf16-exact.ptx
// RUN: %ptxas -arch=sm_90 -v %t.f32.ptx -o %t.f32.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-F32
// RUN: %ptxas -arch=sm_90 -v %t.bf16.ptx -o %t.bf16.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-BF16
// RUN: %ptxas -arch=sm_90 -v %t.bf16-exact.ptx -o %t.bf16-exact.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-BF16-EXACT
// RUN: gelu-opt %s --gelu-gpu-pipeline="fast-math=true" \
// RUN:   | %extract-gpu-assembly --binary gelu_bf16_kernel > %t.fast.ptx
// RUN: %ptxas -arch=sm_90 %t.fast.ptx -o %t.fast.cubin
// RUN: %extract-gpu-assembly --binary gelu_f32_tanh_kernel %t.nvvm.mlir > %t.f32core.ptx
// RUN: FileCheck %s --check-prefix=F32CORE < %t.f32core.ptx
// RUN: %ptxas -arch=sm_90 -v %t.f32core.ptx -o %t.f32core.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-F32CORE
// RUN: FileCheck %s --check-prefix=BF16-HW < %t.bf16.ptx
// RUN: FileCheck %s --check-prefix=BF16-EXACT-HW < %t.bf16-exact.ptx
// RUN: gelu-opt %s --gelu-gpu-pipeline="hardware-approximations=false" \
// RUN:   | %extract-gpu-assembly --binary gelu_f32_tanh_kernel > %t.f32core-ieee.ptx
// RUN: FileCheck %s --check-prefix=F32CORE-IEEE < %t.f32core-ieee.ptx
// RUN: gelu-opt %s --gelu-gpu-pipeline="logistic-f32-core=f64" \
// RUN:   | %extract-gpu-assembly --binary gelu_f32_tanh_kernel > %t.f64core.ptx
// RUN: FileCheck %s --check-prefix=F64CORE < %t.f64core.ptx
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx942 logistic-f32-core=f32" \
// RUN:   | %extract-gpu-assembly --binary gelu_f32_tanh_kernel > %t.f32core.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx942 -filetype=obj %t.f32core.s -o %t.f32core.o
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx90a" -o %t.gfx90a.mlir
// RUN: %extract-gpu-assembly --binary gelu_f32_kernel %t.gfx90a.mlir > %t.gfx90a.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx90a -filetype=obj %t.gfx90a.s -o %t.gfx90a.o
// RUN: %extract-gpu-assembly --binary gelu_bf16_kernel %t.gfx90a.mlir > %t.gfx90a.bf16.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx90a -filetype=obj %t.gfx90a.bf16.s -o %t.gfx90a.bf16.o
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx942" -o %t.gfx942.mlir
// RUN: %extract-gpu-assembly --binary gelu_f32_kernel %t.gfx942.mlir > %t.gfx942.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx942 -filetype=obj %t.gfx942.s -o %t.gfx942.o
// RUN: %extract-gpu-assembly --binary gelu_bf16_kernel %t.gfx942.mlir > %t.gfx942.bf16.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx942 -filetype=obj %t.gfx942.bf16.s -o %t.gfx942.bf16.o
// RUN: FileCheck %s --check-prefix=GFX942-BF16 < %t.gfx942.bf16.s
// RUN: gelu-opt %s --gelu-gpu-pipeline="max-registers=32" \
// RUN:   | %extract-gpu-assembly --binary gelu_f32_kernel > %t.f32-r32.ptx
// RUN: FileCheck %s --check-prefix=MAXNREG < %t.f32-r32.ptx
// RUN: %ptxas -arch=sm_90 -v %t.f32-r32.ptx -o %t.f32-r32.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-F32-R32
// RUN: not gelu-opt %s --gelu-gpu-pipeline="target=rocdl max-registers=32" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=ROCDL-MAXNREG
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx942 exact-f32-core=piecewise" \
// RUN:   | %extract-gpu-assembly --binary gelu_f32_kernel > %t.gfx942.piecewise.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx942 -filetype=obj %t.gfx942.piecewise.s -o %t.gfx942.piecewise.o
// RUN: FileCheck %s --check-prefix=GFX942-PIECEWISE < %t.gfx942.piecewise.s
// RUN: gelu-opt %s --gelu-gpu-pipeline="bf16-table=global" -o %t.table.mlir
// RUN: %extract-gpu-assembly --binary gelu_bf16_exact_kernel %t.table.mlir > %t.table.ptx
// RUN: FileCheck %s --check-prefix=TABLE < %t.table.ptx
// RUN: %ptxas -arch=sm_90 -v %t.table.ptx -o %t.table.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-TABLE
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx942 bf16-table=workgroup" \
// RUN:   | %extract-gpu-assembly --binary gelu_bf16_kernel > %t.gfx942.table.s
// RUN: llvm-mc -triple=amdgcn-amd-amdhsa -mcpu=gfx942 -filetype=obj %t.gfx942.table.s -o %t.gfx942.table.o
// RUN: FileCheck %s --check-prefix=GFX942-TABLE < %t.gfx942.table.s
// RUN: gelu-opt %s --gelu-gpu-pipeline="bf16-table=workgroup" \
// RUN:   | %extract-gpu-assembly --binary gelu_bf16_exact_kernel > %t.shared.ptx
// RUN: FileCheck %s --check-prefix=SHARED < %t.shared.ptx
// RUN: %ptxas -arch=sm_90 -v %t.shared.ptx -o %t.shared.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS-SHARED

// COM: f32 exact with the piecewise f32 core (the default with nvvm): no
// COM: spills, at most 48 registers (1280 resident threads per SM; the f64
// COM: core takes 54).
// PTXAS-F32: Compiling entry function 'gelu_f32_kernel' for 'sm_90'
// PTXAS-F32: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-F32: Used {{([0-9]|[1-3][0-9]|4[0-8])}} registers
// COM: max-registers=32 (gelu-gpu-limit-registers): the PTX caps each
// COM: kernel at 32 registers, which the piecewise exact kernel meets
// COM: without spills (all 2048 threads of an SM resident).
// MAXNREG: .maxntid 256, 1, 1
// MAXNREG-NEXT: .maxnreg 32
// PTXAS-F32-R32: Compiling entry function 'gelu_f32_kernel' for 'sm_90'
// PTXAS-F32-R32: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-F32-R32: Used {{([0-9]|[12][0-9]|3[0-2])}} registers
// ROCDL-MAXNREG: error: max-registers sets nvvm.maxnreg, which only NVVM targets read; this gpu.module targets #rocdl.target<O = 3, chip = "gfx942">
// COM: bf16 tanh: w computed as an f32 pair (no f64) and the fallback lane by
// COM: lane: at most 64 registers (it needed 80).
// PTXAS-BF16: Compiling entry function 'gelu_bf16_kernel' for 'sm_90'
// PTXAS-BF16: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-BF16: Used {{([0-9]|[1-5][0-9]|6[0-4])}} registers
// COM: bf16 exact: the f64 fallback is computed lane by lane, so at most 64
// COM: registers per thread (1024 resident threads per SM), where the
// COM: whole-vector fallback needed 112.
// PTXAS-BF16-EXACT: Compiling entry function 'gelu_bf16_exact_kernel' for 'sm_90'
// PTXAS-BF16-EXACT: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-BF16-EXACT: Used {{([0-9]|[1-5][0-9]|6[0-4])}} registers
// COM: f32 tanh with the logistic f32 core (the default with nvvm): f32
// COM: arithmetic only, the quotient from the hardware reciprocal
// COM: (hardware-approximations), no IEEE division, no spills, at most 32
// COM: registers (2048 resident threads per SM).
// F32CORE: .visible .entry gelu_f32_tanh_kernel
// F32CORE-NOT: .f64
// F32CORE-NOT: div.rn
// F32CORE: rcp.approx.ftz.f32
// F32CORE-NOT: .f64
// F32CORE-NOT: div.rn
// PTXAS-F32CORE: Compiling entry function 'gelu_f32_tanh_kernel' for 'sm_90'
// PTXAS-F32CORE: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-F32CORE: Used {{([0-9]|[12][0-9]|3[0-2])}} registers
// COM: Without hardware approximations: the IEEE division.
// F32CORE-IEEE: .visible .entry gelu_f32_tanh_kernel
// F32CORE-IEEE-NOT: rcp.approx
// F32CORE-IEEE: div.rn.f32
// F32CORE-IEEE-NOT: rcp.approx
// COM: logistic-f32-core=f64: the f64 core.
// F64CORE: .visible .entry gelu_f32_tanh_kernel
// F64CORE: fma.rn.f64
// COM: bf16 tanh: the logistic f32 core as the fast path, its reciprocal
// COM: from the special-function unit; no IEEE f32 division (the rare
// COM: fallback's f64 division sits in the per-lane branches).
// BF16-HW: .visible .entry gelu_bf16_kernel
// BF16-HW-NOT: div.rn.f32
// BF16-HW: rcp.approx.ftz.f32
// BF16-HW-NOT: div.rn.f32
// COM: bf16 exact: the fast path's exp and division from that unit.
// BF16-EXACT-HW: .visible .entry gelu_bf16_exact_kernel
// BF16-EXACT-HW-NOT: div.rn.f32
// BF16-EXACT-HW: ex2.approx.ftz.f32
// BF16-EXACT-HW: div.approx.f32
// BF16-EXACT-HW-NOT: div.rn.f32
// COM: exact-f32-core=piecewise with rocdl (not its default): the tables
// COM: are a global of the code object, read with 128-bit loads.
// GFX942-PIECEWISE: .L__gelu_piecewise_f32_tables@rel32@lo
// GFX942-PIECEWISE: load_dwordx4
// GFX942-PIECEWISE: .size .L__gelu_piecewise_f32_tables, 512
// COM: bf16-table: the exact table (8 KiB) in the module, each element one
// COM: 2-byte read of it through the non-coherent (read-only) path, 8 per
// COM: 128-bit tile; no special-function instructions, no fallback, no
// COM: spills, and fewer registers than the computed kernel.
// TABLE: .global .align 64 .b8 __gelu_bf16_table_exact[8192]
// TABLE: .entry gelu_bf16_exact_kernel
// TABLE-COUNT-8: ld.global.nc.b16
// TABLE-NOT: ex2.approx
// TABLE-NOT: div.approx
// TABLE-NOT: .f64
// PTXAS-TABLE: Compiling entry function 'gelu_bf16_exact_kernel' for 'sm_90'
// PTXAS-TABLE: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-TABLE: Used {{([0-9]|[1-3][0-9]|4[0-4])}} registers
// COM: bf16-table=workgroup (gelu-gpu-stage-tables): the block copies the
// COM: table into 8 KiB of shared memory, 16 bytes per thread and step,
// COM: waits at a barrier, and reads it there: 8 ld.shared.b16 per tile.
// SHARED: .shared .align 64 .b8 __wg_gelu_bf16_exact_kernel_0[8192]
// SHARED: ld.global.nc.v4.b32
// SHARED: st.shared.v4.b32
// SHARED: bar.sync 0
// SHARED-COUNT-8: ld.shared.b16
// SHARED-NOT: ex2.approx
// PTXAS-SHARED: 0 bytes spill stores, 0 bytes spill loads
// PTXAS-SHARED: Used {{([0-9]|[1-3][0-9]|4[0-4])}} registers, used 1 barriers, 8192 bytes smem
// GFX942-TABLE: __gelu_bf16_table_tanh@rel32@lo
// GFX942-TABLE: s_barrier
// GFX942-TABLE: ds_read_u16
// GFX942-TABLE-NOT: v_exp_f32
// GFX942-TABLE: .size .L__gelu_bf16_table_tanh, 8192
// GFX942-BF16: v_exp_f32
// GFX942-BF16: v_rcp_f32

func.func @gelu_f32(%x: memref<?xf32>, %y: memref<?xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
  %g = gelu.gelu %xt : tensor<?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}

func.func @gelu_bf16(%x: memref<?xbf16>, %y: memref<?xbf16>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xbf16> to tensor<?xbf16>
  %g = gelu.gelu %xt approximation = tanh : tensor<?xbf16>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xbf16>, memref<?xbf16>) -> ()
  return
}

func.func @gelu_bf16_exact(%x: memref<?xbf16>, %y: memref<?xbf16>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xbf16> to tensor<?xbf16>
  %g = gelu.gelu %xt : tensor<?xbf16>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xbf16>, memref<?xbf16>) -> ()
  return
}

func.func @gelu_f32_tanh(%x: memref<?xf32>, %y: memref<?xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
  %g = gelu.gelu %xt approximation = tanh : tensor<?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}
