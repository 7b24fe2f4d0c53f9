// RUN: gelu-opt %s --split-input-file \
// RUN:   --gelu-approximate="exact-f32-core=piecewise table-lookup=memory" \
// RUN:   | FileCheck %s

// COM: table-lookup=memory: the eight tables are one constant memref.global
// COM: of 16 rows of eight f32s (row j: entry j of the origins, the doubled
// COM: coefficients of P_j from degree 5 down and the doubled leading
// COM: terms), 32-byte aligned, added once to the module. Each lane loads
// COM: its row at 8 j (the index masked to [0, 16)) with one vector.load,
// COM: and each table is entry i of the rows, gathered per lane. Row 0 is
// COM: the interval a in [1, 1.5): its origin, 0x3F80027A, comes first.
// CHECK: memref.global "private" constant @__gelu_piecewise_f32_tables : memref<128xf32> = dense<"0x7A02803F{{[0-9A-F]+}}"> {alignment = 32 : i64}
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @exact_4
// CHECK: %[[TABLES:.+]] = memref.get_global @__gelu_piecewise_f32_tables : memref<128xf32>
// CHECK: %[[SHIFT:.+]] = arith.shrui %{{.+}}, %{{.+}} : vector<4xi32>
// CHECK: %[[MASKED:.+]] = arith.andi %[[SHIFT]], %{{.+}} : vector<4xi32>
// CHECK: %[[ROW:.+]] = arith.shli %[[MASKED]], %{{.+}} : vector<4xi32>
// CHECK: %[[LANE0:.+]] = vector.extract %[[ROW]][0] : i32 from vector<4xi32>
// CHECK: %[[INDEX0:.+]] = arith.index_castui %[[LANE0]] : i32 to index
// CHECK: %[[ROW0:.+]] = vector.load %[[TABLES]][%[[INDEX0]]] : memref<128xf32>, vector<8xf32>
// CHECK-COUNT-3: vector.load %[[TABLES]][%{{.+}}] : memref<128xf32>, vector<8xf32>
// CHECK-NOT: vector.load
// CHECK: %[[ORIGIN0:.+]] = vector.extract %[[ROW0]][0] : f32 from vector<8xf32>
// CHECK: %[[ORIGINS:.+]] = vector.from_elements %[[ORIGIN0]], %{{.+}}, %{{.+}}, %{{.+}} : vector<4xf32>
// CHECK: arith.subf %{{.+}}, %[[ORIGINS]] : vector<4xf32>
// CHECK-COUNT-7: vector.from_elements
// CHECK-NOT: vector.from_elements
// CHECK-NOT: vector.load
// CHECK: return
func.func @exact_4(%x: vector<4xf32>) -> vector<4xf32> {
  %y = gelu.gelu %x : vector<4xf32>
  return %y : vector<4xf32>
}

// COM: A scalar loads its one row; a second op reuses the module's global.
// CHECK-LABEL: func.func @exact_scalar
// CHECK: %[[TABLES:.+]] = memref.get_global @__gelu_piecewise_f32_tables : memref<128xf32>
// CHECK: %[[ROW:.+]] = vector.load %[[TABLES]][%{{.+}}] : memref<128xf32>, vector<8xf32>
// CHECK-NOT: vector.load
// CHECK: vector.extract %[[ROW]][7] : f32 from vector<8xf32>
// CHECK: return
func.func @exact_scalar(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// COM: Other modes and types read no tables.
// CHECK-LABEL: func.func @tanh_4
// CHECK-NOT: memref.get_global
// CHECK: return
func.func @tanh_4(%x: vector<4xf32>) -> vector<4xf32> {
  %y = gelu.gelu %x approximation = tanh : vector<4xf32>
  return %y : vector<4xf32>
}

// -----

// COM: Nothing to rewrite with the piecewise core: no global.
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @f64_only
func.func @f64_only(%x: f64) -> f64 {
  %y = gelu.gelu %x : f64
  return %y : f64
}

// -----

// COM: A symbol of the name that is not the tables: the global gets a name
// COM: of its own.
// CHECK: memref.global "private" constant @__gelu_piecewise_f32_tables_0 : memref<128xf32>
// CHECK-LABEL: func.func @__gelu_piecewise_f32_tables
// CHECK-LABEL: func.func @name_taken
// CHECK: memref.get_global @__gelu_piecewise_f32_tables_0
func.func @__gelu_piecewise_f32_tables() {
  return
}
func.func @name_taken(%x: f32) -> f32 {
  %y = gelu.gelu %x : f32
  return %y : f32
}

// -----

// COM: Kernels in a gpu.module get the global in the gpu.module, their
// COM: nearest symbol table.
// CHECK-LABEL: gpu.module @kernels
// CHECK: memref.global "private" constant @__gelu_piecewise_f32_tables : memref<128xf32>
// CHECK: gpu.func @kernel
// CHECK: memref.get_global @__gelu_piecewise_f32_tables
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @kernel(%x: vector<4xf32>, %out: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %y = gelu.gelu %x : vector<4xf32>
      vector.store %y, %out[%c0] : memref<4xf32>, vector<4xf32>
      gpu.return
    }
  }
}
