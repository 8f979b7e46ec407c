"""Torch-backed ops for the attention, transformer and ViT questions of the bank."""

from __future__ import annotations

import math
from typing import Any

from quizzer.grader.ops.registry import InvalidDraw, op

_DTYPES = {1: "float8_e4m3fn", 2: "float16", 4: "float32", 8: "float64"}


def _params(module: Any) -> float:
    return float(sum(p.numel() for p in module.parameters()))


def _counted(fn: Any) -> float:
    """FLOPs `torch.utils.flop_counter.FlopCounterMode` counts while `fn()` runs."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        fn()
    return float(counter.get_total_flops())


@op
def mha_params(embed_dim: int, num_heads: int, bias: bool = True) -> float:
    """Learnable parameters of `nn.MultiheadAttention(embed_dim, num_heads, bias=bias)`."""
    import torch.nn as nn

    if embed_dim % num_heads:
        raise InvalidDraw("embed_dim must be divisible by num_heads")
    return _params(nn.MultiheadAttention(embed_dim, num_heads, bias=bias, device="meta"))


@op
def sdpa_flops_counted(batch: int, heads: int, seq: int, head_dim: int, per: float = 1) -> float:
    """FLOPs `FlopCounterMode` counts for one `F.scaled_dot_product_attention` (self-attention)
    on meta tensors, in units of `per` FLOPs (1e6 for MFLOPs)."""
    import torch
    import torch.nn.functional as F

    q = torch.zeros(batch, heads, seq, head_dim, device="meta")
    return _counted(lambda: F.scaled_dot_product_attention(q, q, q)) / per


@op
def mha_flops_counted(seq: int, embed_dim: int, num_heads: int, per: float = 1) -> float:
    """FLOPs counted for one `nn.MultiheadAttention` self-attention forward on `seq` tokens,
    in units of `per` FLOPs."""
    import torch
    import torch.nn as nn

    if embed_dim % num_heads:
        raise InvalidDraw("embed_dim must be divisible by num_heads")
    layer = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True, device="meta")
    x = torch.zeros(1, seq, embed_dim, device="meta")
    return _counted(lambda: layer(x, x, x, need_weights=False)) / per


@op
def kv_cache_mib(
    layers: int, kv_heads: int, head_dim: int, tokens: int, batch: int = 1, dtype_bytes: int = 2
) -> float:
    """MiB held by the K and V caches of a decoder: one [batch, kv_heads, tokens, head_dim]
    tensor each for K and V in every layer, in the dtype of `dtype_bytes` bytes."""
    import torch

    dtype = getattr(torch, _DTYPES[dtype_bytes])
    shape = (batch, kv_heads, tokens, head_dim)
    cache = [torch.empty(shape, dtype=dtype, device="meta") for _ in range(2 * layers)]
    return sum(t.numel() * t.element_size() for t in cache) / 2**20


@op
def sinusoidal_encoding(position: int, index: int, dim: int) -> float:
    """Entry [position, index] of the Transformer's sinusoidal position-encoding table:
    sin(pos / 10000^(2i/d)) at even index 2i, cos of the same angle at odd index 2i + 1."""
    import torch

    if index >= dim or dim % 2:
        raise InvalidDraw("index out of range or odd dimension")
    pos = torch.arange(position + 1, dtype=torch.float64).unsqueeze(1)
    freq = torch.exp(torch.arange(0, dim, 2, dtype=torch.float64) * (-math.log(10000.0) / dim))
    table = torch.zeros(position + 1, dim, dtype=torch.float64)
    table[:, 0::2] = torch.sin(pos * freq)
    table[:, 1::2] = torch.cos(pos * freq)
    return float(table[position, index])


@op
def rope_angle(position: int, pair: int, dim: int, base: float = 10000.0) -> float:
    """RoPE's rotation angle (radians) for pair i of a d-wide head at position m: m·base^(−2i/d)."""
    import torch

    if 2 * pair >= dim:
        raise InvalidDraw("pair index out of range")
    inv_freq = 1.0 / base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = torch.outer(torch.arange(position + 1, dtype=torch.float64), inv_freq)
    return float(angles[position, pair])


@op
def encoder_layer_params(d_model: int, nhead: int, dim_feedforward: int) -> float:
    """Learnable parameters of one `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward)`."""
    import torch.nn as nn

    if d_model % nhead:
        raise InvalidDraw("d_model must be divisible by nhead")
    layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, device="meta")
    return _params(layer)


@op
def vit_attention_entries(image: int, patch: int) -> float:
    """Entries of one head's attention matrix in a ViT with a class token: (N + 1)²."""
    import torch
    import torch.nn.functional as F

    if image % patch:
        raise InvalidDraw("the image does not split into whole patches")
    x = torch.zeros(1, 1, image, image, device="meta")
    tokens = F.conv2d(x, torch.zeros(1, 1, patch, patch, device="meta"), stride=patch)
    seq = tokens.flatten(2).shape[-1] + 1
    q = torch.zeros(1, 1, seq, 8, device="meta")
    return float((q @ q.transpose(-2, -1)).numel())


def _attention_flops(windows: int, tokens: int, channels: int) -> float:
    """FLOPs of QKV projection, attention and output projection on `windows` × `tokens` tokens."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    qkv = nn.Linear(channels, 3 * channels, device="meta")
    proj = nn.Linear(channels, channels, device="meta")
    x = torch.zeros(windows, tokens, channels, device="meta")

    def forward() -> None:
        q, k, v = qkv(x).chunk(3, dim=-1)
        proj(F.scaled_dot_product_attention(q, k, v))

    return _counted(forward)


@op
def window_attention_flops_ratio(size: int, channels: int, window: int) -> float:
    """FLOPs of global self-attention over a size×size token map divided by those of Swin's
    window attention (window×window windows), both counted by `FlopCounterMode`."""
    if size % window:
        raise InvalidDraw("the map does not split into whole windows")
    tokens = size * size
    windowed = _attention_flops(tokens // window**2, window**2, channels)
    return _attention_flops(1, tokens, channels) / windowed


@op
def swin_windows(image: int, stage: int, patch: int = 4, window: int = 7) -> float:
    """Attention windows per image at Swin stage `stage` (1..4): patch embedding, then a 2×2
    patch merging before each later stage, then a window partition of the token map."""
    import torch

    side = image // patch
    if image % patch:
        raise InvalidDraw("the image does not split into whole patches")
    x = torch.zeros(1, side, side, 1, device="meta")
    for _ in range(stage - 1):
        if x.shape[1] % 2:
            raise InvalidDraw("odd map before patch merging")
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], -1)
    b, h, w, c = x.shape
    if h % window:
        raise InvalidDraw("the map does not split into whole windows")
    parts = x.view(b, h // window, window, w // window, window, c).permute(0, 1, 3, 2, 4, 5)
    return float(parts.reshape(-1, window * window, c).shape[0])


@op
def relative_bias_table_entries(window: int, heads: int) -> float:
    """Learnable entries of Swin's relative position bias table: (2M − 1)² rows × heads."""
    import torch
    import torch.nn as nn

    table = nn.Parameter(torch.zeros((2 * window - 1) ** 2, heads, device="meta"))
    return float(table.numel())
