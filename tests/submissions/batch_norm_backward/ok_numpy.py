# expect: passed
import numpy as np
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    a = np.moveaxis(x.numpy().astype(np.float64), 1, 0).reshape(x.shape[1], -1)
    g = np.moveaxis(grad_out.numpy().astype(np.float64), 1, 0).reshape(x.shape[1], -1)
    w = weight.numpy().astype(np.float64)[:, None]
    n = a.shape[1]
    mean = a.mean(axis=1, keepdims=True)
    istd = 1.0 / np.sqrt(a.var(axis=1, keepdims=True) + eps)
    xhat = (a - mean) * istd
    dxhat = g * w
    dx = istd / n * (n * dxhat - dxhat.sum(1, keepdims=True)
                     - xhat * (dxhat * xhat).sum(1, keepdims=True))
    moved = [x.shape[1], x.shape[0], *x.shape[2:]]
    grad_x = np.moveaxis(dx.reshape(moved), 0, 1)
    return (torch.from_numpy(np.ascontiguousarray(grad_x)).to(x.dtype),
            torch.from_numpy((g * xhat).sum(1)).to(x.dtype),
            torch.from_numpy(g.sum(1)).to(x.dtype))
