"""Layer geometry tasks: conv, pool and transposed-conv output sizes, and the receptive field.

The reference is always torch itself: the shape it produces on a zeros tensor, and for the
receptive field the gradient footprint of one output pixel. Random cases are configurations
torch accepts; a few it refuses come last, and the learner must raise ValueError for them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.mismatch import Kind, Mismatch, describe
from quizzer.grader.kit.seeds import rng
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.ops.core import receptive_field as measured_receptive_field
from quizzer.grader.tasks.base import Case

Pair = int | tuple[int, int]
Spec = tuple[str, tuple[Any, ...], dict[str, Any]]
"""A fixed case: hint, positional args (h, w, kernel_size), keyword args."""
Size = Callable[..., tuple[int, int]]

PAIR_RULE = ("(out_h, out_w), a tuple of two Python ints (a list of two ints, or a namedtuple "
             "of ints, is accepted too; tensors, floats and numpy integers are not)")
_PAIR_NOTE = """
Each of kernel_size, stride, padding{extra} is an int or a (height, width) pair.
{refuse}"""


def int_problem(value: Any, label: str) -> str | None:
    """Why `value` is not a plain Python int (bool is not an int here)."""
    if isinstance(value, torch.Tensor):
        return f"{label} is a Tensor; return Python ints (use int(...))"
    if isinstance(value, bool) or not isinstance(value, int):
        what = describe(value)
        shown = "" if what not in (type(value).__name__,) else f" {value!r}"
        return f"{label} should be a Python int, got {what}{shown}"
    return None


def pair_problem(got: Any, want: tuple[int, int]) -> str | None:
    """Why `got` is not exactly the pair `want` of Python ints."""
    if not isinstance(got, tuple | list) or len(got) != 2:
        return f"expected a pair (out_h, out_w) of Python ints, got {describe(got)}"
    for label, value in zip(("out_h", "out_w"), got, strict=True):
        problem = int_problem(value, label)
        if problem is not None:
            return problem
    if tuple(got) != want:
        return f"expected (out_h, out_w) = {want}, got {tuple(got)}"
    return None


def _pair(value: Pair) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def _draw(r: random.Random, low: int, high: int) -> Pair:
    """An int, or now and then a (height, width) pair."""
    if r.random() < 0.6:
        return r.randint(low, high)
    return (r.randint(low, high), r.randint(low, high))


def _describe(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    shown = [f"h={args[0]}", f"w={args[1]}", f"kernel_size={args[2]!r}"]
    shown += [repr(a) for a in args[3:]]
    return ", ".join(shown + [f"{k}={v!r}" for k, v in kwargs.items()])


def _size_cases(name: str, fixed: tuple[Spec, ...], refused: tuple[Spec, ...],
                reference: Size, draw: Callable[[random.Random], Spec], formula: str,
                ) -> Callable[[int], list[Case]]:
    """Fixed configurations, six random ones torch accepts, then those torch refuses."""
    def cases(seed: int) -> list[Case]:
        out = [Case(_describe(args, kwargs), args, kwargs, hint) for hint, args, kwargs in fixed]
        r = rng(name, seed)
        while len(out) < len(fixed) + 6:
            _, args, kwargs = draw(r)
            try:
                size = reference(*args, **kwargs)
            except (RuntimeError, ValueError):
                continue
            if min(size) > 0:
                out.append(Case(f"random seed {seed}: {_describe(args, kwargs)}", args, kwargs,
                                f"compare with the shape torch gives ({formula})"))
        return out + [Case(f"torch refuses: {_describe(args, kwargs)}", args, kwargs, hint,
                           raises="ValueError") for hint, args, kwargs in refused]
    return cases


def _pair_compare(got: Any, want: tuple[int, int], case: Case) -> Mismatch | None:
    problem = pair_problem(got, want)
    if problem is None:
        return None
    return Mismatch(Kind.VALUE if problem.startswith("expected (out_h") else Kind.TYPE, problem)


_TYPE_HINT = "return a tuple of two Python ints, e.g. (int(out_h), int(out_w))"
_SIZE_PARAMS = (Param("h"), Param("w"), Param("kernel_size"))


def _size_declaration(name: str, params: tuple[Param, ...], text: str, forbidden: tuple[str, ...],
                      reference: Size, cases: Callable[[int], list[Case]],
                      variants: tuple[Variant, ...]) -> Declaration:
    return Declaration(
        name=name, contract=Contract(_SIZE_PARAMS + params, text, PAIR_RULE, forbidden=forbidden),
        reference=reference, compare=_pair_compare, cases=cases,
        hints={Kind.TYPE: _TYPE_HINT}, variants=variants)


_CONV = ("torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d.forward",
         "torch.convolution", "torch._convolution")


# --- conv2d_output_size ---------------------------------------------------------------------

_CONV_REFUSED: tuple[Spec, ...] = (
    ("a 5x5 kernel does not fit a 3x3 input: there is no output to size, so raise "
     "ValueError", (3, 3, 5), {}),
    ("check each axis: a 3-wide kernel does not fit a width of 2", (10, 2, 3), {}),
    ("the dilated kernel spans d(k-1)+1 = 7 pixels, more than 2 + 2*1", (2, 2, 3),
     {"padding": 1, "dilation": 3}),
)

_CONV_FIXED: tuple[Spec, ...] = (
    ("the ResNet stem: 224 with k=7, s=2, p=3 gives 112; out = floor((i + 2p - d(k-1) - 1)/s)"
     " + 1", (224, 224, 7), {"stride": 2, "padding": 3}),
    ("the division floors: (6 - 3)/2 + 1 is 2, not 2.5 or 3", (6, 6, 3), {"stride": 2}),
    ("dilation d makes a k-tap kernel span d(k-1)+1 pixels", (7, 9, 3), {"dilation": 2}),
    ("pairs are (height, width): each axis uses its own kernel, stride and padding",
     (10, 16, (3, 5)), {"stride": (2, 3), "padding": (1, 2)}),
    ("padding adds p on both sides (2p in all), so a padded input can be smaller than the "
     "kernel", (2, 3, 5), {"padding": 2}),
    ("a stride larger than the kernel skips pixels; still floor((i - k)/s) + 1",
     (11, 11, 2), {"stride": 4}),
    ("dilation per axis", (8, 12, 3), {"dilation": (1, 3), "padding": (0, 1)}),
    ("positional arguments in the order of the signature", (9, 8, (2, 3), 2, 1, (2, 1)), {}),
    ("every optional argument left to its default: stride 1, padding 0, dilation 1",
     (5, 7, 3), {}),
    ("a 1x1 kernel with padding still adds 2p: 4 + 2 gives 6", (4, 5, 1), {"padding": 1}),
    ("a kernel exactly as large as the input gives 1", (6, 4, (6, 4)), {}),
    ("a kernel larger than the input, padded on one axis only", (3, 9, (5, 3)),
     {"padding": (1, 0), "stride": (1, 2)}),
    ("a one-pixel input and a large one", (1, 1024, 1), {"stride": (1, 3), "dilation": 5}),
)


def conv2d_size(h: int, w: int, kernel_size: Pair, stride: Pair = 1, padding: Pair = 0,
                dilation: Pair = 1) -> tuple[int, int]:
    """The (out_h, out_w) of F.conv2d on an h x w input (RuntimeError where torch refuses)."""
    kh, kw = _pair(kernel_size)
    out = F.conv2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, kh, kw), None, stride, padding,
                   dilation)
    return int(out.shape[-2]), int(out.shape[-1])


def _conv_draw(r: random.Random) -> Spec:
    args = (r.randint(1, 64), r.randint(1, 64), _draw(r, 1, 7))
    return "", args, {"stride": _draw(r, 1, 4), "padding": _draw(r, 0, 3),
                      "dilation": _draw(r, 1, 3)}


def _conv_formula(rounding: Callable[[float], float] = math.floor, *, dilated: bool = True,
                  twice: bool = True) -> Size:
    """The conv size formula with one classic mistake switched on."""
    def size(h: int, w: int, kernel_size: Pair, stride: Pair = 1, padding: Pair = 0,
             dilation: Pair = 1) -> tuple[int, int]:
        k, s, p, d = (_pair(v) for v in (kernel_size, stride, padding, dilation))
        out = []
        for axis, i in enumerate((h, w)):
            span = (d[axis] if dilated else 1) * (k[axis] - 1)
            room = i + (2 if twice else 1) * p[axis] - span - 1
            out.append(int(rounding(room / s[axis])) + 1)
        return out[0], out[1]
    return size


CONV2D_OUTPUT_SIZE = _size_declaration(
    "conv2d_output_size", (Param("stride", "1"), Param("padding", "0"), Param("dilation", "1")),
    """The spatial size (out_h, out_w) of torch.nn.functional.conv2d's output for an h x w input.
Per axis: floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1.
""" + _PAIR_NOTE.format(extra=" and dilation", refuse=(
        "Raise ValueError where torch refuses: the dilated kernel, d(k-1)+1, is larger than\n"
        "the padded input on some axis (the output would be empty).")),
    _CONV, conv2d_size,
    _size_cases("conv2d_output_size", _CONV_FIXED, _CONV_REFUSED, conv2d_size, _conv_draw,
                "floor((i + 2p - d(k-1) - 1)/s) + 1 per axis"),
    (Variant("ceil instead of floor", _conv_formula(math.ceil),
             "out = floor((i + 2p - d(k-1) - 1)/s) + 1: the division floors"),
     Variant("rounding instead of floor", _conv_formula(round),
             "out = floor((i + 2p - d(k-1) - 1)/s) + 1: the division floors, it does not round"),
     Variant("a kernel span that ignores dilation", _conv_formula(dilated=False),
             "dilation d makes a k-tap kernel span d(k-1)+1 pixels"),
     Variant("padding counted once", _conv_formula(twice=False),
             "padding adds p on both sides (2p in all)")))


# --- pool2d_output_size ---------------------------------------------------------------------

_POOL_REFUSED: tuple[Spec, ...] = (
    ("torch refuses padding above half the kernel (2p > k): raise ValueError", (8, 8, 2),
     {"padding": 2}),
    ("2p > k on the width axis only", (8, 8, (4, 3)), {"padding": (1, 2)}),
)

_POOL_FIXED: tuple[Spec, ...] = (
    ("stride defaults to kernel_size (not 1)", (8, 8, 2), {}),
    ("without ceil_mode the division floors", (6, 6, 3), {"stride": 2}),
    ("padding adds p on both sides (2p in all)", (7, 7, 3), {"stride": 2, "padding": 1}),
    ("ceil_mode rounds the division up: (6 - 3)/2 gives 2, so 3 windows", (6, 6, 3),
     {"stride": 2, "ceil_mode": True}),
    ("ceil_mode drops a last window that would start inside the right padding "
     "(at or beyond size + padding): 5 with k=2, s=2, p=1 gives 3, not 4", (5, 5, 2),
     {"stride": 2, "padding": 1, "ceil_mode": True}),
    ("ceil_mode keeps a last window that starts inside the input", (7, 7, 2),
     {"stride": 2, "ceil_mode": True}),
    ("a (height, width) kernel with the default stride gives a (height, width) stride",
     (7, 10, (3, 2)), {}),
    ("dilation d makes a k-tap window span d(k-1)+1 pixels", (9, 9, 3),
     {"stride": 1, "dilation": 2}),
    ("stride=None passed explicitly still means stride = kernel_size; pairs are "
     "(height, width)", (9, 12, (3, 4)), {"stride": None, "padding": (1, 2),
                                          "ceil_mode": True}),
    ("positional arguments in the order of the signature", (11, 8, 3, (2, 1), 1, 1, True),
     {}),
    ("a window exactly as large as the input gives 1", (5, 3, (5, 3)), {}),
    ("a 1x1 window with stride 2 takes every other pixel, rounding up", (7, 8, 1),
     {"stride": 2}),
    ("ceil_mode with exact division changes nothing", (8, 8, 2), {"ceil_mode": True}),
    ("a large input with padding and ceil_mode", (1000, 999, 3),
     {"stride": 2, "padding": 1, "ceil_mode": True}),
)


def pool2d_size(h: int, w: int, kernel_size: Pair, stride: Pair | None = None,
                padding: Pair = 0, dilation: Pair = 1, ceil_mode: bool = False
                ) -> tuple[int, int]:
    """The (out_h, out_w) of F.max_pool2d on an h x w input (RuntimeError where torch refuses)."""
    out = F.max_pool2d(torch.zeros(1, 1, h, w), kernel_size, stride, padding, dilation,
                       bool(ceil_mode))
    return int(out.shape[-2]), int(out.shape[-1])


def _pool_draw(r: random.Random) -> Spec:
    args = (r.randint(1, 40), r.randint(1, 40), _draw(r, 1, 5))
    kwargs: dict[str, Any] = {"padding": _draw(r, 0, 2), "ceil_mode": r.random() < 0.5}
    if r.random() < 0.6:
        kwargs["stride"] = _draw(r, 1, 4)
    if r.random() < 0.3:
        kwargs["dilation"] = _draw(r, 1, 2)
    return "", args, kwargs


def _pool_formula(*, default_stride_one: bool = False, ignore_ceil: bool = False,
                  drop: bool = True, dilated: bool = True) -> Size:
    """The pool size formula with one classic mistake switched on."""
    def size(h: int, w: int, kernel_size: Pair, stride: Pair | None = None, padding: Pair = 0,
             dilation: Pair = 1, ceil_mode: bool = False) -> tuple[int, int]:
        k = _pair(kernel_size)
        s = _pair(stride) if stride is not None else ((1, 1) if default_stride_one else k)
        p, d = _pair(padding), _pair(dilation)
        out = []
        for a, i in enumerate((h, w)):
            room = i + 2 * p[a] - (d[a] if dilated else 1) * (k[a] - 1) - 1
            ceil = ceil_mode and not ignore_ceil
            n = (-(-room // s[a]) if ceil else room // s[a]) + 1
            if ceil and drop and (n - 1) * s[a] >= i + p[a]:
                n -= 1
            out.append(n)
        return out[0], out[1]
    return size


POOL2D_OUTPUT_SIZE = _size_declaration(
    "pool2d_output_size", (Param("stride", "None"), Param("padding", "0"),
                           Param("dilation", "1"), Param("ceil_mode", "False")),
    """The spatial size (out_h, out_w) of torch.nn.functional.max_pool2d's output for an h x w
input. stride=None means stride = kernel_size. Per axis:
    floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1
With ceil_mode=True use ceil instead of floor, then drop the last window if it would
start at or beyond size + padding (entirely inside the right padding).
""" + _PAIR_NOTE.format(extra=", dilation", refuse=(
        "Raise ValueError where torch refuses: padding larger than half the kernel size\n"
        "(2 * padding > kernel_size) on some axis, or an empty output.")),
    ("torch.nn.functional.max_pool2d", "torch.max_pool2d",
     "torch.nn.functional.max_pool2d_with_indices", "torch.nn.MaxPool2d.forward",
     "torch.nn.functional.avg_pool2d", "torch.nn.AvgPool2d.forward", *_CONV),
    pool2d_size,
    _size_cases("pool2d_output_size", _POOL_FIXED, _POOL_REFUSED, pool2d_size, _pool_draw,
                "floor or ceil of (i + 2p - d(k-1) - 1)/s, plus 1, per axis"),
    (Variant("a default stride of 1", _pool_formula(default_stride_one=True),
             "stride defaults to kernel_size (not 1)"),
     Variant("floor whatever ceil_mode says", _pool_formula(ignore_ceil=True),
             "ceil_mode rounds the division up"),
     Variant("ceil without dropping a last window that starts in the right padding",
             _pool_formula(drop=False), "ceil_mode drops a last window that would start "
             "inside the right padding (at or beyond size + padding)"),
     Variant("a window span that ignores dilation", _pool_formula(dilated=False),
             "dilation d makes a k-tap window span d(k-1)+1 pixels")))


# --- conv_transpose2d_output_size -----------------------------------------------------------

_TRANSPOSED_REFUSED: tuple[Spec, ...] = (
    ("output_padding must be smaller than max(stride, dilation): raise ValueError",
     (4, 4, 3), {"stride": 2, "output_padding": 2}),
    ("with stride 1 and dilation 1, any output_padding is refused", (5, 5, 3),
     {"output_padding": 1}),
)

_TRANSPOSED_FIXED: tuple[Spec, ...] = (
    ("out = (i-1)s - 2p + d(k-1) + output_padding + 1", (2, 2, 2), {}),
    ("input pixels land s apart, (i-1)s + 1 in all; padding removes p from each border of "
     "the output (minus 2p), the opposite of conv padding: the DCGAN 4/2/1 block doubles 4 "
     "to 8", (4, 4, 4), {"stride": 2, "padding": 1}),
    ("padding removes rows and columns: 2 with k=2, p=1 gives 1", (2, 2, 2), {"padding": 1}),
    ("output_padding adds rows/columns on one side only: it recovers 14 from 7 after a "
     "stride-2 conv", (7, 7, 3), {"stride": 2, "padding": 1, "output_padding": 1}),
    ("dilation d makes the kernel span d(k-1)+1 pixels", (5, 5, 3), {"dilation": 2}),
    ("every argument per axis, (height, width)", (3, 5, (2, 4)),
     {"stride": (3, 1), "padding": (0, 1), "output_padding": (2, 0), "dilation": (1, 2)}),
    ("output_padding only has to be smaller than max(stride, dilation)", (4, 4, 3),
     {"dilation": 2, "output_padding": 1}),
    ("positional arguments in the order of the signature", (6, 3, 3, 2, 1, 1, (1, 2)), {}),
    ("a 1x1 kernel with stride 2 places the pixels 2 apart: (i - 1)s + 1", (4, 5, 1),
     {"stride": 2}),
    ("a one-pixel input gives the dilated kernel's span", (1, 1, 3), {"dilation": 3}),
    ("every optional argument left to its default", (7, 3, (2, 5)), {}),
)


def conv_transpose2d_size(h: int, w: int, kernel_size: Pair, stride: Pair = 1,
                          padding: Pair = 0, output_padding: Pair = 0, dilation: Pair = 1
                          ) -> tuple[int, int]:
    """The (out_h, out_w) of F.conv_transpose2d (RuntimeError where torch refuses)."""
    kh, kw = _pair(kernel_size)
    out = F.conv_transpose2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, kh, kw), None, stride,
                             padding, output_padding, 1, dilation)
    return int(out.shape[-2]), int(out.shape[-1])


def _transposed_draw(r: random.Random) -> Spec:
    args = (r.randint(1, 32), r.randint(1, 32), _draw(r, 1, 6))
    return "", args, {"stride": _draw(r, 1, 4), "padding": _draw(r, 0, 3),
                      "output_padding": _draw(r, 0, 2), "dilation": _draw(r, 1, 3)}


def _transposed_formula(*, pad_sign: int = -2, extra: int = 1, dilated: bool = True) -> Size:
    """The transposed-conv size formula with one classic mistake switched on."""
    def size(h: int, w: int, kernel_size: Pair, stride: Pair = 1, padding: Pair = 0,
             output_padding: Pair = 0, dilation: Pair = 1) -> tuple[int, int]:
        k, s, p, o, d = (_pair(v) for v in (kernel_size, stride, padding, output_padding,
                                             dilation))
        out = [(i - 1) * s[a] + pad_sign * p[a] + (d[a] if dilated else 1) * (k[a] - 1)
               + extra * o[a] + 1 for a, i in enumerate((h, w))]
        return out[0], out[1]
    return size


CONV_TRANSPOSE2D_OUTPUT_SIZE = _size_declaration(
    "conv_transpose2d_output_size", (Param("stride", "1"), Param("padding", "0"),
                                     Param("output_padding", "0"), Param("dilation", "1")),
    """The spatial size (out_h, out_w) of torch.nn.functional.conv_transpose2d's output for an
h x w input. Per axis:
    (size - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1
""" + _PAIR_NOTE.format(extra=", output_padding, dilation",
                                               refuse=(
        "Raise ValueError where torch refuses: output_padding not smaller than\n"
        "max(stride, dilation) on some axis, or an empty output.")),
    ("torch.nn.functional.conv_transpose2d", "torch.conv_transpose2d",
     "torch.nn.ConvTranspose2d.forward", *_CONV),
    conv_transpose2d_size,
    _size_cases("conv_transpose2d_output_size", _TRANSPOSED_FIXED, _TRANSPOSED_REFUSED,
                conv_transpose2d_size, _transposed_draw,
                "(i-1)s - 2p + d(k-1) + output_padding + 1 per axis"),
    (Variant("padding added instead of removed", _transposed_formula(pad_sign=2),
             "padding removes rows and columns from the output: minus 2p"),
     Variant("no output_padding", _transposed_formula(extra=0),
             "output_padding adds rows/columns on one side only: + output_padding"),
     Variant("output_padding counted twice", _transposed_formula(extra=2),
             "output_padding adds rows/columns on one side only: + output_padding, once"),
     Variant("a kernel span that ignores dilation", _transposed_formula(dilated=False),
             "dilation d makes the kernel span d(k-1)+1 pixels")))


# --- receptive_field ------------------------------------------------------------------------

_RF_FIXED: tuple[tuple[str, list[Any]], ...] = (
    ("one k-tap layer sees k pixels", [(3, 1, 1)]),
    ("two stride-1 3x3 layers see 5 pixels, not 3 + 3", [(3, 1, 1), (3, 1, 1)]),
    ("each stride-1 3x3 layer adds 2: three of them see 7", [(3, 1, 1)] * 3),
    ("with no layers a unit sees exactly one pixel: start from r = 1", []),
    ("a layer after a stride-2 layer adds (k-1) times the product of the EARLIER strides "
     "(the jump), not of its own", [(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1)]),
    ("strides compound: the jump is the product of all earlier strides",
     [(3, 2, 1), (3, 2, 1), (3, 1, 1)]),
    ("the last layer's stride does not widen what one of its units sees",
     [(3, 1, 1), (3, 4, 1)]),
    ("dilation d spreads a k-tap kernel over d(k-1)+1 pixels", [(3, 1, 2)]),
    ("dilations add up: 3x3 with d = 1, 2, 4 see 15 pixels",
     [(3, 1, 1), (3, 1, 2), (3, 1, 4)]),
    ("strides and dilations together: r += d(k-1) * jump, then jump *= s",
     [(7, 2, 1), (3, 2, 1), (3, 1, 1), (3, 1, 2)]),
    ("layers may come as lists as well as tuples", [[5, 1, 1], [3, 2, 1], [3, 1, 1]]),
    ("a 1x1 layer adds nothing, but its stride still multiplies the jump",
     [(1, 1, 1), (3, 1, 1), (1, 2, 1), (3, 1, 1)]),
    ("a deep stack: spans add up with the jump at each layer",
     [(3, 1, 1), (3, 2, 1)] * 6 + [(1, 1, 1)]),
)


def _rf_cases(seed: int) -> list[Case]:
    cases = [Case(f"layers={layers}", (list(layers),), {}, hint) for hint, layers in _RF_FIXED]
    r = rng("receptive_field", seed)
    for _ in range(6):
        layers = [(r.choice([1, 2, 3, 3, 5]), r.randint(1, 3), r.randint(1, 3))
                  for _ in range(r.randint(1, 5))]
        cases.append(Case(f"random seed {seed}: layers={layers}", (layers,), {},
                          "r starts at 1 and jump at 1; per layer r += d(k-1) * jump, "
                          "then jump *= s"))
    return cases


def receptive_field_of(layers: list[Any]) -> int:
    """The receptive field torch measures (the gradient footprint of one output unit)."""
    return int(measured_receptive_field([k for k, _, _ in layers], [s for _, s, _ in layers],
                                        [d for _, _, d in layers]))


def _rf_compare(got: Any, want: int, case: Case) -> Mismatch | None:
    problem = int_problem(got, "the result")
    if problem is not None:
        return Mismatch(Kind.TYPE, problem)
    if got != want:
        return Mismatch(Kind.VALUE, f"expected a receptive field of {want}, got {got}")
    return None


def _rf_formula(*, start: int = 1, span: str = "d(k-1)", own_stride: bool = False) -> Any:
    def receptive_field(layers: list[Any]) -> int:
        r, jump = start, 1
        for k, s, d in layers:
            if own_stride:
                jump *= s
            r += {"d(k-1)": d * (k - 1), "d(k-1)+1": d * (k - 1) + 1, "k-1": k - 1}[span] * jump
            if not own_stride:
                jump *= s
        return r
    return receptive_field


def _rf_all_strides(layers: list[Any]) -> int:
    return int(1 + sum(d * (k - 1) for k, _, d in layers) * math.prod(s for _, s, _ in layers))


RECEPTIVE_FIELD = Declaration(
    name="receptive_field",
    contract=Contract((Param("layers"),), """
The receptive field, in input pixels along one axis, of one output unit of a stack of
convolution / pooling layers. layers is a list of (kernel, stride, dilation) triples of ints,
first layer first; an empty list means no layers. No padding is involved.
""",
                      "a Python int (not a float, a tensor or a numpy integer)",
                      forbidden=("torch.nn.functional.conv1d", "torch.conv1d",
                                 "torch.autograd.grad", "torch.Tensor.backward", *_CONV)),
    reference=receptive_field_of,
    compare=_rf_compare,
    cases=_rf_cases,
    hints={Kind.TYPE: "return a Python int, e.g. int(r)"},
    variants=(
        Variant("every span multiplied by the product of all strides", _rf_all_strides,
                "a layer adds d(k-1) times the product of the EARLIER strides (the jump), not "
                "of all strides"),
        Variant("a start at r = 0", _rf_formula(start=0), "one k-tap layer sees k pixels: "
                "start from r = 1 (with no layers a unit sees one pixel)"),
        Variant("a dilated span of d(k-1)+1 per layer", _rf_formula(span="d(k-1)+1"),
                "each layer adds d(k-1) times the jump: the +1 is the starting pixel, counted "
                "once"),
        Variant("a span that ignores dilation", _rf_formula(span="k-1"),
                "dilation d spreads a k-tap kernel over d(k-1)+1 pixels"),
        Variant("the jump updated with a layer's own stride first", _rf_formula(own_stride=True),
                "a layer adds (k-1) times the product of the EARLIER strides (the jump), not of "
                "its own"),
    ),
)

TASKS: dict[str, KitTask] = {d.name: KitTask(d) for d in (
    CONV2D_OUTPUT_SIZE, POOL2D_OUTPUT_SIZE, CONV_TRANSPOSE2D_OUTPUT_SIZE, RECEPTIVE_FIELD)}
