"""Reference softmax: the stable form a strong candidate writes in an interview."""

import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # Subtracting the per-slice max changes nothing mathematically (softmax is shift-invariant)
    # but keeps exp() in [0, 1]: exp(1000) would overflow to inf and give inf / inf = NaN.
    # keepdim=True keeps the reduced axis so the max and the sum broadcast back against x.
    shifted = x - x.amax(dim=dim, keepdim=True)
    # A slice of only -inf has max -inf, and -inf - (-inf) is NaN: exactly what torch returns
    # for a fully masked slice, so no special case is needed.
    exps = torch.exp(shifted)
    # Out-of-place operations only: the caller's logits are left untouched.
    return exps / exps.sum(dim=dim, keepdim=True)
