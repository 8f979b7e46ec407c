# expect: passed
import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    s = np.broadcast_to(stride, 2)
    p = np.broadcast_to(padding, 2)
    d = np.broadcast_to(dilation, 2)
    a = np.pad(x.numpy(), ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])))
    k = weight.numpy()
    o, cg, kh, kw = k.shape
    span = (d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1)
    windows = sliding_window_view(a, span, axis=(2, 3))  # n, c, oh', ow', spanh, spanw
    windows = windows[:, :, ::s[0], ::s[1], ::d[0], ::d[1]]
    og = o // groups
    parts = []
    for g in range(groups):
        xs = windows[:, g * cg:(g + 1) * cg]
        ks = k[g * og:(g + 1) * og]
        parts.append(np.einsum("nchwuv,ocuv->nohw", xs, ks))
    out = np.concatenate(parts, axis=1)
    if bias is not None:
        out = out + bias.numpy()[None, :, None, None]
    return torch.from_numpy(np.ascontiguousarray(out)).to(x.dtype)
