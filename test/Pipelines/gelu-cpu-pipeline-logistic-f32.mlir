// The logistic f32 core (tanh form and QuickGELU; logistic-f32-core=f32, the
// default `auto` with AVX2 and FMA) through gelu-cpu-pipeline and LLVM's x86
// backend: f32 arithmetic only, no tables, so AVX2 and AVX-512 both get
// straight-line vector code with one vdivps per vector;
// logistic-f32-core=f64 converts to f64 instead.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 logistic-f32-core=f32" \
// RUN:   | FileCheck %s --check-prefix=LLVMIR
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 logistic-f32-core=f32" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 logistic-f32-core=f32" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 logistic-f32-core=f64" \
// RUN:   | FileCheck %s --check-prefix=F64
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 logistic-f32-core=f32-table table-lookup=avx512-permute" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=TABLE

// LLVMIR-LABEL: llvm.func @tanh
// LLVMIR-NOT: f64
// LLVMIR: llvm.fdiv %{{.+}}, %{{.+}} : vector<8xf32>
// LLVMIR-NOT: f64
// LLVMIR: llvm.return
// LLVMIR-LABEL: llvm.func @sigmoid
// LLVMIR-NOT: f64
// LLVMIR: llvm.fdiv %{{.+}}, %{{.+}} : vector<8xf32>
// LLVMIR-NOT: f64
// LLVMIR: llvm.return

// AVX2-LABEL: tanh:
// AVX2-NOT: vperm
// AVX2: vdivps {{.*}}ymm
// AVX2-NOT: {{vperm|gather|call}}
// AVX2: ret

// AVX512-LABEL: tanh:
// AVX512-NOT: vperm
// AVX512: vdivps {{.*}}zmm
// AVX512-NOT: {{vperm|gather|call}}
// AVX512: ret

// logistic-f32-core=f32-table (the default `auto` with AVX-512): two
// vpermps per vector, T_j and delta_j, and nothing else read from a table.
// TABLE-LABEL: tanh:
// TABLE-COUNT-2: vpermps {{.*}}zmm
// TABLE-NOT: {{vperm|gather|call}}
// TABLE: vdivps {{.*}}zmm
// TABLE-NOT: {{vperm|gather|call}}
// TABLE: ret
// TABLE-LABEL: sigmoid:
// TABLE-COUNT-2: vpermps {{.*}}zmm
// TABLE-NOT: {{vperm|gather|call}}
// TABLE: vdivps {{.*}}zmm
// TABLE-NOT: {{vperm|gather|call}}
// TABLE: ret

// F64-LABEL: llvm.func @tanh
// F64: llvm.fpext %{{.+}} : vector<8xf32> to vector<8xf64>
// F64-LABEL: llvm.func @sigmoid
// F64: llvm.fpext %{{.+}} : vector<8xf32> to vector<8xf64>
func.func @tanh(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %y = gelu.gelu %x approximation = tanh : tensor<4096xf32>
  return %y : tensor<4096xf32>
}
func.func @sigmoid(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %y = gelu.gelu %x approximation = sigmoid : tensor<4096xf32>
  return %y : tensor<4096xf32>
}
