// The piecewise f32 core of exact GELU (exact-f32-core=piecewise, the
// default with AVX-512) through gelu-cpu-pipeline and LLVM's x86 backend: its
// eight 16-entry tables are read with one vpermps (or its integer twin vpermd)
// each, not with gathers or scalar loads; there is no f64 arithmetic. With
// table-lookup=extract (portable) the index is masked to [0, 16) first; with
// avx512-permute (the default with AVX-512) it is not, and the function
// carries +avx512f, so that llc compiles it without -mattr. With AVX2 the
// extract form compiles (to scalar reads); avx2-permute (the default with
// AVX2 and FMA) reads each table with two 8-lane permutes and a blend.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise table-lookup=extract" \
// RUN:   | FileCheck %s --check-prefix=LLVMIR
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise table-lookup=extract" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 exact-f32-core=piecewise table-lookup=extract" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise table-lookup=avx512-permute" \
// RUN:   | FileCheck %s --check-prefix=PERMUTE-LLVMIR
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=16 unroll=1 exact-f32-core=piecewise table-lookup=avx512-permute" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu \
// RUN:   | FileCheck %s --check-prefix=PERMUTE
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 unroll=1 exact-f32-core=piecewise table-lookup=avx2-permute" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2-PERMUTE

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

// PERMUTE-LLVMIR-LABEL: llvm.func @exact
// PERMUTE-LLVMIR-SAME: target_features = #llvm.target_features<["+avx512f"]>
// PERMUTE-LLVMIR-COUNT-8: llvm.call_intrinsic "llvm.x86.avx512.permvar.sf.512"
// PERMUTE-LLVMIR-NOT: llvm.extractelement %{{.+}}[%{{.+}} : i64] : vector<16xf32>
// PERMUTE-LLVMIR: llvm.return

// COM: The loop: one index per vector (add, shift), no mask, eight permutes.
// PERMUTE-LABEL: exact:
// PERMUTE: vpsrld $21, %zmm{{[0-9]+}}, %zmm[[INDEX:[0-9]+]]
// PERMUTE-NOT: vpand{{d|q}} {{.*}}%zmm[[INDEX]]
// PERMUTE-COUNT-8: vperm{{d|ps}} {{.*}}%zmm[[INDEX]], %zmm
// PERMUTE-NOT: vperm{{d|ps}}
// PERMUTE: ret

// COM: Two permutes of 8 lanes and a blend per table, on ymm registers (the
// COM: function's +avx2 applies without -mattr), no gathers, no zmm.
// AVX2-PERMUTE-LABEL: exact:
// AVX2-PERMUTE-COUNT-8: vperm{{d|ps}} {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}{{$}}
// AVX2-PERMUTE: vblendvps %ymm
// AVX2-PERMUTE-COUNT-8: vperm{{d|ps}} {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}{{$}}
// AVX2-PERMUTE-NOT: gather
// AVX2-PERMUTE-NOT: zmm
// AVX2-PERMUTE: ret

// AVX2-LABEL: exact:
// AVX2: vfmadd{{.*}}ymm
// AVX2: ret
func.func @exact(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %y = gelu.gelu %x : tensor<4096xf32>
  return %y : tensor<4096xf32>
}
