// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="hardware-approximations=nvvm logistic-f32-core=f32" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="hardware-approximations=rocdl logistic-f32-core=f32" \
// RUN:   | FileCheck %s --check-prefix=ROCDL
// RUN: gelu-opt %s --split-input-file --gelu-approximate="logistic-f32-core=f32" \
// RUN:   | FileCheck %s --check-prefix=NONE
// RUN: not gelu-opt %s --gelu-approximate="hardware-approximations=ptx" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: for the --hardware-approximations option: Cannot find option named 'ptx'!

// COM: bf16, exact: the f32 fast path's exp (2^f, |f| <= 1/2, scaled by the
// COM: exponent bits) and the Mills ratio's division from the GPU's
// COM: approximate instructions, one call per lane; the f64 fallback keeps
// COM: its IEEE division.
// CHECK-LABEL: func.func @bf16_exact
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"(%{{.+}}) : (f32) -> f32
// CHECK: vector.from_elements
// CHECK: arith.shli
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.nvvm.div.approx.f"(%{{.+}}, %{{.+}}) : (f32, f32) -> f32
// CHECK-NOT: llvm.call_intrinsic
// CHECK: scf.if
// CHECK: arith.divf {{.*}} : vector<4xf64>
// CHECK: return
// ROCDL-LABEL: func.func @bf16_exact
// ROCDL-COUNT-4: llvm.call_intrinsic "llvm.amdgcn.exp2"(%{{.+}}) : (f32) -> f32
// ROCDL-COUNT-4: llvm.call_intrinsic "llvm.amdgcn.rcp"(%{{.+}}) : (f32) -> f32
// NONE-LABEL: func.func @bf16_exact
// NONE-NOT: llvm.call_intrinsic
// NONE: return
func.func @bf16_exact(%x: vector<4xbf16>) -> vector<4xbf16> {
  %y = gelu.gelu %x : vector<4xbf16>
  return %y : vector<4xbf16>
}

// -----

// COM: bf16, tanh, with logistic-f32-core=f32: that core is the fast path,
// COM: its quotient from the reciprocal instruction (one call per lane); no
// COM: exp instruction, no IEEE division outside the f64 fallback.
// CHECK-LABEL: func.func @bf16_tanh
// CHECK-NOT: llvm.nvvm.ex2
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.nvvm.rcp.approx.ftz.f"(%{{.+}}) : (f32) -> f32
// CHECK-COUNT-4: llvm.call_intrinsic "llvm.maxnum"(%{{.+}}, %{{.+}}) : (f32, f32) -> f32
// CHECK-NOT: llvm.call_intrinsic
// CHECK: scf.if
// CHECK: return
// NONE-LABEL: func.func @bf16_tanh
// NONE-NOT: llvm.call_intrinsic
// NONE: return
func.func @bf16_tanh(%x: vector<4xbf16>) -> vector<4xbf16> {
  %y = gelu.gelu %x approximation = tanh : vector<4xbf16>
  return %y : vector<4xbf16>
}

// -----

// COM: f32, tanh, logistic f32 core: the quotient from the reciprocal
// COM: instruction (no IEEE division), which also corrects it. The
// COM: reciprocal is raised to 1/2 at least, so that q0 >= n/2 and the
// COM: residual's n - q0 is exact.
// CHECK-LABEL: func.func @f32_tanh_core
// CHECK-NOT: arith.divf
// CHECK: %[[RCP:.+]] = llvm.call_intrinsic "llvm.nvvm.rcp.approx.ftz.f"(%{{.+}}) : (f32) -> f32
// CHECK-NEXT: %[[R:.+]] = llvm.call_intrinsic "llvm.maxnum"(%[[RCP]], %{{.+}}) : (f32, f32) -> f32
// CHECK-NEXT: %[[Q0:.+]] = arith.mulf %[[N:.+]], %[[R]] : f32
// CHECK: arith.subf %[[N]], %[[Q0]] : f32
// CHECK-NOT: arith.divf
// CHECK: return
// ROCDL-LABEL: func.func @f32_tanh_core
// ROCDL: %[[RCP:.+]] = llvm.call_intrinsic "llvm.amdgcn.rcp"(%{{.+}}) : (f32) -> f32
// ROCDL-NEXT: llvm.call_intrinsic "llvm.maxnum"(%[[RCP]], %{{.+}}) : (f32, f32) -> f32
// NONE-LABEL: func.func @f32_tanh_core
// NONE: arith.divf
// NONE-NOT: llvm.call_intrinsic
// NONE: return
func.func @f32_tanh_core(%x: f32) -> f32 {
  %y = gelu.gelu %x approximation = tanh : f32
  return %y : f32
}

// -----

// COM: f32, exact: the f64 core, untouched by the option.
// CHECK-LABEL: func.func @f32_exact
// CHECK-NOT: llvm.call_intrinsic
// CHECK: arith.divf {{.*}} : vector<4xf64>
// CHECK-NOT: llvm.call_intrinsic
// CHECK: return
func.func @f32_exact(%x: vector<4xf32>) -> vector<4xf32> {
  %y = gelu.gelu %x : vector<4xf32>
  return %y : vector<4xf32>
}
