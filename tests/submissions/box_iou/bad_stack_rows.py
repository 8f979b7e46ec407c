# expect: error: empty input must give an empty
import torch


def box_iou(boxes1, boxes2):
    rows = []
    for a in boxes1:
        lt = torch.max(a[:2], boxes2[:, :2])
        rb = torch.min(a[2:], boxes2[:, 2:])
        wh = (rb - lt).clamp(min=0)
        inter = wh[:, 0] * wh[:, 1]
        area_a = (a[2] - a[0]) * (a[3] - a[1])
        area_b = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
        rows.append(inter / (area_a + area_b - inter))
    return torch.stack(rows)
