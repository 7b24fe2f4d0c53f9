// RUN: gelu-opt %s --split-input-file --verify-diagnostics \
// RUN:   --convert-gelu-to-linalg="require-ranked=true"
// RUN: gelu-opt %s --split-input-file --verify-diagnostics --gelu-cpu-pipeline
// RUN: gelu-opt %s --split-input-file --verify-diagnostics --gelu-gpu-pipeline

// With require-ranked (as in both pipelines), gelu.gelu on an unranked tensor
// is an error: linalg needs a rank, and bufferization would otherwise fail
// with a generic message. Every such op is reported.

func.func @unranked(%x: tensor<*xf32>, %y: tensor<*xbf16>)
    -> (tensor<*xf32>, tensor<*xbf16>) {
  // expected-error @+1 {{'gelu.gelu' op works on an unranked tensor, which has no linalg form: cast the operand to a ranked tensor (tensor.cast) first}}
  %a = gelu.gelu %x : tensor<*xf32>
  // expected-error @+1 {{'gelu.gelu' op works on an unranked tensor, which has no linalg form: cast the operand to a ranked tensor (tensor.cast) first}}
  %b = gelu.gelu %y approximation = tanh : tensor<*xbf16>
  return %a, %b : tensor<*xf32>, tensor<*xbf16>
}
