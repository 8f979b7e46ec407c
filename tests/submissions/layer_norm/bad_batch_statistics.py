# expect: failed: batch axis
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    # The notes' wording taken literally: normalise across N.
    mean = x.mean(0, keepdim=True)
    var = ((x - mean) ** 2).mean(0, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
