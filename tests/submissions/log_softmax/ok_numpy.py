# expect: passed
import numpy as np
import torch


def log_softmax(x, dim=-1):
    a = x.detach().numpy()
    with np.errstate(invalid="ignore"):
        shifted = a - a.max(axis=dim, keepdims=True)
        out = shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))
    return torch.from_numpy(out)
