# expect: failed: modified in place
import torch


def box_iou(boxes1, boxes2):
    # Turns the caller's corners into (x1, y1, w, h) to save memory.
    boxes1[:, 2:] -= boxes1[:, :2]
    boxes2[:, 2:] -= boxes2[:, :2]
    area1 = boxes1[:, 2] * boxes1[:, 3]
    area2 = boxes2[:, 2] * boxes2[:, 3]
    lt = torch.max(boxes1[:, None, :2], boxes2[None, :, :2])
    ends1 = boxes1[:, :2] + boxes1[:, 2:]
    ends2 = boxes2[:, :2] + boxes2[:, 2:]
    rb = torch.min(ends1[:, None], ends2[None, :])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)
