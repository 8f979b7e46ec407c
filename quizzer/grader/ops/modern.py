"""Torch-backed ops for the modern-detector, self-supervised and dataset questions."""

from __future__ import annotations

import itertools
import math
from typing import Any

from quizzer.grader.ops.registry import InvalidDraw, op

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def _vec(values: list[Any]) -> Any:
    import torch

    return torch.tensor([float(v) for v in values], dtype=torch.float64)


def _downsampled(size: int, times: int) -> int:
    """Side of a map after `times` stride-2, 3×3, padding-1 convs (FPN's P6/P7 convs)."""
    import torch
    import torch.nn.functional as F

    x = torch.zeros(1, 1, size, 1, device="meta")
    weight = torch.zeros(1, 1, 3, 1, device="meta")
    for _ in range(times):
        x = F.conv2d(x, weight, stride=(2, 1), padding=(1, 0))
    return int(x.shape[2])


@op
def fcos_locations(height: int, width: int, first_level: int = 3, last_level: int = 7) -> float:
    """Locations (one prediction each) over FPN levels P_first..P_last of an H×W input;
    level l has stride 2^l."""
    if first_level > last_level:
        raise InvalidDraw("empty level range")
    return float(
        sum(
            _downsampled(height, level) * _downsampled(width, level)
            for level in range(first_level, last_level + 1)
        )
    )


@op
def fcos_centerness(left: float, top: float, right: float, bottom: float) -> float:
    """FCOS center-ness sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b)) of a location's targets."""
    import torch

    if min(left, top, right, bottom) <= 0:
        raise InvalidDraw("the location must lie inside the box")
    lr = torch.tensor([left, right], dtype=torch.float64)
    tb = torch.tensor([top, bottom], dtype=torch.float64)
    return float(torch.sqrt(lr.min() / lr.max() * (tb.min() / tb.max())))


@op
def hungarian_min_cost(costs: list[float], require_conflict: bool = False) -> float:
    """Total cost of the best one-to-one matching of a square cost matrix given row by row
    (DETR's bipartite matching), found by trying every permutation. With `require_conflict`,
    matrices whose row minima already form a matching are refused, so that taking each row's
    minimum cannot give the right total."""
    import torch

    side = math.isqrt(len(costs))
    if side * side != len(costs):
        raise InvalidDraw("the cost matrix is not square")
    matrix = _vec(costs).reshape(side, side)
    rows = torch.arange(side)
    totals = [matrix[rows, list(perm)].sum() for perm in itertools.permutations(range(side))]
    best = float(torch.stack(totals).min())
    if require_conflict and float(matrix.min(dim=1).values.sum()) == best:
        raise InvalidDraw("the row minima already form the best matching")
    return best


@op
def yolov3_predictions(size: int, anchors: int = 3) -> float:
    """Boxes YOLOv3 predicts for a size×size input: `anchors` per cell on the stride-32, 16
    and 8 grids."""
    if size % 32:
        raise InvalidDraw("YOLOv3 inputs are multiples of 32")
    return float(sum(anchors * _downsampled(size, level) ** 2 for level in (3, 4, 5)))


@op
def info_nce_loss(positive: float, negatives: list[float], temperature: float) -> float:
    """InfoNCE / NT-Xent term for one anchor: cross-entropy of the positive's similarity among
    [positive, negatives...], all divided by the temperature."""
    import torch
    import torch.nn.functional as F

    logits = _vec([positive, *negatives]) / temperature
    return float(F.cross_entropy(logits.unsqueeze(0), torch.tensor([0])))


@op
def nt_xent_negatives(batch: int) -> float:
    """Negatives per anchor in SimCLR: the 2N × 2N similarity matrix of N images' two views,
    minus the anchor itself and its positive."""
    import torch

    views = 2 * batch
    keep = ~torch.eye(views, dtype=torch.bool)
    index = torch.arange(views)
    keep[index, (index + batch) % views] = False
    return float(keep[0].sum())


@op
def ema_update(target: float, online: float, momentum: float, steps: int = 1) -> float:
    """A momentum (EMA) encoder weight after `steps` updates θ ← m·θ + (1 − m)·θ_online with
    the online weight held fixed (MoCo's key encoder, BYOL's and DINO's teacher)."""
    import torch

    theta = torch.tensor(float(target), dtype=torch.float64)
    other = torch.tensor(float(online), dtype=torch.float64)
    for _ in range(steps):
        theta = torch.lerp(theta, other, 1.0 - momentum)
    return float(theta)


@op
def dino_teacher_prob(logits: list[float], center: list[float], temperature: float) -> float:
    """DINO teacher output for the first dimension: softmax((logits − center) / temperature)."""
    if len(logits) != len(center):
        raise InvalidDraw("logits and center differ in length")
    return float(((_vec(logits) - _vec(center)) / temperature).softmax(0)[0])


@op
def clip_loss(similarities: list[float], logit_scale: float) -> float:
    """CLIP's symmetric loss for a square image-text cosine-similarity matrix (row by row):
    the mean of the image→text and text→image cross-entropies of the scaled logits."""
    import torch
    import torch.nn.functional as F

    side = math.isqrt(len(similarities))
    if side * side != len(similarities):
        raise InvalidDraw("the similarity matrix is not square")
    logits = _vec(similarities).reshape(side, side) * logit_scale
    labels = torch.arange(side)
    return float((F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2)


@op
def mae_visible_tokens(image: int, patch: int, mask_ratio: float) -> float:
    """Patches MAE's encoder sees: the first int(N·(1 − ratio)) of a random shuffle, as in the
    reference `random_masking`."""
    import torch

    if image % patch:
        raise InvalidDraw("the image does not split into whole patches")
    n = (image // patch) ** 2
    len_keep = int(n * (1 - mask_ratio))
    ids = torch.argsort(torch.rand(1, n), dim=1)[:, :len_keep]
    return float(ids.shape[1])


@op
def imagenet_normalized(value: int, channel: int) -> float:
    """A uint8 pixel value after ToTensor (÷255) and Normalize with the ImageNet mean and std."""
    import torch

    if not 0 <= value <= 255 or channel not in (0, 1, 2):
        raise InvalidDraw("value or channel out of range")
    pixel = torch.full((3, 1, 1), float(value), dtype=torch.float64) / 255.0
    mean = torch.tensor(IMAGENET_MEAN, dtype=torch.float64).view(3, 1, 1)
    std = torch.tensor(IMAGENET_STD, dtype=torch.float64).view(3, 1, 1)
    return float(((pixel - mean) / std)[channel, 0, 0])
