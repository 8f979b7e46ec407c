# expect: passed
import numpy as np
import torch


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    a = x.numpy().astype(np.float64)
    axes = (0,) + tuple(range(2, a.ndim))
    bshape = (1, -1) + (1,) * (a.ndim - 2)
    if training:
        mean = a.mean(axis=axes)
        var = a.var(axis=axes)
        n = a.size // a.shape[1]
        if running_mean is not None:
            new_mean = (1 - momentum) * running_mean.numpy() + momentum * mean
            new_var = (1 - momentum) * running_var.numpy() + momentum * var * n / (n - 1)
            running_mean.copy_(torch.from_numpy(new_mean))
            running_var.copy_(torch.from_numpy(new_var))
    else:
        mean = running_mean.numpy().astype(np.float64)
        var = running_var.numpy().astype(np.float64)
    y = (a - mean.reshape(bshape)) / np.sqrt(var.reshape(bshape) + eps)
    if weight is not None:
        y = y * weight.numpy().reshape(bshape)
    if bias is not None:
        y = y + bias.numpy().reshape(bshape)
    return torch.from_numpy(y).to(x.dtype)
