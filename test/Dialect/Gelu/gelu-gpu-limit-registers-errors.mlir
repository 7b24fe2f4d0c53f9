// RUN: gelu-opt %s --verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-limit-registers{max-registers=32}))"
// RUN: gelu-opt %s \
// RUN:   --pass-pipeline="builtin.module(gpu.module(gelu-gpu-limit-registers))" \
// RUN:   | FileCheck %s --check-prefix=NO-CAP

// COM: nvvm.maxnreg means nothing to AMDGPU; without a cap (max-registers=0)
// COM: nothing is checked or changed.
// NO-CAP: gpu.func @kernel() kernel {
module attributes {gpu.container_module} {
  // expected-error @+1 {{max-registers sets nvvm.maxnreg, which only NVVM targets read; this gpu.module targets #rocdl.target<chip = "gfx942">}}
  gpu.module @kernels [#rocdl.target<chip = "gfx942">] {
    gpu.func @kernel() kernel {
      gpu.return
    }
  }
}
