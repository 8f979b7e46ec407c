"""Reference solution for batch_norm_backward."""

import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    n = x.numel() // x.shape[1]  # values per channel: N, N*L or N*H*W
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, unbiased=False, keepdim=True)  # the forward used the biased variance
    istd = torch.rsqrt(var + eps)
    xhat = (x - mean) * istd
    grad_bias = grad_out.sum(dim=dims)
    grad_weight = (grad_out * xhat).sum(dim=dims)
    g = grad_out * weight.view(shape)  # gradient with respect to xhat
    # mean and var both depend on every x of the channel: the two sums are their gradient paths.
    grad_x = istd / n * (n * g - g.sum(dim=dims, keepdim=True)
                         - xhat * (g * xhat).sum(dim=dims, keepdim=True))
    return grad_x, grad_weight, grad_bias
