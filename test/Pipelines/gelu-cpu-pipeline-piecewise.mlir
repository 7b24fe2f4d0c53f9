// The piecewise f32 core of exact GELU (exact-f32-core=piecewise, the
// default with AVX-512) through gelu-cpu-pipeline and LLVM's x86 backend: its
// eight 16-entry tables are read with one vpermps (or its integer twin vpermd)
// each, not with gathers or scalar loads; there is no f64 arithmetic. With
// AVX2 the same IR compiles (to scalar reads), which is why `auto` picks the
// f64 core there.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise" \
// RUN:   | FileCheck %s --check-prefix=LLVMIR
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 exact-f32-core=piecewise" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2

// LLVMIR-LABEL: llvm.func @exact
// LLVMIR: llvm.extractelement %{{.+}}[%{{.+}} : i64] : vector<16xf32>
// LLVMIR-NOT: llvm.fpext
// LLVMIR-NOT: f64
// LLVMIR: llvm.return

// AVX512-LABEL: exact:
// AVX512-COUNT-8: vperm{{d|ps}} {{.*}}zmm
// AVX512-NOT: vperm{{d|ps}}
// AVX512-NOT: gather
// AVX512: ret

// AVX2-LABEL: exact:
// AVX2: vfmadd{{.*}}ymm
// AVX2: ret
func.func @exact(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %y = gelu.gelu %x : tensor<4096xf32>
  return %y : tensor<4096xf32>
}
