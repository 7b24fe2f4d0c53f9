# -*- Python -*-
# lit configuration of the gelu-mlir test suite (after upstream's
# mlir/examples/standalone/test/lit.cfg.py).

import ctypes
import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "GELU"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gelu_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# As upstream mlir/test/lit.cfg.py: every variable is scoped to its
# CHECK-LABEL block, and a --check-prefixes value that no line uses is an
# error.
config.environment["FILECHECK_OPTS"] = (
    "-enable-var-scope --allow-unused-prefixes=false"
)

gelu_tools_dir = os.path.join(config.gelu_obj_root, "bin")
gelu_libs_dir = os.path.join(config.gelu_obj_root, "lib")
config.substitutions.append(("%gelu_obj_root", config.gelu_obj_root))
config.substitutions.append(("%gelu_libs", gelu_libs_dir))
config.substitutions.append(("%gelu_src", config.gelu_src_root))
# The CMake and compilers this build uses, for test/Install.
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%c_compiler", config.c_compiler))
config.substitutions.append(("%cxx_compiler", config.cxx_compiler))
config.substitutions.append(("%llvm_use_linker", config.llvm_use_linker))
config.substitutions.append(("%mlir_dir", config.mlir_dir))

# The runtime libraries of Debian's LLVM 22, for mlir-runner.
for lib in ["mlir_runner_utils", "mlir_c_runner_utils"]:
    path = os.path.join(config.llvm_lib_dir, "lib" + lib + config.llvm_shlib_ext)
    config.substitutions.append(("%" + lib, path))

config.substitutions.append(
    ("%omp_runtime", os.path.join(config.llvm_lib_dir, "libomp" + config.llvm_shlib_ext)))

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
llvm_config.add_tool_substitutions(
    ["gelu-opt", "gelu-accuracy", "gelu-bench", "gelu-capi-test", "gelu-gpu-runner", "mlir-opt",
     "mlir-runner", "mlir-translate", "llc", "llvm-mc", "llvm-nm", "llvm-readelf"],
    [gelu_tools_dir, config.llvm_tools_dir],
)
config.substitutions.append(
    ("%extract-gpu-assembly", config.python_executable + " "
     + os.path.join(config.gelu_src_root, "utils", "extract-gpu-assembly.py"))
)

# GPU features. Kernels are generated everywhere; these gate the checks that
# need more: the CUDA toolkit's ptxas (PTX validation), llvm-mc's AMDGPU
# target, the runner (built with the CUDA toolkit) and a driver to run it.
ptxas = shutil.which("ptxas")
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
try:
    mc_version = subprocess.run(
        [os.path.join(config.llvm_tools_dir, "llvm-mc"), "--version"],
        capture_output=True, text=True).stdout
    if "amdgcn" in mc_version:
        config.available_features.add("llvm-mc-amdgpu")
except OSError:
    pass
if os.path.exists(os.path.join(gelu_tools_dir, "gelu-gpu-runner")):
    config.available_features.add("gelu-gpu-runner")
try:
    ctypes.CDLL("libcuda.so.1")
    config.available_features.add("cuda-driver")
except OSError:
    pass

# Host CPU features, for tests that run code needing more than x86-64's
# baseline (the AVX2 table lookups): from the flags the kernel reports.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                      if line.startswith("flags")), [])
    if "avx2" in flags and "fma" in flags:
        config.available_features.add("host-avx2")
except OSError:
    pass

# The value checkers are Python scripts that compute references with mpmath.
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%check-values", config.python_executable + " "
     + os.path.join(config.gelu_src_root, "test", "Integration", "check_values.py"))
)
try:
    subprocess.check_call(
        [config.python_executable, "-c", "import mpmath"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config.available_features.add("mpmath")
except (OSError, subprocess.CalledProcessError):
    lit_config.warning("python3-mpmath is missing: value checks are skipped")
