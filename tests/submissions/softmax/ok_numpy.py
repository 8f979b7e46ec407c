# expect: passed
import numpy as np
import torch


def softmax(x, dim=-1):
    a = x.detach().numpy()
    with np.errstate(invalid="ignore"):
        e = np.exp(a - a.max(axis=dim, keepdims=True))
        out = e / e.sum(axis=dim, keepdims=True)
    return torch.from_numpy(out)
