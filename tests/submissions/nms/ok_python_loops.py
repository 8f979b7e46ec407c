# expect: passed
import torch


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def nms(boxes, scores, iou_threshold):
    rows = boxes.tolist()
    order = sorted(range(len(rows)), key=lambda i: scores[i].item(), reverse=True)
    keep = []
    for i in order:
        if all(_iou(rows[i], rows[k]) <= iou_threshold for k in keep):
            keep.append(i)
    return torch.tensor(keep, dtype=torch.int64)
