# expect: failed: every entry is -inf
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    out = e / e.sum(dim=dim, keepdim=True)
    return torch.nan_to_num(out, nan=0.0)  # "a masked row should be all zeros"
