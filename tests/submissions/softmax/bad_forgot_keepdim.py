# expect: error: keepdim
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.max(dim=dim).values)
    return e / e.sum(dim=dim)
