#!/usr/bin/python3
"""One epoch of NetS on MNIST with PyTorch (CPU), timed from start-up as `./inkwell train` is.

The same work as `./inkwell train --arch nets --epochs 1 --validation 0`: all 60,000 training images
(no validation hold-out), batch 64, SGD lr 0.01 momentum 0.9, shuffled, then the test-set accuracy.
The shuffles differ (each library's own generator), so the accuracies differ by a little. Prints `epoch_wall_s` (process start to the
test result, data loading included) and `test_accuracy`.

Usage: /usr/bin/python3 one_epoch.py [--threads 2]   (data: $INKWELL_DATA/mnist/*.gz)
Needs Debian's python3-torch and python3-numpy; sets the glibc malloc tuning torch_bench.py uses.
"""
import os, sys, time

START = time.time()
THREADS = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else str(os.cpu_count())
TUNING = {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": "68719476736",
          "OMP_NUM_THREADS": THREADS, "OPENBLAS_NUM_THREADS": THREADS}
if any(os.environ.get(k) != v for k, v in TUNING.items()):
    os.environ["INKWELL_EPOCH_START"] = os.environ.get("INKWELL_EPOCH_START", str(START))
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **TUNING})
START = float(os.environ.get("INKWELL_EPOCH_START", START))

import gzip, struct
import numpy as np
import torch
import torch.nn as nn


def images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = struct.unpack(">" + "I" * raw[3], raw[4:4 + 4 * raw[3]])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * raw[3]).reshape(dims)


def main():
    torch.set_num_threads(int(THREADS))
    torch.manual_seed(1)
    root = os.path.join(os.environ.get("INKWELL_DATA", "../shared/datasets"), "mnist")
    load = lambda name: images(os.path.join(root, name))
    normalise = lambda a: ((torch.from_numpy(a.astype(np.float32)) / 255 - 0.1307) / 0.3081).unsqueeze(1)
    x, y = normalise(load("train-images-idx3-ubyte.gz")), torch.from_numpy(load("train-labels-idx1-ubyte.gz").astype(np.int64))
    tx, ty = normalise(load("t10k-images-idx3-ubyte.gz")), torch.from_numpy(load("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    net = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                        nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss = nn.CrossEntropyLoss()
    net.train()
    order = torch.randperm(len(x))
    for i in range(0, len(x), 64):
        idx = order[i:i + 64]
        opt.zero_grad()
        loss(net(x[idx]), y[idx]).backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        correct = sum(int((net(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum()) for i in range(0, len(tx), 1000))
    print("epoch_wall_s: %.1f" % (time.time() - START))
    print("test_accuracy: %.4f" % (correct / len(tx)))


if __name__ == "__main__":
    main()
