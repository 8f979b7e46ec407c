# expect: passed
import torch


def batch_norm_backward(grad_out, x, weight, eps=1e-5):
    # the staged chain rule through mean and variance, as in the computational graph
    dims = tuple([0] + list(range(2, x.dim())))
    view = [1, -1] + [1] * (x.dim() - 2)
    n = x.numel() / x.shape[1]
    mu = x.mean(dims, keepdim=True)
    xc = x - mu
    var = (xc * xc).mean(dims, keepdim=True)
    std = torch.sqrt(var + eps)
    xhat = xc / std
    dxhat = grad_out * weight.view(view)
    dvar = (dxhat * xc).sum(dims, keepdim=True) * -0.5 * (var + eps) ** -1.5
    dmu = -(dxhat / std).sum(dims, keepdim=True) + dvar * (-2.0 * xc).sum(dims, keepdim=True) / n
    grad_x = dxhat / std + dvar * 2.0 * xc / n + dmu / n
    return grad_x, (grad_out * xhat).sum(dims), grad_out.sum(dims)
