# expect: error: torch.autograd.grad
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    x = x.clone().requires_grad_(True)
    w = weight.clone().requires_grad_(True)
    b = torch.zeros_like(w, requires_grad=True)
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    mean = x.mean(dims, keepdim=True)
    var = x.var(dims, unbiased=False, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps) * w.view(shape) + b.view(shape)
    return torch.autograd.grad(y, (x, w, b), grad_out)
