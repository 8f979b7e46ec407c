# expect: passed
"""AP as the mean, over all ground-truth boxes, of the envelope precision where each is found."""
import torch


def mean_average_precision(preds, targets, iou_threshold=0.5):
    classes = torch.cat([t["labels"] for t in targets]).unique().tolist()
    total = 0.0
    for cls in classes:
        gts = [t["boxes"][t["labels"] == cls].double() for t in targets]
        flat = [(s, i, b) for i, p in enumerate(preds)
                for s, b, c in zip(p["scores"].tolist(), p["boxes"].double(), p["labels"].tolist(),
                                   strict=True) if c == cls]
        flat.sort(key=lambda d: -d[0])
        found = [set() for _ in gts]
        hit = torch.zeros(len(flat), dtype=torch.bool)
        for k, (_, i, box) in enumerate(flat):
            if len(gts[i]) == 0:
                continue
            lt = torch.maximum(box[:2], gts[i][:, :2])
            rb = torch.minimum(box[2:], gts[i][:, 2:])
            inter = (rb - lt).clamp(min=0).prod(dim=1)
            areas = (gts[i][:, 2:] - gts[i][:, :2]).prod(dim=1)
            iou = inter / ((box[2:] - box[:2]).prod() + areas - inter)
            j = int(iou.argmax())
            if iou[j] >= iou_threshold and j not in found[i]:
                found[i].add(j)
                hit[k] = True
        num_gt = sum(len(g) for g in gts)
        precision = hit.double().cumsum(0) / torch.arange(1, len(flat) + 1)
        # Envelope from the right; each true positive adds 1/num_gt of recall.
        envelope = precision.flip(0).cummax(0).values.flip(0) if len(flat) else precision
        total += float(envelope[hit].sum()) / num_gt
    return total / len(classes)
