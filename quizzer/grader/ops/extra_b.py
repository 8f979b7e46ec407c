"""Torch-backed ops for the vision, detection-metric, PyTorch and sequence questions (bank B)."""

from __future__ import annotations

from typing import Any

from quizzer.grader.ops.registry import InvalidDraw, op


def _vec(values: list[Any]) -> Any:
    import torch

    return torch.tensor([float(v) for v in values], dtype=torch.float64)


def _params(module: Any) -> float:
    return float(sum(p.numel() for p in module.parameters()))


@op
def unfold_columns(
    height: int, width: int, kernel: int, stride: int = 1, padding: int = 0
) -> float:
    """Number of sliding windows L that `F.unfold` returns for one image."""
    import torch
    import torch.nn.functional as F

    out = F.unfold(torch.zeros(1, 1, height, width), kernel, padding=padding, stride=stride)
    if out.shape[-1] <= 0:
        raise InvalidDraw("no window fits")
    return float(out.shape[-1])


@op
def patch_embed_tokens(height: int, width: int, patch: int) -> float:
    """Tokens a ViT patch embedding (Conv2d, kernel = stride = patch) makes of an image."""
    import torch
    import torch.nn.functional as F

    if height % patch or width % patch:
        raise InvalidDraw("the image does not split into whole patches")
    out = F.conv2d(torch.zeros(1, 1, height, width), torch.zeros(1, 1, patch, patch), stride=patch)
    return float(out.flatten(2).transpose(1, 2).shape[1])


@op
def embedding_params(num_embeddings: int, embedding_dim: int) -> float:
    """Learnable parameters of an `nn.Embedding` table."""
    import torch.nn as nn

    return _params(nn.Embedding(num_embeddings, embedding_dim, device="meta"))


@op
def cosine_similarity(a: list[float], b: list[float]) -> float:
    """`F.cosine_similarity` of two vectors."""
    import torch.nn.functional as F

    return float(F.cosine_similarity(_vec(a), _vec(b), dim=0))


@op
def dot_product(a: list[float], b: list[float]) -> float:
    """`torch.dot` of two vectors."""
    import torch

    return float(torch.dot(_vec(a), _vec(b)))


@op
def permuted_arange_entry(a: int, b: int, c: int, i: int, j: int, k: int) -> float:
    """`arange(a*b*c).reshape(a, b, c).permute(1, 0, 2)[i, j, k]` (NumPy's transpose(1, 0, 2))."""
    import torch

    out = torch.arange(a * b * c).reshape(a, b, c).permute(1, 0, 2)
    if not (i < b and j < a and k < c):
        raise InvalidDraw("index out of range")
    return float(out[i, j, k])


@op
def conv3d_params(in_channels: int, out_channels: int, kt: int, k: int) -> float:
    """Learnable parameters of an `nn.Conv3d` with kernel (kt, k, k) and a bias."""
    import torch.nn as nn

    return _params(nn.Conv3d(in_channels, out_channels, (kt, k, k), device="meta"))


@op
def conv3d_time_output(frames: int, kt: int, stride: int = 1, padding: int = 0) -> float:
    """Temporal length of an `F.conv3d` output for a clip of `frames` frames."""
    import torch
    import torch.nn.functional as F

    if kt > frames + 2 * padding:
        raise InvalidDraw("kernel longer than the clip")
    out = F.conv3d(
        torch.zeros(1, 1, frames, 3, 3), torch.zeros(1, 1, kt, 1, 1), None, stride, padding
    )
    return float(out.shape[2])


@op
def separable_conv_params(in_channels: int, out_channels: int, kernel: int) -> float:
    """Weights of a depthwise k×k conv followed by a 1×1 pointwise conv (no biases)."""
    import torch.nn as nn

    depthwise = nn.Conv2d(
        in_channels, in_channels, kernel, groups=in_channels, bias=False, device="meta"
    )
    pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False, device="meta")
    return _params(depthwise) + _params(pointwise)


@op
def se_block_params(channels: int, reduction: int) -> float:
    """Parameters of an SE block: two biased 1×1 convs C -> C/r -> C (as torchvision's)."""
    import torch.nn as nn

    if channels % reduction:
        raise InvalidDraw("channels not divisible by the reduction")
    squeeze = channels // reduction
    return _params(nn.Conv2d(channels, squeeze, 1, device="meta")) + _params(
        nn.Conv2d(squeeze, channels, 1, device="meta")
    )


@op
def bottleneck_conv_weights(width: int) -> float:
    """Conv weights of a ResNet bottleneck 4m -> m -> m (3×3) -> 4m, no bias, no BN."""
    import torch.nn as nn

    layers = [
        nn.Conv2d(4 * width, width, 1, bias=False, device="meta"),
        nn.Conv2d(width, width, 3, bias=False, device="meta"),
        nn.Conv2d(width, 4 * width, 1, bias=False, device="meta"),
    ]
    return sum(_params(layer) for layer in layers)


@op
def hardsigmoid(x: float) -> float:
    """`F.hardsigmoid(x)` = ReLU6(x + 3) / 6."""
    import torch.nn.functional as F

    return float(F.hardsigmoid(_vec([x]))[0])


@op
def hardswish(x: float) -> float:
    """`F.hardswish(x)` = x · hardsigmoid(x)."""
    import torch.nn.functional as F

    return float(F.hardswish(_vec([x]))[0])


@op
def repeated_factor(factor: float, steps: int) -> float:
    """The product of `steps` equal factors (how a gradient scales through identical layers)."""
    import torch

    return float(torch.prod(torch.full((steps,), float(factor), dtype=torch.float64)))


def _run_optimizer(make: Any, grads: list[float], start: float = 1.0) -> float:
    """Feed a fixed gradient sequence to a torch optimizer on one scalar weight."""
    import torch

    w = torch.nn.Parameter(torch.tensor([float(start)], dtype=torch.float64))
    opt = make([w])
    for g in grads:
        w.grad = torch.tensor([float(g)], dtype=torch.float64)
        opt.step()
    return float(w.detach()[0])


@op
def sgd_momentum_weight(lr: float, momentum: float, grads: list[float]) -> float:
    """Weight after `torch.optim.SGD(lr, momentum)` steps from w = 1 with the given gradients."""
    import torch

    return _run_optimizer(lambda p: torch.optim.SGD(p, lr=lr, momentum=momentum), grads)


@op
def adagrad_weight(lr: float, grads: list[float]) -> float:
    """Weight after `torch.optim.Adagrad(lr, eps=1e-7)` steps from w = 1."""
    import torch

    return _run_optimizer(lambda p: torch.optim.Adagrad(p, lr=lr, eps=1e-7), grads)


@op
def rmsprop_weight(lr: float, alpha: float, grads: list[float]) -> float:
    """Weight after `torch.optim.RMSprop(lr, alpha)` steps from w = 1 (average starts at 0)."""
    import torch

    return _run_optimizer(lambda p: torch.optim.RMSprop(p, lr=lr, alpha=alpha), grads)


@op
def adam_weight(lr: float, grads: list[float]) -> float:
    """Weight after `torch.optim.Adam(lr)` steps from w = 1 (default betas, bias-corrected)."""
    import torch

    return _run_optimizer(lambda p: torch.optim.Adam(p, lr=lr), grads)


@op
def weight_decay_after(lr: float, weight_decay: float, steps: int) -> float:
    """Weight after `steps` SGD steps with zero data gradient and `weight_decay`, from w = 1."""
    import torch

    make = lambda p: torch.optim.SGD(p, lr=lr, weight_decay=weight_decay)  # noqa: E731  # one-line factory
    return _run_optimizer(make, [0.0] * steps)


@op
def clip_grad_norm_component(grad: list[float], max_norm: float, index: int) -> float:
    """Component `index` of a gradient after `torch.nn.utils.clip_grad_norm_`."""
    import torch

    w = torch.nn.Parameter(torch.zeros(len(grad), dtype=torch.float64))
    w.grad = _vec(grad)
    torch.nn.utils.clip_grad_norm_([w], max_norm)
    return float(w.grad[index])


@op
def xavier_normal_std(fan_in: int, fan_out: int) -> float:
    """The std `nn.init.xavier_normal_` uses for a Linear(fan_in, fan_out) weight (gain 1)."""
    import math

    import torch
    import torch.nn as nn

    weight = torch.empty(fan_out, fan_in, device="meta")
    fin, fout = nn.init._calculate_fan_in_and_fan_out(weight)
    return math.sqrt(2.0 / float(fin + fout))


@op
def kaiming_uniform_bound(fan_in: int) -> float:
    """The bound of `nn.init.kaiming_uniform_(nonlinearity='relu')`: gain·sqrt(3/fan_in)."""
    import math

    import torch.nn as nn

    return nn.init.calculate_gain("relu") * math.sqrt(3.0 / fan_in)


@op
def huber_value(error: float, delta: float = 1.0) -> float:
    """`F.huber_loss` of one prediction that is off by `error`."""
    import torch.nn.functional as F

    return float(F.huber_loss(_vec([error]), _vec([0.0]), delta=delta))


@op
def bernoulli_kl(p: float, q: float) -> float:
    """KL(Bern(p) || Bern(q)) by `F.kl_div(log q, p, reduction='sum')`."""
    import torch
    import torch.nn.functional as F

    if not (0 < q < 1 and 0 <= p <= 1):
        raise InvalidDraw("not a probability")
    target, model = _vec([p, 1 - p]), _vec([q, 1 - q])
    return float(F.kl_div(torch.log(model), target, reduction="sum"))


@op
def torch_smoothed_target(num_classes: int, epsilon: float, true_class: bool) -> float:
    """Target probability that `F.cross_entropy(label_smoothing=ε)` uses, read off its gradient.

    At zero logits the gradient is softmax − target = 1/K − target, so target = 1/K − grad.
    """
    import torch
    import torch.nn.functional as F

    z = torch.zeros(1, num_classes, dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(z, torch.tensor([0]), label_smoothing=epsilon)
    loss.backward()  # type: ignore[no-untyped-call]  # torch leaves it unannotated
    assert z.grad is not None
    grad = z.grad[0, 0 if true_class else 1]
    return float(1.0 / num_classes - grad)


@op
def dice_coefficient(intersection: int, size_a: int, size_b: int, smooth: float = 0.0) -> float:
    """(2·|A∩B| + s) / (|A| + |B| + s) on two binary torch masks built with that overlap."""
    import torch

    if intersection > min(size_a, size_b):
        raise InvalidDraw("overlap larger than a mask")
    n = size_a + size_b
    a = torch.zeros(n, dtype=torch.float64)
    b = torch.zeros(n, dtype=torch.float64)
    a[:size_a] = 1
    b[size_a - intersection : size_a - intersection + size_b] = 1
    return float((2 * (a * b).sum() + smooth) / (a.sum() + b.sum() + smooth))


@op
def triplet_loss(
    anchor: list[float], positive: list[float], negative: list[float], margin: float
) -> float:
    """`F.triplet_margin_loss` (plain L2 distances, eps 1e-6 inside the norm)."""
    import torch.nn.functional as F

    return float(
        F.triplet_margin_loss(
            _vec(anchor)[None], _vec(positive)[None], _vec(negative)[None], margin=margin
        )
    )


def _confusion(cells: list[int]) -> Any:
    import math

    side = math.isqrt(len(cells))
    if side * side != len(cells):
        raise InvalidDraw("the confusion matrix is not square")
    return _vec(cells).reshape(side, side)


@op
def confusion_pixel_accuracy(cells: list[int]) -> float:
    """Pixel accuracy Σ n_ii / Σ t_i of a row-major confusion matrix (rows = ground truth)."""
    import torch

    cm = _confusion(cells)
    return float(torch.diagonal(cm).sum() / cm.sum())


@op
def confusion_miou(cells: list[int]) -> float:
    """mIoU of a row-major confusion matrix (rows = ground truth), absent classes skipped."""
    import torch

    cm = _confusion(cells)
    inter = torch.diagonal(cm)
    union = cm.sum(0) + cm.sum(1) - inter
    return float(torch.nanmean(inter / union))


@op
def recurrent_params(
    gates: int, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False
) -> float:
    """Parameters of `nn.RNN` (gates 1), `nn.GRU` (3) or `nn.LSTM` (4)."""
    import torch.nn as nn

    kinds = {1: nn.RNN, 3: nn.GRU, 4: nn.LSTM}
    if gates not in kinds:
        raise InvalidDraw("gates must be 1, 3 or 4")
    module = kinds[gates](
        input_size, hidden_size, num_layers, bidirectional=bool(bidirectional), device="meta"
    )
    return _params(module)


@op
def alpha_composite(foreground: float, background: float, alpha: float) -> float:
    """I = αF + (1 − α)B, by `torch.lerp(B, F, α)`."""
    import torch

    return float(torch.lerp(_vec([background]), _vec([foreground]), float(alpha))[0])


@op
def chunk_size(batch: int, devices: int, index: int) -> float:
    """Size of piece `index` of `Tensor.chunk(devices)` on a batch (0 if there is no such piece)."""
    import torch

    pieces = torch.zeros(batch).chunk(devices)
    return float(pieces[index].shape[0]) if index < len(pieces) else 0.0


@op
def kfold_fold_size(samples: int, folds: int, index: int) -> float:
    """Size of fold `index` of n samples split as scikit-learn's KFold (`torch.tensor_split`)."""
    import torch

    if folds > samples or index >= folds:
        raise InvalidDraw("more folds than samples")
    return float(torch.zeros(samples).tensor_split(folds)[index].shape[0])


@op
def pooled_variance(first: list[float], second: list[float]) -> float:
    """Biased variance of two devices' samples taken together (what SyncBatchNorm uses)."""
    import torch

    return float(torch.cat([_vec(first), _vec(second)]).var(unbiased=False))


@op
def generalized_iou(box_a: list[float], box_b: list[float]) -> float:
    """GIoU of two (x1, y1, x2, y2) boxes: IoU − |C \\ (A ∪ B)| / |C|, C the enclosing box."""
    import torch

    a, b = _vec(box_a), _vec(box_b)
    if not (a[2] > a[0] and a[3] > a[1] and b[2] > b[0] and b[3] > b[1]):
        raise InvalidDraw("degenerate box")
    lt, rb = torch.maximum(a[:2], b[:2]), torch.minimum(a[2:], b[2:])
    inter = (rb - lt).clamp(min=0).prod()
    union = (a[2:] - a[:2]).prod() + (b[2:] - b[:2]).prod() - inter
    hull = (torch.maximum(a[2:], b[2:]) - torch.minimum(a[:2], b[:2])).prod()
    return float(inter / union - (hull - union) / hull)


@op
def f1_score(tp: int, fp: int, fn: int) -> float:
    """F1 = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall."""
    import torch

    if tp == 0:
        raise InvalidDraw("F1 is 0/0 without true positives")
    p = torch.tensor(tp / (tp + fp), dtype=torch.float64)
    r = torch.tensor(tp / (tp + fn), dtype=torch.float64)
    return float(2 * p * r / (p + r))
