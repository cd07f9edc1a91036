#!/usr/bin/env python3
"""float32 SGEMM GFLOP/s of numpy's BLAS (OpenBLAS in the PyPI wheels) on square sizes, for a
same-machine comparison with SgemmBench. Prints `sgemm_gflops_N: X` (median of --repeats timings).

Usage: python3 numpy_sgemm.py [--threads 1] [--repeats 30] [SIZE...]   (default sizes 512 768 1024)
Needs a numpy whose BLAS is OpenBLAS: `python3 -c "import numpy; numpy.show_config()"` tells.
"""
import os
import sys

args = sys.argv[1:]
threads = "1"
repeats = 30
if "--threads" in args:
    i = args.index("--threads")
    threads = args[i + 1]
    del args[i:i + 2]
if "--repeats" in args:
    i = args.index("--repeats")
    repeats = int(args[i + 1])
    del args[i:i + 2]
if os.environ.get("OPENBLAS_NUM_THREADS") != threads:  # must be set before numpy loads OpenBLAS
    os.execve(sys.executable, [sys.executable] + sys.argv,
              {**os.environ, "OPENBLAS_NUM_THREADS": threads, "OMP_NUM_THREADS": threads})

import time
import numpy as np

sizes = [int(a) for a in args] or [512, 768, 1024]
rng = np.random.default_rng(1)
for n in sizes:
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    for _ in range(5):
        np.matmul(a, b, out=c)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"sgemm_gflops_{n}: {2 * n ** 3 / times[len(times) // 2] / 1e9:.1f}")
print(f"threads: {threads}")
