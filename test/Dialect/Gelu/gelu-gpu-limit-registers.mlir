// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-limit-registers{max-registers=32}))" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-limit-registers))" \
// RUN:   | FileCheck %s --check-prefix=NO-CAP

// COM: Kernels get nvvm.maxnreg; other functions of the module, and kernels
// COM: that have a cap already, keep what they have.
// CHECK-LABEL: gpu.module @kernels
// CHECK: gpu.func @kernel() kernel attributes {nvvm.maxnreg = 32 : i32}
// CHECK: gpu.func @helper() {
// CHECK: gpu.func @capped() kernel attributes {nvvm.maxnreg = 64 : i32}
// NO-CAP-LABEL: gpu.module @kernels
// NO-CAP-NOT: nvvm.maxnreg = 32
// NO-CAP: gpu.func @kernel() kernel {
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @kernel() kernel {
      gpu.return
    }
    gpu.func @helper() {
      gpu.return
    }
    gpu.func @capped() kernel attributes {nvvm.maxnreg = 64 : i32} {
      gpu.return
    }
  }
}

// -----

// COM: NVVM targets are what the cap is for.
// CHECK-LABEL: gpu.module @nvvm_kernels
// CHECK: gpu.func @kernel() kernel attributes {nvvm.maxnreg = 32 : i32}
module attributes {gpu.container_module} {
  gpu.module @nvvm_kernels [#nvvm.target<chip = "sm_90">] {
    gpu.func @kernel() kernel {
      gpu.return
    }
  }
}
