# expect: failed: N*H*W
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    # written for (N, C) inputs: statistics over the batch axis only
    n = x.shape[0]
    mean = x.mean(0, keepdim=True)
    var = x.var(0, unbiased=False, keepdim=True)
    istd = 1 / torch.sqrt(var + eps)
    xhat = (x - mean) * istd
    shape = [1, -1] + [1] * (x.dim() - 2)
    g = grad_out * weight.view(shape)
    grad_x = istd / n * (n * g - g.sum(0, keepdim=True) - xhat * (g * xhat).sum(0, keepdim=True))
    dims = [0] + list(range(2, x.dim()))
    return grad_x, (grad_out * xhat).sum(dims), grad_out.sum(dims)
