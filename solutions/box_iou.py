"""Reference solution: pairwise IoU of two box sets."""

import torch


def box_iou(boxes1, boxes2):
    # Areas from continuous coordinates: no +1 (that was the old pixel-index convention).
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    # Broadcast [N, 1, 2] against [1, M, 2] to get every pair at once: [N, M, 2].
    top_left = torch.max(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = torch.min(boxes1[:, None, 2:], boxes2[None, :, 2:])
    # Clamp width and height separately: two negative overlaps must not multiply to a positive.
    wh = (bottom_right - top_left).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    # The union counts the overlap once. Empty inputs flow through as [0, M] / [N, 0].
    return inter / (area1[:, None] + area2[None, :] - inter)
