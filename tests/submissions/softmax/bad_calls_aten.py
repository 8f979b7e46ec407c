# expect: error: torch internals
"""Reaches the softmax kernel through torch.ops, around the patched public functions."""

import torch


def softmax(x, dim=-1):
    return torch.ops.aten._softmax(x, dim, False)
