# expect: failed: is a Tensor
import torch


def receptive_field(layers):
    if not layers:
        return torch.tensor(1)
    t = torch.tensor(layers)
    k, s, d = t[:, 0], t[:, 1], t[:, 2]
    jumps = torch.cat([torch.ones(1, dtype=torch.long), torch.cumprod(s, 0)[:-1]])
    return 1 + (d * (k - 1) * jumps).sum()
