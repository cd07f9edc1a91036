"""Reference vectors for ImageLevels, computed by PyTorch in float64 from float32 inputs.

y = background + (x - median) * (ink - background) / (max - median) per image, the median being the
(n/2)-th smallest of the image's n values (torch.kthvalue with k = n // 2 + 1); autograd gives the input
gradient of L = sum(y * grad_output), through the median and the maximum as well.
Run: python3 generate.py (writes the .idx files beside this script).
"""
import os
import struct

import torch

BACKGROUND, INK = -0.4242, 2.8215
HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, t):
    t = t.detach().to(torch.float32).contiguous()
    with open(os.path.join(HERE, name + ".idx"), "wb") as f:
        f.write(bytes([0, 0, 0x0D, t.dim()]))
        for d in t.shape:
            f.write(struct.pack(">i", d))
        f.write(struct.pack(">%df" % t.numel(), *t.flatten().tolist()))


g = torch.Generator().manual_seed(20261206)
x32 = torch.randn(3, 2, 4, 5, generator=g)
x32[1] = x32[1] * 0.3 + 1.5          # a grey, low-contrast image
grad32 = torch.randn(3, 2, 4, 5, generator=g)
x = x32.to(torch.float64).requires_grad_(True)
flat = x.reshape(3, -1)
n = flat.shape[1]
median = torch.kthvalue(flat, n // 2 + 1, dim=1).values
top = flat.max(dim=1).values
y = BACKGROUND + (flat - median[:, None]) * (INK - BACKGROUND) / (top - median)[:, None]
y = y.reshape(x.shape)
(y * grad32.to(torch.float64)).sum().backward()

write("input", x32)
write("grad_output", grad32)
write("output", y)
write("grad_input", x.grad)
