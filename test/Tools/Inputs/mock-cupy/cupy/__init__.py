# A stand-in for CuPy, for test/Tools/gpu-bundle.test only: it lets
# gpu-bundle-run.py run its bookkeeping (manifest, launch arguments, grid
# size, timing, comparison, table) on a machine without a GPU. The "kernel"
# checks its launch (grid x block x elements per thread covers the data,
# the MLIR memref ABI: pointers, offset, size, stride) and computes with
# the bundle's CPU library, so it says nothing about the GPU kernels.
import numpy as np, types, time, ctypes, os, json
class A(np.ndarray):
    def get(self): return np.asarray(self).copy()
    @property
    def data(self): return types.SimpleNamespace(ptr=self.ctypes.data)
def _w(a): return np.asarray(a).view(A)
float32, uint32, uint16, uint64, int32, int16, int64 = np.float32, np.uint32, np.uint16, np.uint64, np.int32, np.int16, np.int64
def arange(start, stop, dtype=None): return _w(np.arange(start, stop, dtype=dtype))
class _random:
    @staticmethod
    def standard_normal(n, dtype=np.float64): return _w(np.random.default_rng(0).standard_normal(n).astype(dtype))
random = _random
def asarray(v, dtype=None): return _w(np.asarray(v, dtype=dtype))
def empty_like(x): return _w(np.empty_like(x))
def empty(n, dtype=None): return _w(np.zeros(n, dtype=dtype))
uint8 = np.uint8
class _Pool:
    def free_all_blocks(self): pass
def get_default_memory_pool(): return _Pool()
BUNDLE = os.environ["MOCK_BUNDLE"]
class RawModule:
    def __init__(self, path): self.name = os.path.basename(path)[:-4]
    def get_function(self, k):
        m = json.load(open(os.path.join(BUNDLE, "manifest.json")))
        c = next(c for c in m["configs"] if c["name"] == self.name)
        assert c["kernel"] == k
        import importlib.util
        spec = importlib.util.spec_from_file_location("r", os.path.join(BUNDLE, "gpu-bundle-run.py")); r = importlib.util.module_from_spec(spec); spec.loader.exec_module(r)
        ref = next(cc for cc in m["configs"] if cc["type"]==c["type"] and cc["approximation"]==c["approximation"] and not cc["fast_math"] and cc.get("f32_core", False)==c.get("f32_core", False))
        f = r.cpu_function(BUNDLE, ref)
        def call(grid, block, args):
            x, y, n = args[0], args[5], int(args[3])
            assert len(args) == 10 and args[1] is x and args[6] is y
            assert [int(a) for a in (args[2], args[4], args[7], args[9])] == [0, 1, 0, 1]
            assert int(args[8]) == n == x.size == y.size
            assert block[0] == c["threads_per_block"]
            assert grid[0] * block[0] * c["elements_per_thread"] >= n > (grid[0] - 1) * block[0] * c["elements_per_thread"]
            y[...] = f(np.asarray(x))
        return call
class _rt:
    memcpyDeviceToDevice = 3
    class CUDARuntimeError(Exception): pass
    @staticmethod
    def getDeviceCount(): return 1
    @staticmethod
    def getDeviceProperties(i): return {"name": b"Mock GPU", "multiProcessorCount": 1}
    @staticmethod
    def driverGetVersion(): return 13000
    @staticmethod
    def memcpyAsync(d, s, n, k, st): ctypes.memmove(d, s, n)
class _Event:
    def record(self): self.t = time.perf_counter()
    def synchronize(self): pass
class _Dev:
    def synchronize(self): pass
cuda = types.SimpleNamespace(runtime=_rt, Event=_Event, Device=_Dev, get_elapsed_time=lambda a, b: (b.t - a.t) * 1e3)
