// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="exact-f32-core=piecewise" | FileCheck %s
// RUN: not gelu-opt %s --gelu-approximate="exact-f32-core=f32" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD

// BAD: for the --exact-f32-core option: Cannot find option named 'f32'!

// COM: exact f32 in f32 arithmetic: a = min(|x|, 14.5), the interval index
// COM: (bits(a + 1) >> 21) & 15 reads 16-entry tables (the polynomials'
// COM: origins first), exp(-a^2/2) from the split square (k from the magic
// COM: number, which carries the exponent bias of 2^(k+63): one shift
// COM: builds it, no integer add), 2 S rho as small rho + lead rho, and
// COM: x - T or -0 - T in one fma. No f64.
// CHECK-LABEL: func.func @exact_f32_scalar
// CHECK-SAME: (%[[X:.+]]: f32)
// CHECK-DAG: %[[ORIGIN:.+]] = arith.constant dense<[1.00007558, 1.50046718, {{.*}}]> : vector<16xf32>
// CHECK-DAG: %[[BOUND:.+]] = arith.constant 1.450000e+01 : f32
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant 0x4B4000BE : f32
// CHECK-DAG: %[[LEAD:.+]] = arith.constant dense<[0.523175359, {{.*}}, 1.000000e+00, 0.207087681, {{.*}}]> : vector<16xf32>
// COM: A NaN x becomes a = 14.5 and reaches the result only through base.
// CHECK: %[[ABS:.+]] = math.absf %[[X]] : f32
// CHECK: %[[BELOW:.+]] = arith.cmpf olt, %[[ABS]], %[[BOUND]] : f32
// CHECK: %[[A:.+]] = arith.select %[[BELOW]], %[[ABS]], %[[BOUND]] : f32
// CHECK: %[[B:.+]] = arith.addf %[[A]], %{{.+}} : f32
// CHECK: %[[BITS:.+]] = arith.bitcast %[[B]] : f32 to i32
// CHECK: %[[SHIFT:.+]] = arith.shrui %[[BITS]], %{{.+}} : i32
// CHECK: %[[J:.+]] = arith.andi %[[SHIFT]], %{{.+}} : i32
// CHECK: %[[IDX:.+]] = arith.index_castui %[[J]] : i32 to index
// CHECK: %[[L:.+]] = vector.extract %[[ORIGIN]][%[[IDX]]] : f32 from vector<16xf32>
// CHECK: %[[U:.+]] = arith.subf %[[A]], %[[L]] : f32
// CHECK-COUNT-5: math.fma %{{.+}}, %[[U]], %{{.+}} : f32
// COM: The leading term (doubled): min(lead2[j], a), lead2[j] = 2 S(origin)
// COM: below every a of its interval, and 1 on [0, 1/4), where it is a.
// CHECK: %[[SMALL:.+]] = arith.mulf %[[U]], %{{.+}} : f32
// CHECK: %[[LT:.+]] = vector.extract %[[LEAD]][%[[IDX]]] : f32 from vector<16xf32>
// CHECK: %[[LESS:.+]] = arith.cmpf olt, %[[LT]], %[[A]] : f32
// CHECK: %[[LEADV:.+]] = arith.select %[[LESS]], %[[LT]], %[[A]] : f32
// CHECK: %[[SQ:.+]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK: %[[KM:.+]] = math.fma %[[SQ]], %{{.+}}, %[[MAGIC]] : f32
// CHECK: %[[RHO:.+]] = arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: %[[LEADRHO:.+]] = arith.mulf %[[LEADV]], %[[RHO]] : f32
// CHECK: %[[SRHO:.+]] = math.fma %[[SMALL]], %[[RHO]], %[[LEADRHO]] : f32
// CHECK: %[[CORR:.+]] = math.fma %[[SRHO]], %{{.+}}, %[[SMALL]] : f32
// CHECK: %[[KBITS:.+]] = arith.bitcast %[[KM]] : f32 to i32
// CHECK-NEXT: %[[SCALEBITS:.+]] = arith.shli %[[KBITS]], %{{.+}} : i32
// CHECK-NEXT: %[[SCALE:.+]] = arith.bitcast %[[SCALEBITS]] : i32 to f32
// CHECK-NEXT: %[[LEADSCALED:.+]] = arith.mulf %[[LEADV]], %[[SCALE]] : f32
// CHECK-NEXT: %[[SUM:.+]] = math.fma %[[CORR]], %[[SCALE]], %[[LEADSCALED]] : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %[[X]], %{{.+}} : f32
// CHECK: %[[BASE:.+]] = arith.select %[[NEG]], %{{.+}}, %[[X]] : f32
// CHECK: %[[Y:.+]] = math.fma %[[SUM]], %{{.+}}, %[[BASE]] : f32
// CHECK: return %[[Y]]
// CHECK-NOT: f64
func.func @exact_f32_scalar(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// COM: Vectors: the lane indices are extracted once; each table is read
// COM: lane by lane and gathered with vector.from_elements (8 tables).
// CHECK-LABEL: func.func @exact_f32_vector
// CHECK-COUNT-16: arith.index_castui %{{.+}} : i32 to index
// CHECK-COUNT-8: vector.from_elements {{.*}} : vector<16xf32>
// CHECK-NOT: vector.from_elements
// CHECK-NOT: f64
func.func @exact_f32_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %y = gelu.gelu %x : vector<16xf32>
  return %y : vector<16xf32>
}

// -----

// COM: Higher-rank vectors are read flattened (the cast of the index folds
// COM: into the lanes' positions) and cast back.
// CHECK-LABEL: func.func @exact_f32_2d
// CHECK: vector.extract %{{.+}}[1, 3] : i32 from vector<2x4xi32>
// CHECK: vector.from_elements {{.*}} : vector<8xf32>
// CHECK: vector.shape_cast %{{.+}} : vector<8xf32> to vector<2x4xf32>
func.func @exact_f32_2d(%x: vector<2x4xf32>) -> vector<2x4xf32> {
  %y = gelu.gelu %x : vector<2x4xf32>
  return %y : vector<2x4xf32>
}

// -----

// COM: Not the piecewise core: tanh mode, f64, bf16, scalable vectors and
// COM: tensors keep their cores.
// CHECK-LABEL: func.func @other_cores
// CHECK-NOT: vector.from_elements
// CHECK: arith.truncf %{{.+}} : vector<8xf64> to vector<8xf32>
// CHECK: arith.truncf %{{.+}} : vector<[4]xf64> to vector<[4]xf32>
// CHECK: arith.truncf %{{.+}} : tensor<4xf64> to tensor<4xf32>
// CHECK-NOT: vector.from_elements
// CHECK: return
func.func @other_cores(%t: vector<8xf32>, %s: vector<[4]xf32>,
                       %r: tensor<4xf32>, %d: f64, %h: bf16)
    -> (vector<8xf32>, vector<[4]xf32>, tensor<4xf32>, f64, bf16) {
  %0 = gelu.gelu %t approximation = tanh : vector<8xf32>
  %1 = gelu.gelu %s : vector<[4]xf32>
  %2 = gelu.gelu %r : tensor<4xf32>
  %3 = gelu.gelu %d : f64
  %4 = gelu.gelu %h : bf16
  return %0, %1, %2, %3, %4 : vector<8xf32>, vector<[4]xf32>, tensor<4xf32>, f64, bf16
}
