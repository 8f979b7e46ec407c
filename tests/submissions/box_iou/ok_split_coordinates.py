# expect: passed
import torch


def box_iou(boxes1, boxes2):
    ax1, ay1, ax2, ay2 = (c.unsqueeze(1) for c in boxes1.unbind(-1))
    bx1, by1, bx2, by2 = (c.unsqueeze(0) for c in boxes2.unbind(-1))
    w = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).clamp_min(0)
    h = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).clamp_min(0)
    inter = w * h
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return inter / union
