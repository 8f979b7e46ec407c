"""Reference solution: greedy non-maximum suppression."""

import torch


def nms(boxes, scores, iou_threshold):
    x1, y1, x2, y2 = boxes.unbind(dim=1)
    areas = (x2 - x1) * (y2 - y1)
    # Visit boxes best first; indices always refer to the caller's order.
    order = torch.argsort(scores, descending=True, stable=True)
    keep = []
    while order.numel() > 0:
        i = order[0]
        keep.append(i)
        rest = order[1:]
        # IoU of the box just kept with every box still in play.
        w = (torch.min(x2[i], x2[rest]) - torch.max(x1[i], x1[rest])).clamp(min=0)
        h = (torch.min(y2[i], y2[rest]) - torch.max(y1[i], y1[rest])).clamp(min=0)
        inter = w * h
        iou = inter / (areas[i] + areas[rest] - inter)
        # Only kept boxes suppress, and only strictly above the threshold; survivors stay in
        # score order, so a box removed here can never remove anything itself.
        order = rest[iou <= iou_threshold]
    if not keep:
        return torch.zeros(0, dtype=torch.int64)
    return torch.stack(keep).to(torch.int64)
