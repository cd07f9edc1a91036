"""Reference vectors for Recentre, computed by PyTorch in float64 from float32 inputs.

Each image's ink, max(0, x - background) summed over channels, has its centre of mass (cx, cy); the
image moves by (round(w // 2 - cx), round(h // 2 - cy)) whole pixels, blank paper filling what enters
the frame. The move is computed without gradient (it is constant where the rounding does not flip);
autograd gives the input gradient of L = sum(y * grad_output) through the move.
Run: python3 generate.py (writes the .idx files beside this script).
"""
import math
import os
import struct

import torch

BACKGROUND = -0.4242
HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, t):
    t = t.detach().to(torch.float32).contiguous()
    with open(os.path.join(HERE, name + ".idx"), "wb") as f:
        f.write(bytes([0, 0, 0x0D, t.dim()]))
        for d in t.shape:
            f.write(struct.pack(">i", d))
        f.write(struct.pack(">%df" % t.numel(), *t.flatten().tolist()))


def moved(image, dx, dy):
    """image (c, h, w) moved dx right and dy down, background where nothing comes from."""
    c, h, w = image.shape
    out = torch.full_like(image, BACKGROUND)
    ys, yd = slice(max(0, -dy), min(h, h - dy)), slice(max(0, dy), min(h, h + dy))
    xs, xd = slice(max(0, -dx), min(w, w - dx)), slice(max(0, dx), min(w, w + dx))
    out[:, yd, xd] = image[:, ys, xs]
    return out


g = torch.Generator().manual_seed(20261206)
x32 = torch.full((3, 2, 8, 9), BACKGROUND)
x32[0, :, 0:4, 0:3] = torch.rand(2, 4, 3, generator=g) * 2 + BACKGROUND   # ink up and to the left
x32[1, :, 5:8, 4:9] = torch.rand(2, 3, 5, generator=g) * 2 + BACKGROUND   # down and to the right
x32[2] = torch.randn(2, 8, 9, generator=g)                                  # noise: ink and less than paper
grad32 = torch.randn(3, 2, 8, 9, generator=g)
x = x32.to(torch.float64).requires_grad_(True)
outputs = []
for image in x:
    ink = (image.detach() - BACKGROUND).clamp(min=0).sum(0)
    h, w = ink.shape
    mass = ink.sum().item()
    cy = (ink.sum(1) * torch.arange(h, dtype=torch.float64)).sum().item() / mass
    cx = (ink.sum(0) * torch.arange(w, dtype=torch.float64)).sum().item() / mass
    dx, dy = math.floor(w // 2 - cx + 0.5), math.floor(h // 2 - cy + 0.5)
    print("moved by", dx, dy)
    outputs.append(moved(image, dx, dy))
y = torch.stack(outputs)
(y * grad32.to(torch.float64)).sum().backward()

write("input", x32)
write("grad_output", grad32)
write("output", y)
write("grad_input", x.grad)
