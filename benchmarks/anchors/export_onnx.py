#!/usr/bin/python3
"""Exports Inkwell's reference networks from PyTorch to ONNX, for ONNX Runtime's harness
(../../../shared/anchors/java, `./run.sh onnx --model FILE`), so that each is measured on both engines.

nets:   conv3x3 1->32, ReLU, maxpool2, conv3x3 32->64, ReLU, maxpool2, flatten(1600), dropout, linear 1600->10
netl:   conv3x3 1->32, ReLU, conv3x3 32->64, ReLU, maxpool2, dropout, flatten(9216), linear 9216->128, ReLU,
        dropout, linear 128->10
lenet5: conv5x5 1->6 (padding 2), ReLU, maxpool2, conv5x5 6->16, ReLU, maxpool2, flatten(400), linear 400->120,
        ReLU, linear 120->84, ReLU, linear 84->10

Exported in eval mode (dropout is the identity), opset 13, the batch axis dynamic, PyTorch's default
initialisation with seed 1 (untrained weights cost the same time). The parameter counts are checked against
Inkwell's `ReferenceNets`. Needs Debian's torch (python3-torch); torch.onnx.export needs no `onnx` package.

Usage: /usr/bin/python3 export_onnx.py ARCH OUT.onnx
"""
import sys

import torch
import torch.nn as nn

NETS = {
    "nets": (lambda: nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10)), 34826),
    "netl": (lambda: nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10)), 1199882),
    "lenet5": (lambda: nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)), 61706),
}

if len(sys.argv) != 3 or sys.argv[1] not in NETS:
    sys.exit("usage: export_onnx.py {%s} OUT.onnx" % ",".join(NETS))
arch, out = sys.argv[1], sys.argv[2]
make, params = NETS[arch]
torch.manual_seed(1)
net = make().eval()
count = sum(p.numel() for p in net.parameters())
assert count == params, "%s has %d parameters, Inkwell's has %d" % (arch, count, params)
torch.onnx.export(net, torch.randn(2, 1, 28, 28), out, opset_version=13, input_names=["input"],
                  output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                  do_constant_folding=True)
print("wrote %s: %s, %d parameters (torch %s, opset 13)" % (out, arch, count, torch.__version__))
