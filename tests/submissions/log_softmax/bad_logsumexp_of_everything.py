# expect: failed: normalise each slice
import torch


def log_softmax(x, dim=-1):
    return x - torch.logsumexp(x.flatten(), dim=0)
