// gelu-gpu-pipeline on any machine: host code in the LLVM dialect calling
// gpu.launch_func, kernels serialized to PTX (nvvm) and AMDGPU assembly
// (rocdl) with 128-bit global accesses and no library calls.
//
// RUN: gelu-opt %s --gelu-gpu-pipeline | FileCheck %s --check-prefix=HOST
// RUN: gelu-opt %s --gelu-gpu-pipeline | %extract-gpu-assembly \
// RUN:   | FileCheck %s --check-prefix=PTX \
// RUN:       --implicit-check-not=__nv_ --implicit-check-not=call \
// RUN:       --implicit-check-not=tanh.approx
// RUN: gelu-opt %s --gelu-gpu-pipeline="exact-f32-core=f64" \
// RUN:   | %extract-gpu-assembly | FileCheck %s --check-prefix=F64-CORE
// RUN: gelu-opt %s --gelu-gpu-pipeline="fast-math=true" | %extract-gpu-assembly \
// RUN:   | FileCheck %s --check-prefix=FAST --implicit-check-not=__nv_
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx90a" \
// RUN:   | FileCheck %s --check-prefix=ROCDL-HOST
// RUN: gelu-opt %s --gelu-gpu-pipeline="target=rocdl chip=gfx942" \
// RUN:   | %extract-gpu-assembly \
// RUN:   | FileCheck %s --check-prefix=AMDGPU --implicit-check-not=__ocml \
// RUN:       --implicit-check-not=s_swappc
// RUN: not gelu-opt %s --gelu-gpu-pipeline="target=cuda" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-OPTION

// BAD-OPTION: for the --target option: Cannot find option named 'cuda'!

// HOST-LABEL: llvm.func @gelu_f32(
// HOST-NOT: gelu.gelu
// HOST-NOT: linalg.
// HOST: gpu.launch_func @gelu_f32_kernel::@gelu_f32_kernel blocks in (%{{.+}}, %{{.+}}, %{{.+}}) threads in (%{{.+}}, %{{.+}}, %{{.+}}) : i64 args(%{{.+}} : !llvm.ptr,
// HOST: gpu.binary @gelu_f32_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, {{.*}}assembly = "

// COM: Static shapes as small as one thread's work still run on the GPU (the
// COM: loops gelu-gpu-distribute maps to blocks and threads stay), and a
// COM: partial thread of static size is a plain vector (f16 rows of 7).
// HOST-LABEL: llvm.func @one_thread(
// HOST: gpu.launch_func @one_thread_kernel::@one_thread_kernel
// HOST-LABEL: llvm.func @partial_static_rows(
// HOST: gpu.launch_func @partial_static_rows_kernel::@partial_static_rows_kernel

// ROCDL-HOST-LABEL: llvm.func @gelu_f32(
// ROCDL-HOST: gpu.binary @gelu_f32_kernel [#gpu.object<#rocdl.target<O = 3, chip = "gfx90a">, {{.*}}assembly = "

// COM: 256 threads x 4 f32 per block; a full thread tile is one 128-bit load,
// COM: the piecewise f32 core, one 128-bit store; the last, partial tile
// COM: masked. The core's tables are a constant global of 16 rows of 32
// COM: bytes (row j for the interval whose a + 1 has j as its low two
// COM: exponent bits and top two mantissa bits; row 0 starts with the
// COM: origin of a in [1, 1.5), 0x3F80027A), which each element reads with
// COM: two 128-bit loads through the non-coherent cache; no f64
// COM: arithmetic.
// PTX-LABEL: // gpu.binary @gelu_f32_kernel
// PTX: .target sm_90
// PTX: .global .align 32 .b8 __gelu_piecewise_f32_tables[512] = {122, 2, 128, 63,
// PTX: .visible .entry gelu_f32_kernel(
// PTX: .maxntid 256, 1, 1
// PTX-NOT: .f64
// PTX: ld.global.v4.b32
// PTX-NOT: .f64
// PTX: mov.b64 %rd{{[0-9]+}}, __gelu_piecewise_f32_tables;
// PTX-NOT: .f64
// PTX-COUNT-8: ld.global.nc.v4.b32
// PTX-NOT: .f64
// PTX: fma.rn.f32
// PTX-NOT: .f64
// PTX: st.global.v4.b32
// PTX: ld.global.b32
// PTX: st.global.b32
// PTX: ret;

// COM: 8 bf16 per thread: still one 128-bit load and store.
// PTX-LABEL: // gpu.binary @gelu_tanh_bf16_kernel
// PTX: ld.global.v4.b32
// PTX: st.global.v4.b32

// COM: The bias add is fused: one kernel reads x and the bias, 128 bits each;
// COM: blocks are numbered linearly over rows and column chunks (grid x only).
// PTX-LABEL: // gpu.binary @bias_gelu_2d_kernel
// PTX-NOT: %ctaid.y
// PTX: mov.u32 {{.*}}%ctaid.x
// PTX: ld.global.v4.b32
// PTX: ld.global.v4.b32
// PTX: add.rn.f32
// PTX-COUNT-8: ld.global.nc.v4.b32
// PTX: st.global.v4.b32

// COM: exact-f32-core=f64: exact f32 GELU in the f64 core, rounded once; no
// COM: tables.
// F64-CORE-NOT: __gelu_piecewise_f32_tables
// F64-CORE-LABEL: // gpu.binary @gelu_f32_kernel
// F64-CORE-NOT: __gelu_piecewise_f32_tables
// F64-CORE: ld.global.v4.b32
// F64-CORE: fma.rn.f64
// F64-CORE: cvt.rn.f32.f64
// F64-CORE: st.global.v4.b32

// COM: fast-math: the tanh form uses the hardware tanh.approx.f32; the exact
// COM: form keeps gelu-mlir's approximation.
// FAST-LABEL: // gpu.binary @gelu_f32_kernel
// FAST-NOT: tanh.approx.f32
// FAST-LABEL: // gpu.binary @gelu_tanh_bf16_kernel
// FAST: tanh.approx.f32
// FAST-LABEL: // gpu.binary @bias_gelu_2d_kernel
// FAST-NOT: tanh.approx.f32
// FAST-LABEL: // gpu.binary @partial_static_rows_kernel
// FAST: tanh.approx.f32

// AMDGPU-LABEL: // gpu.binary @gelu_f32_kernel
// AMDGPU: .amdgcn_target "amdgcn-amd-amdhsa--gfx942"
// AMDGPU: global_load_dwordx4
// AMDGPU: v_fma_f64
// AMDGPU: global_store_dwordx4
// AMDGPU-LABEL: // gpu.binary @gelu_tanh_bf16_kernel
// AMDGPU: global_load_dwordx4
// AMDGPU: global_store_dwordx4
// AMDGPU-LABEL: // gpu.binary @bias_gelu_2d_kernel
// AMDGPU: global_load_dwordx4
// AMDGPU: global_store_dwordx4

func.func @gelu_f32(%x: memref<?xf32>, %y: memref<?xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
  %g = gelu.gelu %xt : tensor<?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}

func.func @gelu_tanh_bf16(%x: memref<?xbf16>, %y: memref<?xbf16>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xbf16> to tensor<?xbf16>
  %g = gelu.gelu %xt approximation = tanh : tensor<?xbf16>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xbf16>, memref<?xbf16>) -> ()
  return
}

func.func @bias_gelu_2d(%x: memref<?x?xf32>, %b: memref<?xf32>,
                        %y: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %xt = bufferization.to_tensor %x restrict : memref<?x?xf32> to tensor<?x?xf32>
  %bt = bufferization.to_tensor %b restrict : memref<?xf32> to tensor<?xf32>
  %m = tensor.dim %xt, %c0 : tensor<?x?xf32>
  %n = tensor.dim %xt, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %biased = linalg.generic {
      indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>,
                       affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]}
      ins(%xt, %bt : tensor<?x?xf32>, tensor<?xf32>)
      outs(%e : tensor<?x?xf32>) {
  ^bb0(%a: f32, %bias: f32, %unused: f32):
    %s = arith.addf %a, %bias : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  %g = gelu.gelu %biased : tensor<?x?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?x?xf32>, memref<?x?xf32>) -> ()
  return
}

func.func @one_thread(%x: memref<4xf32>, %y: memref<4xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<4xf32> to tensor<4xf32>
  %g = gelu.gelu %xt : tensor<4xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

func.func @partial_static_rows(%x: memref<2x3x7xf16>, %y: memref<2x3x7xf16>) {
  %xt = bufferization.to_tensor %x restrict
      : memref<2x3x7xf16> to tensor<2x3x7xf16>
  %g = gelu.gelu %xt approximation = tanh : tensor<2x3x7xf16>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<2x3x7xf16>, memref<2x3x7xf16>) -> ()
  return
}
