# expect: passed
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    n = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    dims = tuple(range(x.dim() - n, x.dim()))
    centred = x - x.mean(dims, keepdim=True)
    std = centred.pow(2).mean(dims, keepdim=True).add(eps).sqrt()
    y = centred.div(std)
    w = torch.ones_like(y) if weight is None else weight
    b = torch.zeros_like(y) if bias is None else bias
    return torch.addcmul(b.expand_as(y), y, w.expand_as(y))
