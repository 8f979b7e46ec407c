"""Reference solution for batch_norm."""

import torch


def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    # Statistics are per channel (dim 1), over every other axis: N, or N and L, or N, H and W.
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)  # broadcast a (C,) vector against x
    if training:
        n = x.numel() // x.shape[1]
        mean = x.mean(dim=dims)
        var = x.var(dim=dims, unbiased=False)  # normalise with the biased variance
        with torch.no_grad():
            # In place, so the caller's buffers change; PyTorch's momentum weights the new batch,
            # and the running variance is the unbiased estimate.
            if running_mean is not None:
                running_mean.mul_(1 - momentum).add_(mean, alpha=momentum)
            if running_var is not None:
                running_var.mul_(1 - momentum).add_(var * n / (n - 1), alpha=momentum)
    else:
        mean, var = running_mean, running_var
    y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)  # eps inside the root
    if weight is not None:
        y = y * weight.view(shape)
    if bias is not None:
        y = y + bias.view(shape)
    return y
