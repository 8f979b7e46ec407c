"""Reference log_softmax: shift by the max, then subtract the log of the sum in log space."""

import torch


def log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # log(softmax(x)) underflows: in float32 exp(-200) is 0 and log(0) is -inf. Staying in
    # log space gives x - m - log(sum(exp(x - m))), where m is the max along dim.
    m = x.amax(dim=dim, keepdim=True)
    shifted = x - m
    # Every term of the sum is at most 1 and one of them is exactly 1, so the log is finite
    # and the sum never overflows. A fully masked slice gives NaN, as in torch.
    return shifted - torch.log(torch.exp(shifted).sum(dim=dim, keepdim=True))
