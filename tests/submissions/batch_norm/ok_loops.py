# expect: passed
import math

import torch


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    channels = x.shape[1]
    flat = x.transpose(0, 1).reshape(channels, -1).tolist()  # one list of values per channel
    y = x.transpose(0, 1).reshape(channels, -1).clone()
    for c in range(channels):
        values = flat[c]
        n = len(values)
        if training:
            mean = sum(values) / n
            sq = sum((v - mean) ** 2 for v in values)
            var = sq / n
            if running_mean is not None:
                running_mean[c] = (1 - momentum) * running_mean[c].item() + momentum * mean
                running_var[c] = (1 - momentum) * running_var[c].item() + momentum * sq / (n - 1)
        else:
            mean, var = running_mean[c].item(), running_var[c].item()
        scale = 1.0 if weight is None else weight[c].item()
        shift = 0.0 if bias is None else bias[c].item()
        inv = 1.0 / math.sqrt(var + eps)
        y[c] = torch.tensor([(v - mean) * inv * scale + shift for v in values], dtype=x.dtype)
    moved = list(x.transpose(0, 1).shape)
    return y.reshape(moved).transpose(0, 1).contiguous()
