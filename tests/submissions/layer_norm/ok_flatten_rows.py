# expect: passed
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    if isinstance(normalized_shape, int):
        normalized_shape = [normalized_shape]
    k = len(normalized_shape)
    lead = x.shape[: x.dim() - k]
    rows = x.reshape(-1, int(torch.tensor(list(normalized_shape)).prod()))
    mu = rows.mean(1, keepdim=True)
    sq = ((rows - mu) ** 2).sum(1, keepdim=True) / rows.shape[1]
    y = ((rows - mu) / (sq + eps).sqrt()).reshape(*lead, *normalized_shape)
    if weight is not None:
        y = weight * y
    return y if bias is None else y + bias
