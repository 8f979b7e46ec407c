# expect: failed: a suppressed box suppresses nothing
import torch


def _iou(a, b):
    w = (torch.min(a[2], b[:, 2]) - torch.max(a[0], b[:, 0])).clamp(min=0)
    h = (torch.min(a[3], b[:, 3]) - torch.max(a[1], b[:, 1])).clamp(min=0)
    inter = w * h
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / (area_a + area_b - inter)



def nms(boxes, scores, iou_threshold):
    order = scores.argsort(descending=True).tolist()
    keep = []
    for pos, i in enumerate(order):
        higher = order[:pos]
        if not higher or bool((_iou(boxes[i], boxes[higher]) <= iou_threshold).all()):
            keep.append(i)
    return torch.tensor(keep, dtype=torch.int64)
