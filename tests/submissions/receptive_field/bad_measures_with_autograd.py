# expect: error: forbidden call
import torch
import torch.nn.functional as F


def receptive_field(layers):
    x = torch.zeros(1, 1, 4096, requires_grad=True)
    y = x
    for k, s, d in layers:
        y = F.conv1d(y, torch.ones(1, 1, k), stride=s, dilation=d)
    y[0, 0, 0].backward()
    hit = torch.nonzero(x.grad[0, 0]).flatten()
    return int(hit.max() - hit.min() + 1)
