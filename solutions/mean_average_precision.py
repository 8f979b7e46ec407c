"""Reference solution: PASCAL VOC (2010+) mean average precision."""

import torch


def _iou(box, boxes):
    top_left = torch.max(box[:2], boxes[:, :2])
    bottom_right = torch.min(box[2:], boxes[:, 2:])
    wh = (bottom_right - top_left).clamp(min=0)
    inter = wh[:, 0] * wh[:, 1]
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    return inter / (area + areas - inter)


def _average_precision(hits, num_gt):
    tp = torch.tensor(hits, dtype=torch.float64).cumsum(0)
    ranks = torch.arange(1, len(hits) + 1, dtype=torch.float64)
    # Sentinels: recall starts at 0 and ends at 1, precision ends at 0.
    recall = torch.cat([torch.zeros(1), tp / num_gt, torch.ones(1)]).double()
    precision = torch.cat([torch.zeros(1), tp / ranks, torch.zeros(1)]).double()
    # Precision envelope: best precision at this recall or any higher one.
    precision = precision.flip(0).cummax(0).values.flip(0)
    # All-point area: sum the envelope over every step where recall grows.
    steps = recall[1:] != recall[:-1]
    return float(((recall[1:] - recall[:-1]) * precision[1:])[steps].sum())


def mean_average_precision(preds, targets, iou_threshold=0.5):
    # Only classes with ground truth count; classes seen only in predictions are ignored.
    classes = sorted({int(c) for t in targets for c in t["labels"]})
    aps = []
    for cls in classes:
        gts = [t["boxes"][t["labels"] == cls] for t in targets]
        matched = [torch.zeros(len(g), dtype=torch.bool) for g in gts]
        # One ranking per class across ALL images, not one per image.
        dets = [(float(p["scores"][j]), i, p["boxes"][j]) for i, p in enumerate(preds)
                for j in range(len(p["scores"])) if int(p["labels"][j]) == cls]
        dets.sort(key=lambda d: -d[0])
        hits = []
        for _, image, box in dets:
            if len(gts[image]) == 0:
                hits.append(False)
                continue
            ious = _iou(box, gts[image])
            best = int(ious.argmax())
            # VOC: only the best box counts; taken or too far means false positive.
            hit = bool(ious[best] >= iou_threshold) and not bool(matched[image][best])
            if hit:
                matched[image][best] = True
            hits.append(hit)
        aps.append(_average_precision(hits, sum(len(g) for g in gts)))
    return sum(aps) / len(aps)
