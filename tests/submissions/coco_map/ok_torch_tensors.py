# expect: passed
"""Tensor bookkeeping: a TP matrix per class, the 101 points read with searchsorted."""
import torch

THRESHOLDS = torch.linspace(0.5, 0.95, 10, dtype=torch.float64)
RECALLS = torch.linspace(0.0, 1.0, 101, dtype=torch.float64)


def _iou(a, b):
    lt = torch.maximum(a[:, None, :2], b[None, :, :2])
    rb = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(dim=-1)
    area_a = (a[:, 2:] - a[:, :2]).prod(dim=-1)
    area_b = (b[:, 2:] - b[:, :2]).prod(dim=-1)
    return inter / (area_a[:, None] + area_b[None, :] - inter)


def _image_tp(boxes, gts):
    tp = torch.zeros(len(THRESHOLDS), len(boxes), dtype=torch.bool)
    if len(boxes) == 0 or len(gts) == 0:
        return tp
    ious = _iou(boxes, gts)
    for t, threshold in enumerate(THRESHOLDS.tolist()):
        free = torch.ones(len(gts), dtype=torch.bool)
        for d in range(len(boxes)):
            candidates = torch.where(free & (ious[d] >= threshold), ious[d], -1.0)
            g = int(candidates.argmax())
            if candidates[g] >= 0:
                free[g] = False
                tp[t, d] = True
    return tp


def coco_map(preds, targets):
    per_class = []
    for cls in torch.cat([t["labels"] for t in targets]).unique().tolist():
        scores, tps, num_gt = [], [], 0
        for p, t in zip(preds, targets, strict=True):
            mask = p["labels"] == cls
            s = p["scores"][mask].double()
            order = s.argsort(descending=True, stable=True)[:100]
            gts = t["boxes"][t["labels"] == cls].double()
            num_gt += len(gts)
            scores.append(s[order])
            tps.append(_image_tp(p["boxes"][mask].double()[order], gts))
        scores, tp = torch.cat(scores), torch.cat(tps, dim=1)
        tp = tp[:, scores.argsort(descending=True, stable=True)].double()
        ctp, cfp = tp.cumsum(1), (1 - tp).cumsum(1)
        recall = ctp / num_gt
        precision = ctp / (ctp + cfp).clamp(min=1)
        envelope = precision.flip(1).cummax(1).values.flip(1)
        aps = []
        for t in range(len(THRESHOLDS)):
            idx = torch.searchsorted(recall[t].contiguous(), RECALLS, side="left")
            padded = torch.cat([envelope[t], torch.zeros(1, dtype=torch.float64)])
            aps.append(padded[idx.clamp(max=len(padded) - 1)].mean())
        per_class.append(torch.stack(aps).mean())
    return float(torch.stack(per_class).mean())
