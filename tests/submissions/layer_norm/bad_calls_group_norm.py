# expect: error: torch.nn.functional.group_norm is not allowed
import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    lead = x.shape[: x.dim() - len(shape)]
    y = F.group_norm(x.reshape(-1, 1, *shape), 1, eps=eps).reshape(*lead, *shape)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
