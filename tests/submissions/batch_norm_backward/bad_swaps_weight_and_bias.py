# expect: failed: grad_weight = sum of grad_out * xhat
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    n = x.numel() // x.shape[1]
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, unbiased=False, keepdim=True)
    istd = 1 / torch.sqrt(var + eps)
    xhat = (x - mean) * istd
    g = grad_out * weight.view(shape)
    grad_x = istd / n * (n * g - g.sum(dims, keepdim=True)
                         - xhat * (g * xhat).sum(dims, keepdim=True))
    return grad_x, grad_out.sum(dims), (grad_out * xhat).sum(dims)
