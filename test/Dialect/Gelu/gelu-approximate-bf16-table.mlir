// RUN: gelu-opt %s --split-input-file --gelu-approximate="bf16-table" \
// RUN:   | FileCheck %s
// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="bf16-table hardware-tanh" \
// RUN:   | FileCheck %s --check-prefix=HW-TANH

// COM: bf16-table: the correctly rounded results for 2^-10 <= |x| < 64 are
// COM: one constant memref.global of 4,096 i16s per approximation (entry i:
// COM: the bf16 with bits (i & 2047) + 0x3a80, negated for i >= 2048), added
// COM: once to the module. Entry 0 is GELU(2^-10) = 2^-11 (0x3a00), entry
// COM: 2047 GELU(63.75) = 63.75 (0x427f), entry 4095 GELU(-63.75) = -0.
// CHECK: memref.global "private" constant @__gelu_bf16_table_exact : memref<4096xi16> = dense<"0x003A{{[0-9A-F]+}}7F42{{[0-9A-F]+}}0080"> {alignment = 64 : i64}
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @exact_4
// CHECK-DAG: %[[FIRST:.+]] = arith.constant dense<14976> : vector<4xi32>
// CHECK-DAG: %[[LAST_ROW:.+]] = arith.constant dense<2047> : vector<4xi32>
// CHECK-DAG: %[[ABS_MASK:.+]] = arith.constant dense<32767> : vector<4xi32>
// CHECK: %[[TABLE:.+]] = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
// CHECK: %[[X16:.+]] = arith.bitcast %{{.+}} : vector<4xbf16> to vector<4xi16>
// CHECK: %[[BITS:.+]] = arith.extui %[[X16]] : vector<4xi16> to vector<4xi32>
// CHECK: %[[ABS:.+]] = arith.andi %[[BITS]], %[[ABS_MASK]] : vector<4xi32>
// CHECK: %[[SIGN:.+]] = arith.shrui %[[BITS]], %{{.+}} : vector<4xi32>
// CHECK: %[[OFFSET:.+]] = arith.subi %[[ABS]], %[[FIRST]] : vector<4xi32>
// CHECK: %[[ROW:.+]] = arith.minui %[[OFFSET]], %[[LAST_ROW]] : vector<4xi32>
// CHECK: %[[HALF:.+]] = arith.shli %[[SIGN]], %{{.+}} : vector<4xi32>
// CHECK: %[[INDEX:.+]] = arith.ori %[[ROW]], %[[HALF]] : vector<4xi32>
// CHECK: %[[LANE0:.+]] = vector.extract %[[INDEX]][0] : i32 from vector<4xi32>
// CHECK: %[[I0:.+]] = arith.index_castui %[[LANE0]] : i32 to index
// CHECK: %[[E0:.+]] = memref.load %[[TABLE]][%[[I0]]] : memref<4096xi16>
// CHECK-COUNT-3: memref.load %[[TABLE]]
// CHECK: %[[ENTRIES:.+]] = vector.from_elements %[[E0]], %{{.+}}, %{{.+}}, %{{.+}} : vector<4xi16>
// COM: |x| < 2^-10: x/2 from x's f32 bits, ties broken by the sign.
// CHECK: arith.mulf %{{.+}}, %{{.+}} : vector<4xf32>
// COM: x <= -64 (bits 0xc280 to 0xff80): -0; x >= 64, inf and NaN: x.
// CHECK: arith.cmpi ule
// CHECK: arith.cmpi ult, %[[ABS]], %[[FIRST]]
// CHECK: arith.cmpi uge, %[[ABS]]
// CHECK: %[[RESULT:.+]] = arith.trunci %{{.+}} : vector<4xi32> to vector<4xi16>
// CHECK: %[[Y:.+]] = arith.bitcast %[[RESULT]] : vector<4xi16> to vector<4xbf16>
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK-NOT: scf.if
// CHECK: return %[[Y]]
func.func @exact_4(%x: vector<4xbf16>) -> vector<4xbf16> {
  %y = gelu.gelu %x : vector<4xbf16>
  return %y : vector<4xbf16>
}

// COM: A scalar loads its entry; a second op reuses the module's global.
// CHECK-LABEL: func.func @exact_scalar
// CHECK: %[[TABLE:.+]] = memref.get_global @__gelu_bf16_table_exact : memref<4096xi16>
// CHECK: memref.load %[[TABLE]][%{{.+}}] : memref<4096xi16>
// CHECK-NOT: memref.load
// CHECK: return
func.func @exact_scalar(%x: bf16) -> bf16 {
  %y = gelu.gelu %x : bf16
  return %y : bf16
}

// COM: An n-D vector: one load per lane, the entries reshaped.
// CHECK-LABEL: func.func @exact_2d
// CHECK: vector.extract %{{.+}}[0, 0] : i32 from vector<2x3xi32>
// CHECK-COUNT-6: memref.load
// CHECK: vector.shape_cast %{{.+}} : vector<6xi16> to vector<2x3xi16>
func.func @exact_2d(%x: vector<2x3xbf16>) -> vector<2x3xbf16> {
  %y = gelu.gelu %x : vector<2x3xbf16>
  return %y : vector<2x3xbf16>
}

// -----

// COM: One table per approximation; a symbol that already has the name
// COM: keeps it, and the table gets a fresh one.
// CHECK-DAG: memref.global "private" constant @__gelu_bf16_table_tanh_0 : memref<4096xi16>
// CHECK-DAG: memref.global "private" constant @__gelu_bf16_table_sigmoid : memref<4096xi16>
// CHECK-DAG: func.func private @__gelu_bf16_table_tanh()
// CHECK-LABEL: func.func @tanh_and_sigmoid
// CHECK: memref.get_global @__gelu_bf16_table_tanh_0
// CHECK: memref.get_global @__gelu_bf16_table_sigmoid
// HW-TANH-LABEL: func.func @tanh_and_sigmoid
// HW-TANH: math.tanh
// HW-TANH: memref.get_global @__gelu_bf16_table_sigmoid
func.func private @__gelu_bf16_table_tanh()
func.func @tanh_and_sigmoid(%x: vector<8xbf16>) -> (vector<8xbf16>, vector<8xbf16>) {
  %t = gelu.gelu %x approximation = tanh : vector<8xbf16>
  %s = gelu.gelu %x approximation = sigmoid : vector<8xbf16>
  return %t, %s : vector<8xbf16>, vector<8xbf16>
}

// -----

// COM: Not bf16 scalars or vectors: computed as without the option (f16's
// COM: table would be 16 times larger; tensors keep the f64 core).
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @others
// CHECK-NOT: memref.get_global
// CHECK: return
func.func @others(%h: vector<4xf16>, %f: vector<4xf32>, %t: tensor<4xbf16>)
    -> (vector<4xf16>, vector<4xf32>, tensor<4xbf16>) {
  %a = gelu.gelu %h : vector<4xf16>
  %b = gelu.gelu %f : vector<4xf32>
  %c = gelu.gelu %t : tensor<4xbf16>
  return %a, %b, %c : vector<4xf16>, vector<4xf32>, tensor<4xbf16>
}
