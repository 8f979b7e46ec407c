"""Reference logic of the batch-norm, conv2d, output-size and receptive-field tasks.

The submissions under tests/submissions/ check verdicts end to end through the sandbox; these
tests pin the references and judges themselves to hand-computed values and to the closed forms
in GRADER-NOTES, in-process and fast.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import torch

from quizzer.grader.child import MARKER
from quizzer.grader.kit.task import KitTask
from quizzer.grader.tasks import load_task
from quizzer.grader.tasks.base import Case, Outcome
from quizzer.grader.tasks.batch_norm_backward import _manual_grad_x, _reference_backward
from quizzer.grader.tasks.output_size import pair_problem

MINE = ("batch_norm", "batch_norm_backward", "conv2d", "conv2d_output_size",
        "pool2d_output_size", "conv_transpose2d_output_size", "receptive_field")
SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"


def case_named(task: KitTask, prefix: str, seed: int = 0) -> Case:
    return next(c for c in task.cases(seed) if c.name.startswith(prefix))


def run_solution(name: str, case: Case) -> Outcome:
    """Call the reference solution in-process on copies of the case's inputs."""
    namespace: dict[str, Any] = {}
    exec(compile((SOLUTIONS / f"{name}.py").read_text(encoding="utf-8"), name, "exec"),
         namespace)
    args = tuple(a.clone() if isinstance(a, torch.Tensor) else a for a in case.args)
    kwargs = {k: v.clone() if isinstance(v, torch.Tensor) else v for k, v in case.kwargs.items()}
    return Outcome(output=namespace[name](*args, **kwargs), args_after=args, kwargs_after=kwargs)


# --- batch norm -------------------------------------------------------------------------------

def two_sample_case() -> Case:
    x = torch.tensor([[1.0], [3.0]], dtype=torch.float64)
    rm, rv = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    return Case("hand", (x, rm, rv), {"training": True, "momentum": 0.1, "eps": 1e-5})


def test_batch_norm_accepts_the_hand_computed_training_step() -> None:
    task, case = load_task("batch_norm"), two_sample_case()
    y = torch.tensor([[-1.0], [1.0]], dtype=torch.float64) / math.sqrt(1 + 1e-5)
    # mean 2, biased var 1 for y; unbiased var 2 for running_var: 0.9 * 1 + 0.1 * 2
    after = (case.args[0].clone(), torch.tensor([0.2], dtype=torch.float64),
             torch.tensor([1.1], dtype=torch.float64))
    assert task.judge(case, Outcome(output=y, args_after=after)).passed


def test_batch_norm_rejects_biased_variance_in_running_update() -> None:
    task, case = load_task("batch_norm"), two_sample_case()
    y = torch.tensor([[-1.0], [1.0]], dtype=torch.float64) / math.sqrt(1 + 1e-5)
    after = (case.args[0].clone(), torch.tensor([0.2], dtype=torch.float64),
             torch.tensor([1.0], dtype=torch.float64))
    check = task.judge(case, Outcome(output=y, args_after=after))
    assert not check.passed and "running_var" in check.message
    assert "unbiased" in check.hint


def test_batch_norm_names_eps_outside_the_root_on_tiny_variance() -> None:
    task = load_task("batch_norm")
    case = case_named(task, "training tiny variance")
    x = case.args[0]
    dims = [0, *range(2, x.dim())]
    mean, var = x.mean(dims), x.var(dims, unbiased=False)
    wrong = (x - mean) / (var.sqrt() + 1e-5) * case.kwargs["weight"] + case.kwargs["bias"]
    check = task.judge(case, Outcome(output=wrong, args_after=case.args))
    assert not check.passed and "inside the square root" in check.hint


def test_batch_norm_says_when_running_stats_were_not_updated_in_place() -> None:
    task = load_task("batch_norm")
    case = case_named(task, "training N=2")
    outcome = run_solution("batch_norm", case)
    untouched = Outcome(output=outcome.output, args_after=case.args)
    check = task.judge(case, untouched)
    assert not check.passed and "not updated in place" in check.message


def test_batch_norm_eval_must_not_change_running_stats() -> None:
    task = load_task("batch_norm")
    case = case_named(task, "eval (")
    outcome = run_solution("batch_norm", case)
    assert task.judge(case, outcome).passed
    bumped = (case.args[0], case.args[1] + 0.5, case.args[2])
    check = task.judge(case, Outcome(output=outcome.output, args_after=bumped))
    assert not check.passed and "unchanged" in check.hint


@pytest.mark.parametrize("seed", [0, 1])
def test_backward_closed_form_equals_autograd_on_every_case(seed: int) -> None:
    task = load_task("batch_norm_backward")
    for case in task.cases(seed):
        grad_out, x, weight = (a.double() for a in case.args)
        want, _, _ = _reference_backward(grad_out, x, weight, case.kwargs.get("eps", 1e-5))
        torch.testing.assert_close(_manual_grad_x(case), want, rtol=1e-9, atol=1e-9)


def test_backward_names_constant_statistics() -> None:
    task = load_task("batch_norm_backward")
    case = case_named(task, "N=3")
    grad_out, x, weight = case.args
    gx, gw, gb = _reference_backward(grad_out, x, weight, case.kwargs["eps"])
    wrong = _manual_grad_x(case, through_stats=False).float()
    check = task.judge(case, Outcome(output=(wrong, gw, gb), args_after=case.args))
    assert not check.passed and "mean and var depend on x" in check.hint
    assert task.judge(case, Outcome(output=(gx, gw, gb), args_after=case.args)).passed


# --- conv2d -----------------------------------------------------------------------------------

def test_conv2d_is_cross_correlation_on_a_hand_computed_example() -> None:
    task = load_task("conv2d")
    x = torch.arange(9.0).view(1, 1, 3, 3)
    k = torch.tensor([[0.0, 1.0], [2.0, 3.0]]).view(1, 1, 2, 2)
    case = Case("hand", (x, k), {})
    right = torch.tensor([[19.0, 25.0], [37.0, 43.0]]).view(1, 1, 2, 2)
    assert task.judge(case, Outcome(output=right, args_after=(x, k))).passed
    flipped = torch.tensor([[5.0, 11.0], [23.0, 29.0]]).view(1, 1, 2, 2)
    check = task.judge(case, Outcome(output=flipped, args_after=(x, k)))
    assert not check.passed and "flipped kernel" in check.message
    assert "does not flip" in check.hint


def test_conv2d_reports_a_mutated_input() -> None:
    task = load_task("conv2d")
    case = case_named(task, "padding 1")
    outcome = run_solution("conv2d", case)
    assert task.judge(case, outcome).passed
    changed = (case.args[0] * 2, case.args[1])
    check = task.judge(case, Outcome(output=outcome.output, args_after=changed))
    assert not check.passed and "was modified" in check.message


# --- output sizes -----------------------------------------------------------------------------

SIZE_EXAMPLES = [
    ("conv2d_output_size", (224, 224, 7), {"stride": 2, "padding": 3}, (112, 112)),
    ("conv2d_output_size", (6, 6, 3), {"stride": 2}, (2, 2)),
    ("conv2d_output_size", (7, 7, 3), {"dilation": 2}, (3, 3)),
    ("pool2d_output_size", (6, 6, 3), {"stride": 2}, (2, 2)),
    ("pool2d_output_size", (6, 6, 3), {"stride": 2, "ceil_mode": True}, (3, 3)),
    ("pool2d_output_size", (5, 5, 2), {"stride": 2, "padding": 1, "ceil_mode": True}, (3, 3)),
    ("pool2d_output_size", (8, 6, (2, 3)), {}, (4, 2)),
    ("conv_transpose2d_output_size", (2, 2, 2), {"padding": 1}, (1, 1)),
    ("conv_transpose2d_output_size", (7, 7, 3),
     {"stride": 2, "padding": 1, "output_padding": 1}, (14, 14)),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "want"), SIZE_EXAMPLES)
def test_size_reference_matches_worked_examples(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any], want: tuple[int, int]
) -> None:
    task = load_task(name)
    assert task.declaration.reference(*args, **kwargs) == want


def closed_form(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int, ...]:
    """The GRADER-NOTES formulas, written independently of the task module."""
    names = {"conv2d_output_size": ("stride", "padding", "dilation"),
             "pool2d_output_size": ("stride", "padding", "dilation", "ceil_mode"),
             "conv_transpose2d_output_size": ("stride", "padding", "output_padding", "dilation")}
    opts = dict(zip(names[name], args[3:], strict=False)) | kwargs

    def at(key: str, axis: int, default: Any) -> Any:
        value = opts.get(key, default)
        value = args[2] if value is None else value  # pool: stride None is the kernel
        return value if isinstance(value, int) else value[axis]

    out = []
    for axis, i in enumerate(args[:2]):
        k, s, p, d = at("k", axis, args[2]), at("stride", axis, 1), at("padding", axis, 0), \
            at("dilation", axis, 1)
        if name == "conv_transpose2d_output_size":
            out.append((i - 1) * s - 2 * p + d * (k - 1) + at("output_padding", axis, 0) + 1)
            continue
        if name == "pool2d_output_size" and "stride" not in opts:
            s = at("k", axis, args[2])
        room = i + 2 * p - d * (k - 1) - 1
        n = (-(-room // s) if opts.get("ceil_mode") else room // s) + 1
        out.append(n - 1 if opts.get("ceil_mode") and (n - 1) * s >= i + p else n)
    return tuple(out)


@pytest.mark.parametrize("name", ["conv2d_output_size", "pool2d_output_size",
                                  "conv_transpose2d_output_size"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_size_reference_agrees_with_the_closed_form_on_every_case(name: str, seed: int) -> None:
    task = load_task(name)
    for case in task.cases(seed):
        if case.raises:  # torch refuses these; see the test below
            continue
        assert task.declaration.reference(*case.args, **case.kwargs) == closed_form(
            name, case.args, case.kwargs), case.name


@pytest.mark.parametrize("name", ["conv2d_output_size", "pool2d_output_size",
                                  "conv_transpose2d_output_size"])
def test_refusal_cases_are_configurations_torch_refuses(name: str) -> None:
    task = load_task(name)
    refused = [case for case in task.cases(0) if case.raises]
    assert refused and all(case.raises == "ValueError" for case in refused)
    for case in refused:
        with pytest.raises(RuntimeError):
            task.declaration.reference(*case.args, **case.kwargs)


@pytest.mark.parametrize(("got", "fragment"), [
    ((torch.tensor(3), 4), "is a Tensor"),
    ((3.0, 4), "got float"),
    ((True, 4), "got bool"),
    (({MARKER: "numpy.int64"}, 4), "numpy.int64"),
    ((3, 4, 5), "expected a pair"),
    (torch.tensor([3, 4]), "got Tensor"),
    ((4, 3), "expected (out_h, out_w) = (3, 4)"),
])
def test_pair_problem_rejects_anything_but_two_python_ints(got: Any, fragment: str) -> None:
    problem = pair_problem(got, (3, 4))
    assert problem is not None and fragment in problem


@pytest.mark.parametrize("got", [(3, 4), [3, 4]])
def test_pair_problem_accepts_a_tuple_or_list_of_ints(got: Any) -> None:
    assert pair_problem(got, (3, 4)) is None


# --- receptive field --------------------------------------------------------------------------

@pytest.mark.parametrize(("layers", "want"), [
    ([], 1),
    ([(3, 1, 1), (3, 1, 1)], 5),
    ([(3, 1, 1)] * 3, 7),
    ([(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1)], 10),
    ([(3, 1, 2)], 5),
])
def test_receptive_field_judge_accepts_worked_examples(layers: list[Any], want: int) -> None:
    task = load_task("receptive_field")
    case = Case("hand", (layers,), {})
    assert task.judge(case, Outcome(output=want)).passed
    assert not task.judge(case, Outcome(output=want + 1)).passed
    assert not task.judge(case, Outcome(output=float(want))).passed


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_measured_receptive_field_equals_the_recurrence(seed: int) -> None:
    task = load_task("receptive_field")
    for case in task.cases(seed):
        r, jump = 1, 1
        for k, s, d in case.args[0]:
            r, jump = r + d * (k - 1) * jump, jump * s
        assert task.judge(case, Outcome(output=r)).passed, case.name


# --- all seven --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", MINE)
def test_cases_are_reproducible_and_random_ones_follow_the_seed(name: str) -> None:
    task = load_task(name)
    first, again, other = task.cases(5), task.cases(5), task.cases(6)
    assert [c.name for c in first] == [c.name for c in again]
    for a, b in zip(first, again, strict=True):
        for x, y in zip(a.args, b.args, strict=True):
            assert torch.equal(x, y) if isinstance(x, torch.Tensor) else x == y
    assert [c.name for c in first] != [c.name for c in other]
    assert all(c.hint for c in first), "every case names the misconception it catches"


@pytest.mark.parametrize("name", MINE)
def test_reference_solution_passes_every_case_in_process(name: str) -> None:
    task = load_task(name)
    for case in task.cases(0):
        if case.raises:
            with pytest.raises(ValueError):
                run_solution(name, case)
            continue
        check = task.judge(case, run_solution(name, case))
        assert check.passed, f"{check.name}: {check.message}"
