# expect: passed
import math

import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    c = x.shape[1]
    xs = x.transpose(0, 1).reshape(c, -1).tolist()
    gs = grad_out.transpose(0, 1).reshape(c, -1).tolist()
    gx_rows, gw, gb = [], [], []
    for ch in range(c):
        xv, gv = xs[ch], gs[ch]
        n = len(xv)
        mean = sum(xv) / n
        var = sum((v - mean) ** 2 for v in xv) / n
        istd = 1.0 / math.sqrt(var + eps)
        xhat = [(v - mean) * istd for v in xv]
        gb.append(sum(gv))
        gw.append(sum(g * h for g, h in zip(gv, xhat, strict=True)))
        dxhat = [g * weight[ch].item() for g in gv]
        s1 = sum(dxhat)
        s2 = sum(d * h for d, h in zip(dxhat, xhat, strict=True))
        gx_rows.append([istd / n * (n * d - s1 - h * s2) for d, h in zip(dxhat, xhat, strict=True)])
    shape = list(x.transpose(0, 1).shape)
    grad_x = torch.tensor(gx_rows, dtype=x.dtype).reshape(shape).transpose(0, 1).contiguous()
    return grad_x, torch.tensor(gw, dtype=x.dtype), torch.tensor(gb, dtype=x.dtype)
