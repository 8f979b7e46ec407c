# expect: passed
import torch


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    c = x.shape[1]
    per_channel = x.movedim(1, 0).reshape(c, -1)
    if training:
        n = per_channel.shape[1]
        mean = per_channel.sum(1) / n
        var = (per_channel * per_channel).sum(1) / n - mean * mean  # one-pass moments
        if running_mean is not None:
            running_mean[:] = running_mean * (1 - momentum) + mean * momentum
        if running_var is not None:
            running_var[:] = running_var * (1 - momentum) + var * (n / (n - 1)) * momentum
    else:
        mean, var = running_mean, running_var
    scale = torch.rsqrt(var + eps)
    if weight is not None:
        scale = scale * weight
    shift = -mean * scale
    if bias is not None:
        shift = shift + bias
    view = (1, c) + (1,) * (x.dim() - 2)
    return x * scale.view(view) + shift.view(view)
