# expect: error: torch.Tensor.backward
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    x = x.clone().requires_grad_(True)
    w = weight.clone().requires_grad_(True)
    b = torch.zeros_like(w, requires_grad=True)
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    var = x.var(dims, unbiased=False, keepdim=True)
    xhat = (x - x.mean(dims, keepdim=True)) / torch.sqrt(var + eps)
    (xhat * w.view(shape) + b.view(shape)).backward(grad_out)
    return x.grad, w.grad, b.grad
