# expect: failed: not per sample
import torch


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    shape = [1, -1] + [1] * (x.dim() - 2)
    if training:
        if x.dim() > 2:
            # statistics per sample over the spatial axes, then averaged over the batch
            spatial = list(range(2, x.dim()))
            mean = x.mean(spatial, keepdim=True)
            var = x.var(spatial, unbiased=False, keepdim=True)
        else:
            mean, var = x.mean(0, keepdim=True), x.var(0, unbiased=False, keepdim=True)
        n = x.numel() // x.shape[1]
        if running_mean is not None:
            running_mean.mul_(1 - momentum).add_(momentum * mean.mean(0).flatten())
            running_var.mul_(1 - momentum).add_(momentum * var.mean(0).flatten() * n / (n - 1))
        y = (x - mean) / torch.sqrt(var + eps)
    else:
        y = (x - running_mean.view(shape)) / torch.sqrt(running_var.view(shape) + eps)
    if weight is not None:
        y = y * weight.view(shape)
    if bias is not None:
        y = y + bias.view(shape)
    return y
