#!/usr/bin/python3
"""The peers' side of jgrad's benchmark: the same measurements with NumPy and PyTorch, and the
GEMMs also with oneDNN (PyTorch's mkldnn_linear, when its oneDNN is built in).

Run with Debian's python3 (python3-numpy, python3-torch, libopenblas0-pthread; for PyTorch on two
threads its best set-up is the OpenMP OpenBLAS, libopenblas0-openmp, which compare.py selects).
Prints one JSON object: the environment and rows like jgrad's (group, name, value, unit).
Medians of several rounds after warm-up, as jgrad bench does.
"""
import argparse
import ctypes
import json
import statistics
import sys
import time


def timed(fn, warmup=1.5, rounds=7, round_seconds=0.4):
    end = time.perf_counter() + warmup
    calls = 0
    t0 = time.perf_counter()
    while True:
        fn()
        calls += 1
        if time.perf_counter() >= end:
            break
    per_call = (time.perf_counter() - t0) / calls
    per_round = max(1, min(1_000_000, int(round_seconds / max(per_call, 1e-9))))
    times = []
    for _ in range(rounds):
        s = time.perf_counter()
        for _ in range(per_round):
            fn()
        times.append((time.perf_counter() - s) / per_round)
    times.sort()
    return times[len(times) // 2], times[0], times[-1]


def openblas_info():
    for name in ("libopenblas.so.0", "libopenblasp-r0.3.21.so", "libopenblaso-r0.3.21.so"):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        info = {}
        try:
            lib.openblas_get_corename.restype = ctypes.c_char_p
            info["core"] = lib.openblas_get_corename().decode()
            lib.openblas_get_config.restype = ctypes.c_char_p
            info["config"] = lib.openblas_get_config().decode().strip()
            info["parallel"] = {0: "sequential", 1: "pthreads", 2: "openmp"}.get(lib.openblas_get_parallel(), "?")
        except AttributeError:
            pass
        return info
    return {"core": "OpenBLAS not found: numpy/torch may run the slow reference BLAS"}


# (m, n, k) of each GEMM figure, and its name in jgrad bench's output
GEMM_SHAPES = [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048),
               (256, 256, 784), (784, 256, 256), (256, 10, 256)]
GEMM_NAMES = ["256³", "512³", "1024³", "2048³", "256×784·784×256", "784×256·256×256", "256×256·256×10"]


def numpy_rows(args, rows):
    import numpy as np
    rng = np.random.default_rng(1)
    for (m, n, k), name in zip(GEMM_SHAPES, GEMM_NAMES):
        a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
        c = np.empty((m, n), np.float32)
        med, lo, hi = timed(lambda: np.matmul(a, b, out=c), args.warmup, args.rounds, args.round_seconds)
        flops = 2.0 * m * n * k
        rows.append({"group": "gemm", "name": name, "value": flops / med / 1e9, "unit": "GFLOP/s",
                     "min": flops / hi / 1e9, "max": flops / lo / 1e9, "peer": "numpy"})
    n = 1 << 24
    x = rng.uniform(-1, 1, n).astype(np.float32)
    y = rng.uniform(-1, 1, n).astype(np.float32)
    out = np.empty(n, np.float32)
    med, lo, hi = timed(lambda: np.maximum(x, 0, out=out), args.warmup, args.rounds, args.round_seconds)
    rows.append({"group": "elementwise", "name": "relu 16M floats", "value": 8.0 * n / med / 1e9, "unit": "GB/s",
                 "min": 8.0 * n / hi / 1e9, "max": 8.0 * n / lo / 1e9, "peer": "numpy"})
    med, lo, hi = timed(lambda: np.add(x, y, out=out), args.warmup, args.rounds, args.round_seconds)
    rows.append({"group": "elementwise", "name": "add 16M floats", "value": 12.0 * n / med / 1e9, "unit": "GB/s",
                 "min": 12.0 * n / hi / 1e9, "max": 12.0 * n / lo / 1e9, "peer": "numpy"})


def onednn_rows(args, rows):
    """oneDNN's float32 matrix product as PyTorch 1.13 ships it: its inner-product primitive
    (torch's mkldnn_linear, x·Wᵀ, W stored n×k), on the same shapes as numpy's, output included."""
    import torch
    if not torch.backends.mkldnn.is_available():
        return
    torch.manual_seed(1)
    for (m, n, k), name in zip(GEMM_SHAPES, GEMM_NAMES):
        x = (torch.rand(m, k) * 2 - 1).to_mkldnn()
        w = (torch.rand(n, k) * 2 - 1).to_mkldnn()
        med, lo, hi = timed(lambda: torch._C._nn.mkldnn_linear(x, w, None), args.warmup, args.rounds, args.round_seconds)
        flops = 2.0 * m * n * k
        rows.append({"group": "gemm", "name": name, "value": flops / med / 1e9, "unit": "GFLOP/s",
                     "min": flops / hi / 1e9, "max": flops / lo / 1e9, "peer": "onednn"})


def torch_rows(args, rows):
    import torch
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    data = torch.rand(256 * 40, 784)
    labels = torch.randint(0, 10, (256 * 40,))
    state = {"i": 0}

    def step():
        i = state["i"]
        state["i"] = (i + 1) % 40
        x = data[i * 256:(i + 1) * 256]
        y = labels[i * 256:(i + 1) * 256]
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    med, lo, hi = timed(step, args.warmup * 2, args.rounds, args.round_seconds)
    rows.append({"group": "training", "name": "chapter MLP step, batch 256", "value": 256 / med, "unit": "samples/s",
                 "min": 256 / hi, "max": 256 / lo, "peer": "pytorch"})
    tiny = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
    topt = torch.optim.SGD(tiny.parameters(), lr=0.01)
    mse = torch.nn.MSELoss()
    tx = torch.tensor([[0.1, -0.2, 0.3, 0.4]])
    ty = torch.tensor([[0.5]])

    def tiny_step():
        topt.zero_grad()
        loss = mse(tiny(tx), ty)
        loss.backward()
        topt.step()

    med, lo, hi = timed(tiny_step, args.warmup * 2, args.rounds, args.round_seconds)
    rows.append({"group": "tiny", "name": "4-8-1 MLP step, batch 1", "value": med * 1e6, "unit": "µs",
                 "min": lo * 1e6, "max": hi * 1e6, "peer": "pytorch"})


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--only", choices=["numpy", "torch"])
    p.add_argument("--quick", action="store_true")
    args = p.parse_args()
    args.warmup, args.rounds, args.round_seconds = (0.3, 3, 0.1) if args.quick else (1.5, 7, 0.4)
    env = {"python": sys.version.split()[0], "threads": args.threads, "openblas": openblas_info()}
    rows = []
    if args.only in (None, "numpy"):
        try:
            import numpy
            env["numpy"] = numpy.__version__
            numpy_rows(args, rows)
        except ImportError:
            env["numpy"] = "not installed (apt-get install python3-numpy)"
    if args.only in (None, "torch"):
        try:
            import torch
            torch.set_num_threads(args.threads)
            env["torch"] = torch.__version__
            env["torch_threads"] = torch.get_num_threads()
            env["onednn"] = torch.backends.mkldnn.is_available()
            torch_rows(args, rows)
            onednn_rows(args, rows)
        except ImportError:
            env["torch"] = "not installed (apt-get install python3-torch)"
    print(json.dumps({"environment": env, "rows": rows}))


if __name__ == "__main__":
    main()
