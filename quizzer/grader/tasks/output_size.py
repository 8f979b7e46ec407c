"""Layer geometry tasks: conv, pool and transposed-conv output sizes, and the receptive field.

The reference is always torch itself: the shape it produces on a zeros tensor, and for the
receptive field the gradient footprint of one output pixel. Random cases are configurations
torch accepts; a few it refuses come last, and the learner must raise ValueError for them.
"""

from __future__ import annotations

import random
from abc import abstractmethod
from typing import Any

import torch
import torch.nn.functional as F

from quizzer.core.result import Check
from quizzer.grader.child import MARKER
from quizzer.grader.ops.core import receptive_field as measured_receptive_field
from quizzer.grader.tasks.base import Case, Outcome, Task

Pair = int | tuple[int, int]
Spec = tuple[str, tuple[Any, ...], dict[str, Any]]
"""A fixed case: hint, positional args (h, w, kernel_size), keyword args."""

_PAIR_NOTE = """
Each of kernel_size, stride, padding{extra} is an int or a (height, width) pair.
Return (out_h, out_w) as a tuple of two Python ints (not tensors, not floats).
{refuse}"""


def _int_problem(value: Any, label: str) -> str | None:
    """Why `value` is not a plain Python int."""
    if isinstance(value, torch.Tensor):
        return f"{label} is a Tensor; return Python ints (use int(...))"
    if isinstance(value, dict) and MARKER in value:
        return f"{label} is a {value[MARKER]}; return Python ints (use int(...))"
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label} should be a Python int, got {type(value).__name__} {value!r}"
    return None


def pair_problem(got: Any, want: tuple[int, int]) -> str | None:
    """Why `got` is not exactly the pair `want` of Python ints."""
    if not isinstance(got, tuple | list) or len(got) != 2:
        shown = got.get(MARKER, "dict") if isinstance(got, dict) else type(got).__name__
        return f"expected a pair (out_h, out_w) of Python ints, got {shown}"
    for label, value in zip(("out_h", "out_w"), got, strict=True):
        problem = _int_problem(value, label)
        if problem is not None:
            return problem
    if tuple(got) != want:
        return f"expected (out_h, out_w) = {want}, got {tuple(got)}"
    return None


def _pair(value: Pair) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def _draw(rng: random.Random, low: int, high: int) -> Pair:
    """An int, or now and then a (height, width) pair."""
    if rng.random() < 0.6:
        return rng.randint(low, high)
    return (rng.randint(low, high), rng.randint(low, high))


def _describe(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    shown = [f"h={args[0]}", f"w={args[1]}", f"kernel_size={args[2]!r}"]
    shown += [repr(a) for a in args[3:]]
    return ", ".join(shown + [f"{k}={v!r}" for k, v in kwargs.items()])


class _SizeTask(Task):
    """An output-size task: fixed configurations, then random ones torch accepts."""

    fixed: tuple[Spec, ...] = ()

    @abstractmethod
    def reference(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
        """The (out_h, out_w) torch produces; raises for configurations torch rejects."""

    @abstractmethod
    def draw(self, rng: random.Random) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """Random arguments (possibly rejected by torch; the caller retries)."""

    def cases(self, seed: int) -> list[Case]:
        cases = [Case(_describe(args, kwargs), args, kwargs, hint)
                 for hint, args, kwargs in self.fixed]
        rng = self.rng(seed)
        while len(cases) < len(self.fixed) + 6:
            args, kwargs = self.draw(rng)
            try:
                size = self.reference(args, kwargs)
            except (RuntimeError, ValueError):
                continue
            if min(size) > 0:
                cases.append(Case(f"random seed {seed}: {_describe(args, kwargs)}", args, kwargs,
                                  f"compare with the shape torch gives ({self.formula})"))
        return cases + [Case(f"torch refuses: {_describe(args, kwargs)}", args, kwargs, hint,
                             raises="ValueError") for hint, args, kwargs in self.refused]

    refused: tuple[Spec, ...] = ()
    """Configurations torch rejects: the learner must raise ValueError (checked last)."""

    formula: str = ""
    """The rule, quoted in the hints of random cases."""

    def judge(self, case: Case, outcome: Outcome) -> Check:
        want = self.reference(case.args, case.kwargs)
        problem = pair_problem(outcome.output, want)
        if problem is None:
            return Check(case.name, True)
        hint = case.hint if problem.startswith("expected (out_h") else (
            "return a tuple of two Python ints, e.g. (int(out_h), int(out_w))")
        return Check(case.name, False, problem, hint)


_CONV = ("torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d.forward",
         "torch.convolution", "torch._convolution")


class ConvOutputSize(_SizeTask):
    name = "conv2d_output_size"
    forbidden = _CONV
    signature = "def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):"
    contract = """
The spatial size (out_h, out_w) of torch.nn.functional.conv2d's output for an h x w input.
Per axis: floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1.
""" + _PAIR_NOTE.format(extra=" and dilation", refuse=(
        "Raise ValueError where torch refuses: the dilated kernel, d(k-1)+1, is larger than\n"
        "the padded input on some axis (the output would be empty)."))
    formula = "floor((i + 2p - d(k-1) - 1)/s) + 1 per axis"
    refused = (
        ("a 5x5 kernel does not fit a 3x3 input: there is no output to size, so raise "
         "ValueError", (3, 3, 5), {}),
        ("check each axis: a 3-wide kernel does not fit a width of 2", (10, 2, 3), {}),
        ("the dilated kernel spans d(k-1)+1 = 7 pixels, more than 2 + 2*1", (2, 2, 3),
         {"padding": 1, "dilation": 3}),
    )
    fixed = (
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
    )

    def reference(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
        h, w, kernel, *rest = args
        opts = dict(zip(("stride", "padding", "dilation"), rest, strict=False)) | kwargs
        kh, kw = _pair(kernel)
        out = F.conv2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, kh, kw), None,
                       opts.get("stride", 1), opts.get("padding", 0), opts.get("dilation", 1))
        return int(out.shape[-2]), int(out.shape[-1])

    def draw(self, rng: random.Random) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args = (rng.randint(1, 64), rng.randint(1, 64), _draw(rng, 1, 7))
        kwargs = {"stride": _draw(rng, 1, 4), "padding": _draw(rng, 0, 3),
                  "dilation": _draw(rng, 1, 3)}
        return args, kwargs


class PoolOutputSize(_SizeTask):
    name = "pool2d_output_size"
    forbidden = ("torch.nn.functional.max_pool2d", "torch.max_pool2d",
                 "torch.nn.functional.max_pool2d_with_indices", "torch.nn.MaxPool2d.forward",
                 "torch.nn.functional.avg_pool2d", "torch.nn.AvgPool2d.forward", *_CONV)
    signature = ("def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1,\n"
                 "                       ceil_mode=False):")
    contract = """
The spatial size (out_h, out_w) of torch.nn.functional.max_pool2d's output for an h x w
input. stride=None means stride = kernel_size. Per axis:
    floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1
With ceil_mode=True use ceil instead of floor, then drop the last window if it would
start at or beyond size + padding (entirely inside the right padding).
""" + _PAIR_NOTE.format(extra=", dilation", refuse=(
        "Raise ValueError where torch refuses: padding larger than half the kernel size\n"
        "(2 * padding > kernel_size) on some axis, or an empty output."))
    formula = "floor or ceil of (i + 2p - d(k-1) - 1)/s, plus 1, per axis"
    refused = (
        ("torch refuses padding above half the kernel (2p > k): raise ValueError", (8, 8, 2),
         {"padding": 2}),
        ("2p > k on the width axis only", (8, 8, (4, 3)), {"padding": (1, 2)}),
    )
    fixed = (
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
    )

    def reference(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
        h, w, kernel, *rest = args
        names = ("stride", "padding", "dilation", "ceil_mode")
        opts = dict(zip(names, rest, strict=False)) | kwargs
        out = F.max_pool2d(torch.zeros(1, 1, h, w), kernel, opts.get("stride"),
                           opts.get("padding", 0), opts.get("dilation", 1),
                           bool(opts.get("ceil_mode", False)))
        return int(out.shape[-2]), int(out.shape[-1])

    def draw(self, rng: random.Random) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args = (rng.randint(1, 40), rng.randint(1, 40), _draw(rng, 1, 5))
        kwargs: dict[str, Any] = {"padding": _draw(rng, 0, 2), "ceil_mode": rng.random() < 0.5}
        if rng.random() < 0.6:
            kwargs["stride"] = _draw(rng, 1, 4)
        if rng.random() < 0.3:
            kwargs["dilation"] = _draw(rng, 1, 2)
        return args, kwargs


class ConvTransposeOutputSize(_SizeTask):
    name = "conv_transpose2d_output_size"
    forbidden = ("torch.nn.functional.conv_transpose2d", "torch.conv_transpose2d",
                 "torch.nn.ConvTranspose2d.forward", *_CONV)
    signature = ("def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0,\n"
                 "                                 output_padding=0, dilation=1):")
    contract = """
The spatial size (out_h, out_w) of torch.nn.functional.conv_transpose2d's output for an
h x w input. Per axis:
    (size - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1
""" + _PAIR_NOTE.format(extra=", output_padding, dilation", refuse=(
        "Raise ValueError where torch refuses: output_padding not smaller than\n"
        "max(stride, dilation) on some axis, or an empty output."))
    formula = "(i-1)s - 2p + d(k-1) + output_padding + 1 per axis"
    refused = (
        ("output_padding must be smaller than max(stride, dilation): raise ValueError",
         (4, 4, 3), {"stride": 2, "output_padding": 2}),
        ("with stride 1 and dilation 1, any output_padding is refused", (5, 5, 3),
         {"output_padding": 1}),
    )
    fixed = (
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
    )

    def reference(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, int]:
        h, w, kernel, *rest = args
        names = ("stride", "padding", "output_padding", "dilation")
        opts = dict(zip(names, rest, strict=False)) | kwargs
        kh, kw = _pair(kernel)
        out = F.conv_transpose2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, kh, kw), None,
                                 opts.get("stride", 1), opts.get("padding", 0),
                                 opts.get("output_padding", 0), 1, opts.get("dilation", 1))
        return int(out.shape[-2]), int(out.shape[-1])

    def draw(self, rng: random.Random) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args = (rng.randint(1, 32), rng.randint(1, 32), _draw(rng, 1, 6))
        kwargs = {"stride": _draw(rng, 1, 4), "padding": _draw(rng, 0, 3),
                  "output_padding": _draw(rng, 0, 2), "dilation": _draw(rng, 1, 3)}
        return args, kwargs


class ReceptiveField(Task):
    name = "receptive_field"
    forbidden = ("torch.nn.functional.conv1d", "torch.conv1d", "torch.autograd.grad",
                 "torch.Tensor.backward", *_CONV)
    signature = "def receptive_field(layers):"
    contract = """
The receptive field, in input pixels along one axis, of one output unit of a stack of
convolution / pooling layers. layers is a list of (kernel, stride, dilation) triples of ints,
first layer first; an empty list means no layers. No padding is involved. Return a Python
int (not a float, not a tensor).
"""
    fixed: tuple[tuple[str, list[Any]], ...] = (
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
    )

    def cases(self, seed: int) -> list[Case]:
        cases = [Case(f"layers={layers}", (list(layers),), {}, hint)
                 for hint, layers in self.fixed]
        rng = self.rng(seed)
        for _ in range(6):
            layers = [(rng.choice([1, 2, 3, 3, 5]), rng.randint(1, 3), rng.randint(1, 3))
                      for _ in range(rng.randint(1, 5))]
            cases.append(Case(f"random seed {seed}: layers={layers}", (layers,), {},
                              "r starts at 1 and jump at 1; per layer r += d(k-1) * jump, "
                              "then jump *= s"))
        return cases

    def judge(self, case: Case, outcome: Outcome) -> Check:
        layers = case.args[0]
        want = int(measured_receptive_field([k for k, _, _ in layers], [s for _, s, _ in layers],
                                            [d for _, _, d in layers]))
        got = outcome.output
        problem = _int_problem(got, "the result")
        if problem is not None:
            return Check(case.name, False, problem, "return a Python int, e.g. int(r)")
        if got != want:
            return Check(case.name, False, f"expected a receptive field of {want}, got {got}",
                         case.hint)
        return Check(case.name, True)


TASKS: dict[str, Task] = {task.name: task for task in (
    ConvOutputSize(), PoolOutputSize(), ConvTransposeOutputSize(), ReceptiveField())}
