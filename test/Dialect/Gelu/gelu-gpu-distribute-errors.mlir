// RUN: gelu-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline="builtin.module(func.func(gelu-gpu-distribute{require-all=true}))"
// RUN: gelu-opt %s --split-input-file --verify-diagnostics --gelu-gpu-pipeline

// With require-all (as in gelu-gpu-pipeline), linalg operations that are not
// elementwise are errors: the pipeline would leave them to the host, reading
// and writing device buffers.

func.func @matmul_then_gelu(%a: memref<4x8xf32>, %b: memref<8x16xf32>,
                            %c: memref<4x16xf32>, %y: memref<4x16xf32>) {
  %at = bufferization.to_tensor %a restrict : memref<4x8xf32> to tensor<4x8xf32>
  %bt = bufferization.to_tensor %b restrict : memref<8x16xf32> to tensor<8x16xf32>
  %ct = bufferization.to_tensor %c restrict : memref<4x16xf32> to tensor<4x16xf32>
  // expected-error @+1 {{'linalg.matmul' op is not elementwise: gelu-gpu-pipeline runs only elementwise operations (GELU and its fused neighbours) on the GPU}}
  %m = linalg.matmul ins(%at, %bt : tensor<4x8xf32>, tensor<8x16xf32>)
                     outs(%ct : tensor<4x16xf32>) -> tensor<4x16xf32>
  %g = gelu.gelu %m : tensor<4x16xf32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<4x16xf32>, memref<4x16xf32>) -> ()
  return
}

// -----

func.func @row_sum(%x: memref<4x16xf32>, %y: memref<4xf32>) {
  %xt = bufferization.to_tensor %x restrict : memref<4x16xf32> to tensor<4x16xf32>
  %yt = bufferization.to_tensor %y restrict writable : memref<4xf32> to tensor<4xf32>
  // expected-error @+1 {{'linalg.generic' op is not elementwise: gelu-gpu-pipeline runs only elementwise operations (GELU and its fused neighbours) on the GPU}}
  %s = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                       affine_map<(d0, d1) -> (d0)>],
      iterator_types = ["parallel", "reduction"]}
      ins(%xt : tensor<4x16xf32>) outs(%yt : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %add = arith.addf %in, %acc : f32
    linalg.yield %add : f32
  } -> tensor<4xf32>
  bufferization.materialize_in_destination %s in restrict writable %y
      : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @zero_d(%x: memref<f32>, %y: memref<f32>) {
  %xt = bufferization.to_tensor %x restrict : memref<f32> to tensor<f32>
  %e = tensor.empty() : tensor<f32>
  // expected-error @+1 {{'linalg.generic' op works on 0-d tensors: gelu-gpu-pipeline runs elementwise operations on tensors of rank 1 or more (reshape the operands to tensor<1x...>)}}
  %g = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>],
                       iterator_types = []}
      ins(%xt : tensor<f32>) outs(%e : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %r = gelu.gelu %in : f32
    linalg.yield %r : f32
  } -> tensor<f32>
  bufferization.materialize_in_destination %g in restrict writable %y
      : (tensor<f32>, memref<f32>) -> ()
  return
}
