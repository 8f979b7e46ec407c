# expect: passed
import torch


def nms(boxes, scores, iou_threshold):
    order = scores.argsort(descending=True)
    b = boxes[order]
    lt = torch.max(b[:, None, :2], b[None, :, :2])
    rb = torch.min(b[:, None, 2:], b[None, :, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    iou = inter / (area[:, None] + area[None, :] - inter)
    alive = torch.ones(len(b), dtype=torch.bool)
    for i in range(len(b)):
        if alive[i]:
            later = torch.arange(len(b)) > i
            alive &= ~(later & (iou[i] > iou_threshold))
    return order[alive]
