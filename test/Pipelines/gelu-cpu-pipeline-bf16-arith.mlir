// Arithmetic on bf16 outside gelu.gelu (a frontend's bf16 code, such as
// upstream's GELU forms) is done in f32 and rounded to bf16 after each
// operation by integer arithmetic (arith-emulate-unsupported-floats, then
// arith-expand), not left to LLVM, which rounds with vcvtneps2bf16 (AVX512-BF16:
// flushes denormals) or calls __truncsfbf2 (AVX2), a symbol Debian 12's libgcc
// and the JIT lack: the same bits on every host, and code that links.
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 raise=false" \
// RUN:   | FileCheck %s --check-prefix=LLVMIR
// RUN: gelu-opt %s --gelu-cpu-pipeline="vector-width=8 raise=false" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx2,+fma \
// RUN:   | FileCheck %s --check-prefix=AVX2

// COM: The loads and stores stay bf16; every fmul and fadd is on f32.
// LLVMIR-LABEL: llvm.func @scale_add
// LLVMIR-NOT: llvm.f{{mul|add}} {{.*}}bf16
// LLVMIR: llvm.fmul %{{.+}}, %{{.+}} : vector<{{[0-9]+}}xf32>
// LLVMIR-NOT: llvm.f{{mul|add}} {{.*}}bf16
// LLVMIR: llvm.fadd %{{.+}}, %{{.+}} : vector<{{[0-9]+}}xf32>
// LLVMIR-NOT: llvm.f{{mul|add|ptrunc}} {{.*}}bf16
// LLVMIR: llvm.return

// AVX2-LABEL: scale_add:
// AVX2-NOT: __truncsfbf2
// AVX2: vmulps
// AVX2-NOT: __truncsfbf2
// AVX2: ret
func.func @scale_add(%x: tensor<64xbf16>, %y: tensor<64xbf16>) -> tensor<64xbf16> {
  %half = arith.constant 0.5 : bf16
  %e = tensor.empty() : tensor<64xbf16>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>,
                                        affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]}
      ins(%x, %y : tensor<64xbf16>, tensor<64xbf16>) outs(%e : tensor<64xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %o: bf16):
    %m = arith.mulf %a, %half : bf16
    %s = arith.addf %m, %b : bf16
    linalg.yield %s : bf16
  } -> tensor<64xbf16>
  return %r : tensor<64xbf16>
}
