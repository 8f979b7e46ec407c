# expect: failed: every entry is -inf
import torch


def log_softmax(x, dim=-1):
    out = x - torch.logsumexp(x, dim=dim, keepdim=True)
    return torch.where(torch.isnan(out), torch.zeros_like(out), out)
