"""Reference layer norm: per-sample statistics over the trailing normalized_shape dims."""

import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    # A plain int means one trailing dim, as in torch.
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    # The statistics cover the last len(normalized_shape) dims together, once per leading
    # index: never across the batch, which is what separates it from batch norm.
    dims = tuple(range(x.dim() - len(normalized_shape), x.dim()))
    mean = x.mean(dim=dims, keepdim=True)
    # Two passes (centre, then square) and the biased variance (divide by n, not n - 1).
    centred = x - mean
    var = (centred * centred).mean(dim=dims, keepdim=True)
    # eps inside the root keeps a constant sample finite: its output is 0, then the bias.
    y = centred / torch.sqrt(var + eps)
    # The affine parameters have the shape normalized_shape and broadcast from the right.
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
