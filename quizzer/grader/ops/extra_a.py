"""Torch-backed ops for the basics / CNN / training / imaging questions of the bank."""

from __future__ import annotations

import math
from typing import Any

from quizzer.grader.ops.registry import InvalidDraw, op


def _params(module: Any) -> float:
    return float(sum(p.numel() for p in module.parameters()))


@op
def batchnorm2d_params(channels: int) -> float:
    """Learnable parameters of `nn.BatchNorm2d(channels)` (running statistics are buffers)."""
    import torch.nn as nn

    return _params(nn.BatchNorm2d(channels, device="meta"))


@op
def depthwise_separable_params(in_channels: int, out_channels: int, kernel: int) -> float:
    """Parameters of a bias-free depthwise (groups=C_in) conv followed by a 1x1 pointwise conv."""
    import torch.nn as nn

    dw = nn.Conv2d(in_channels, in_channels, kernel, groups=in_channels, bias=False, device="meta")
    pw = nn.Conv2d(in_channels, out_channels, 1, bias=False, device="meta")
    return _params(dw) + _params(pw)


@op
def stacked_3x3_param_ratio(kernel: int, channels: int = 8) -> float:
    """Weights of enough stacked 3x3 convs to see `kernel` x `kernel`, over one such conv."""
    import torch.nn as nn

    if kernel < 3 or kernel % 2 == 0:
        raise InvalidDraw("kernel must be odd and at least 3")
    small = _params(nn.Conv2d(channels, channels, 3, bias=False, device="meta"))
    big = _params(nn.Conv2d(channels, channels, kernel, bias=False, device="meta"))
    return small * ((kernel - 1) // 2) / big


@op
def conv2d_flops_counted(
    size: int, in_channels: int, out_channels: int, kernel: int, stride: int = 1, padding: int = 0
) -> float:
    """FLOPs of one `nn.Conv2d` forward as `torch.utils.flop_counter` counts them (2 per MAC)."""
    import torch
    import torch.nn as nn
    from torch.utils.flop_counter import FlopCounterMode

    layer = nn.Conv2d(in_channels, out_channels, kernel, stride, padding, device="meta")
    with FlopCounterMode(display=False) as counter:
        layer(torch.zeros(1, in_channels, size, size, device="meta"))
    return float(counter.get_total_flops())


@op
def linear_flops_counted(in_features: int, out_features: int) -> float:
    """FLOPs of one `nn.Linear` forward on one sample, as `FlopCounterMode` counts them."""
    import torch
    import torch.nn as nn
    from torch.utils.flop_counter import FlopCounterMode

    layer = nn.Linear(in_features, out_features, device="meta")
    with FlopCounterMode(display=False) as counter:
        layer(torch.zeros(1, in_features, device="meta"))
    return float(counter.get_total_flops())


@op
def spp_output_length(channels: int, levels: list[int]) -> float:
    """Length of a spatial-pyramid-pooling vector (adaptive max pool per level, concatenated)."""
    import torch
    import torch.nn.functional as F

    x = torch.zeros(1, channels, 13, 17)
    parts = [F.adaptive_max_pool2d(x, n).flatten(1) for n in levels]
    return float(torch.cat(parts, 1).shape[1])


@op
def dropout_kept_value(x: float, p: float) -> float:
    """What `F.dropout(training=True)` turns a kept activation `x` into (inverted dropout)."""
    import torch
    import torch.nn.functional as F

    if not 0 <= p < 1:
        raise InvalidDraw("p must be in [0, 1)")
    with torch.random.fork_rng():  # keep the caller's RNG stream untouched
        torch.manual_seed(0)
        out = F.dropout(torch.full((4096,), float(x), dtype=torch.float64), p, training=True)
    kept = out[out != 0]
    return float(kept[0])


@op
def cosine_annealing_lr(base_lr: float, eta_min: float, t_max: int, step: int) -> float:
    """LR of `CosineAnnealingLR` after `step` scheduler steps."""
    import torch

    if not 0 <= step <= t_max:
        raise InvalidDraw("step outside [0, t_max]")
    return _lr_after(
        base_lr, step, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, t_max, eta_min)
    )


@op
def step_lr(base_lr: float, step_size: int, gamma: float, epoch: int) -> float:
    """LR of `StepLR(step_size, gamma)` at `epoch`."""
    import torch

    return _lr_after(base_lr, epoch, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size, gamma))


@op
def linear_warmup_lr(base_lr: float, start_factor: float, total_iters: int, step: int) -> float:
    """LR of `LinearLR(start_factor, end_factor=1, total_iters)` after `step` steps."""
    import torch

    return _lr_after(
        base_lr,
        step,
        lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor, 1.0, total_iters),
    )


def _lr_after(base_lr: float, steps: int, make: Any) -> float:
    import torch

    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=base_lr)
    sched = make(opt)
    for _ in range(steps):
        opt.step()
        sched.step()
    return float(opt.param_groups[0]["lr"])


@op
def sgd_weight_after(
    lr: float, momentum: float, grad: float, steps: int, weight_decay: float = 0.0, w0: float = 1.0
) -> float:
    """Weight after `steps` `torch.optim.SGD` steps with a constant data gradient `grad`."""
    import torch

    w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum, weight_decay=weight_decay)
    return _run_constant_grad(opt, w, grad, steps)


@op
def adam_weight_after(lr: float, grad: float, steps: int, decoupled: bool = False) -> float:
    """Weight (from 1) after `steps` Adam (or AdamW, decay 0.01) steps with a constant gradient."""
    import torch

    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    cls = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = cls([w], lr=lr, weight_decay=0.01 if decoupled else 0.0)
    return _run_constant_grad(opt, w, grad, steps)


def _run_constant_grad(opt: Any, w: Any, grad: float, steps: int) -> float:
    import torch

    for _ in range(steps):
        opt.zero_grad()
        w.grad = torch.full_like(w, grad)
        opt.step()
    return float(w.detach()[0])


@op
def clip_grad_norm_first(g1: float, g2: float, max_norm: float) -> float:
    """First component of the gradient [g1, g2] after `clip_grad_norm_(max_norm)`."""
    import torch

    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    w.grad = torch.tensor([g1, g2], dtype=torch.float64)
    torch.nn.utils.clip_grad_norm_([w], max_norm)
    return float(w.grad[0])


@op
def focal_loss_value(p_t: float, gamma: float, alpha: float) -> float:
    """Focal loss -alpha (1 - p_t)^gamma log p_t of one sample, through torch autograd-able ops."""
    import torch

    if not 0 < p_t < 1:
        raise InvalidDraw("p_t must be in (0, 1)")
    logit = torch.logit(torch.tensor(p_t, dtype=torch.float64))
    ce = torch.nn.functional.binary_cross_entropy_with_logits(logit, torch.tensor(1.0).double())
    return float(alpha * (1 - torch.sigmoid(logit)) ** gamma * ce)


@op
def label_smoothing_target(classes: int, eps: float, true_class: bool) -> float:
    """Target probability `F.cross_entropy(label_smoothing=eps)` uses, read off its gradient."""
    import torch
    import torch.nn.functional as F

    z = torch.zeros(1, classes, dtype=torch.float64, requires_grad=True)
    F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).backward()  # type: ignore[no-untyped-call]  # torch leaves it unannotated
    assert z.grad is not None
    # d CE / dz = softmax(z) - q, and softmax of zeros is uniform 1/K.
    q = 1.0 / classes - z.grad[0]
    return float(q[0] if true_class else q[1])


@op
def smooth_l1_value(x: float, beta: float) -> float:
    """`F.smooth_l1_loss` of a residual x with threshold beta."""
    import torch
    import torch.nn.functional as F

    t = torch.tensor([float(x)], dtype=torch.float64)
    return float(F.smooth_l1_loss(t, torch.zeros_like(t), beta=beta))


@op
def mse_reduced(errors: list[float], reduction: int) -> float:
    """`F.mse_loss` of residuals `errors`; reduction 0 = mean, 1 = sum."""
    import torch
    import torch.nn.functional as F

    e = torch.tensor(errors, dtype=torch.float64)
    return float(F.mse_loss(e, torch.zeros_like(e), reduction=("mean", "sum")[int(reduction)]))


@op
def bce_with_logits_value(logit: float, target: float) -> float:
    """`F.binary_cross_entropy_with_logits` of one logit and target."""
    import torch
    import torch.nn.functional as F

    z = torch.tensor([float(logit)], dtype=torch.float64)
    return float(F.binary_cross_entropy_with_logits(z, torch.tensor([float(target)]).double()))


@op
def batchnorm_train_output(values: list[float], index: int, gamma: float, beta: float) -> float:
    """Output `index` of `F.batch_norm` in training mode on a 1-channel batch, eps ~ 0."""
    import torch
    import torch.nn.functional as F

    x = torch.tensor(values, dtype=torch.float64).reshape(-1, 1)
    w, b = torch.tensor([float(gamma)]).double(), torch.tensor([float(beta)]).double()
    y = F.batch_norm(x, None, None, w, b, training=True, eps=1e-12)
    return float(y[int(index), 0])


@op
def batchnorm_running_var(values: list[float], momentum: float) -> float:
    """`running_var` after one training `F.batch_norm` step from running_var = 1."""
    import torch
    import torch.nn.functional as F

    x = torch.tensor(values, dtype=torch.float64).reshape(-1, 1)
    rm, rv = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    F.batch_norm(x, rm, rv, training=True, momentum=momentum)
    return float(rv[0])


@op
def kaiming_normal_std(fan_in: int, negative_slope: float = 0.0) -> float:
    """Std `kaiming_normal_` (fan_in mode, leaky_relu gain) uses for a Linear with `fan_in`."""
    import torch

    gain = torch.nn.init.calculate_gain("leaky_relu", negative_slope)
    fan, _ = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(4, fan_in))
    return gain / math.sqrt(fan)


@op
def xavier_uniform_bound(in_channels: int, out_channels: int, kernel: int) -> float:
    """Bound a of U(-a, a) that `xavier_uniform_` uses for a conv weight (gain 1)."""
    import torch

    shape = (out_channels, in_channels, kernel, kernel)
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
    return math.sqrt(6.0 / (fan_in + fan_out))


@op
def log_transform_level(r: int) -> float:
    """Textbook log transform of an 8-bit level: round(255 / ln 256 * ln(1 + r))."""
    import torch

    c = 255.0 / torch.log(torch.tensor(256.0, dtype=torch.float64))
    return float(torch.round(c * torch.log1p(torch.tensor(float(r), dtype=torch.float64))))


@op
def contrast_stretch_level(r: int, r_min: int, r_max: int) -> float:
    """Linear stretch of [r_min, r_max] onto [0, 255], unrounded (rounding ties differ by tool)."""
    import torch

    if not r_min <= r <= r_max or r_min == r_max:
        raise InvalidDraw("r must lie in a non-empty [r_min, r_max]")
    t = torch.tensor(float(r), dtype=torch.float64)
    return float((t - r_min) / (r_max - r_min) * 255)


@op
def one_vs_one_classifiers(classes: int) -> float:
    """Number of one-vs-one binary classifiers for K classes (pairs from `torch.combinations`)."""
    import torch

    return float(torch.combinations(torch.arange(classes), 2).shape[0])


@op
def int8_symmetric_code(values: list[float], index: int) -> float:
    """Symmetric per-tensor INT8 code of values[index] with scale max|w| / 127."""
    import torch

    w = torch.tensor(values, dtype=torch.float32)
    scale = float(w.abs().max()) / 127
    if scale == 0:
        raise InvalidDraw("all-zero tensor")
    fake = torch.fake_quantize_per_tensor_affine(w, scale, 0, -127, 127)
    return float(torch.round(fake[int(index)] / scale))


@op
def box_iou_pair(a: list[int], b: list[int]) -> float:
    """IoU of two (x1, y1, x2, y2) boxes, no +1 pixel convention."""
    import torch

    ta, tb = torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)
    if (ta[2:] <= ta[:2]).any() or (tb[2:] <= tb[:2]).any():
        raise InvalidDraw("degenerate box")
    wh = (torch.minimum(ta[2:], tb[2:]) - torch.maximum(ta[:2], tb[:2])).clamp(min=0)
    inter = wh.prod()
    area = (ta[2:] - ta[:2]).prod() + (tb[2:] - tb[:2]).prod()
    return float(inter / (area - inter))


@op
def weights_memory_mb(params_millions: float, bits: int) -> float:
    """Megabytes (10^6 bytes) to store the weights at a float/int width torch supports."""
    import torch

    dtypes = {32: torch.float32, 16: torch.float16, 8: torch.int8, 64: torch.float64}
    if bits not in dtypes:
        raise InvalidDraw(f"no {bits}-bit dtype")
    size = torch.empty(0, dtype=dtypes[int(bits)]).element_size()
    return float(params_millions) * size
