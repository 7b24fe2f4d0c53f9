// Debian's mlir-opt with GeluPlugin runs gelu-gpu-pipeline too: the GPU
// translations it needs are upstream's, already in mlir-opt.
//
// RUN: mlir-opt %s --load-dialect-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   --load-pass-plugin=%gelu_libs/GeluPlugin%shlibext \
// RUN:   --pass-pipeline="builtin.module(gelu-gpu-pipeline{chip=sm_80})" \
// RUN: | %extract-gpu-assembly | FileCheck %s --implicit-check-not=__nv_

// CHECK: // gpu.binary @gelu_kernel_kernel
// CHECK: .target sm_80
// CHECK: ld.global.v4.b32
// CHECK: st.global.v4.b32

func.func @gelu_kernel(%x: memref<?xf32>, %y: memref<?xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<?xf32> to tensor<?xf32>
  %g = gelu.gelu %xt approximation = tanh : tensor<?xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<?xf32>, memref<?xf32>) -> ()
  return
}
