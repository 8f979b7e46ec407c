"""Box geometry shared by the detection tasks (IoU, NMS and both mAPs), with torchvision's rules.

torchvision is not a dependency, so the IoU reference is written here in float64 torch and
proven against hand-computed values in the tests (IoU 1/7 and 1/3).
"""

from __future__ import annotations

import torch


def reference_box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """torchvision.ops.box_iou: (x1, y1, x2, y2), no +1, overlap clamped at 0; [N, M]."""
    a, b = boxes1.double(), boxes2.double()
    area1 = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area2 = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    top_left = torch.max(a[:, None, :2], b[None, :, :2])
    bottom_right = torch.min(a[:, None, 2:], b[None, :, 2:])
    wh = (bottom_right - top_left).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return (inter / (area1[:, None] + area2[None, :] - inter)).to(boxes1.dtype)


def random_boxes(
    gen: torch.Generator, n: int, scale: float, dtype: torch.dtype = torch.float32,
    origin: float = 0.0,
) -> torch.Tensor:
    """`n` boxes with positive width and height inside [origin, origin + scale]^2."""
    corner = torch.rand(n, 2, generator=gen, dtype=torch.float64) * scale * 0.8 + origin
    size = (torch.rand(n, 2, generator=gen, dtype=torch.float64) * 0.3 + 0.02) * scale
    return torch.cat([corner, corner + size], dim=1).to(dtype)


def box_rows(rows: list[list[float]], dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """An [N, 4] tensor from rows (an empty list gives [0, 4])."""
    return torch.tensor(rows, dtype=dtype).reshape(-1, 4)


def label(t: torch.Tensor) -> str:
    return f"{tuple(t.shape)} {str(t.dtype).removeprefix('torch.')}"
