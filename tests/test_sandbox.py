"""The sandbox turns every hazard of learner code into a rejected verdict and leaves no process.

These tests grade in-process (this test process imports torch and forks the learner's child),
which is also the path `quizzer grade` takes.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from quizzer.core.result import GradeResult, Status
from quizzer.grader.runner import grade_source

GOOD = """
import torch

def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
"""
WRONG = """
import torch

def softmax(x, dim=-1):
    return torch.exp(x)
"""


def live_children() -> set[int]:
    """Pids of this process's children that are not zombies."""
    found = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == os.getpid() and fields[0] not in ("Z", "X"):
            found.add(int(name))
    return found


def is_running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in ("Z", "X")


def grade(source: str, timeout: float = 5.0, task: str = "softmax") -> GradeResult:
    """Grade and check that no child of this process survived the grade."""
    before = live_children()
    result = grade_source(task, source, timeout=timeout)
    assert live_children() <= before
    return result


def test_correct_softmax_passes() -> None:
    assert grade(GOOD).status is Status.PASSED


def test_infinite_loop_times_out() -> None:
    result = grade("def softmax(x, dim=-1):\n    while True:\n        pass\n", timeout=1.0)
    assert result.status is Status.TIMEOUT
    assert "timeout" in result.message


def test_huge_tensor_allocation_is_a_memory_verdict() -> None:
    source = "import torch\n\ndef softmax(x, dim=-1):\n    return torch.empty(10**11) + 1\n"
    result = grade(source)
    assert result.status is Status.MEMORY
    assert "memory" in result.message


def test_growing_python_list_is_a_memory_verdict() -> None:
    source = "def softmax(x, dim=-1):\n    return bytearray(8 * 2**30)\n"
    assert grade(source).status is Status.MEMORY


def test_segfault_is_a_crash_naming_the_signal() -> None:
    source = "import ctypes\n\ndef softmax(x, dim=-1):\n    return ctypes.string_at(0)\n"
    result = grade(source)
    assert result.status is Status.CRASHED
    assert "SIGSEGV" in result.message


def test_sys_exit_is_a_crash_naming_the_code() -> None:
    result = grade("import sys\n\ndef softmax(x, dim=-1):\n    sys.exit(3)\n")
    assert result.status is Status.CRASHED
    assert "sys.exit(3)" in result.message


def test_sys_exit_at_import_is_a_crash() -> None:
    result = grade("import sys\nsys.exit(0)\n")
    assert result.status is Status.CRASHED
    assert "sys.exit" in result.message


def test_os_exit_is_a_crash_naming_the_exit_code() -> None:
    result = grade("import os\n\ndef softmax(x, dim=-1):\n    os._exit(0)\n")
    assert result.status is Status.CRASHED
    assert "code 0" in result.message


def test_recursion_bomb_is_an_error_with_a_trimmed_traceback() -> None:
    result = grade("def softmax(x, dim=-1):\n    return softmax(x, dim)\n")
    assert result.status is Status.ERROR
    assert "recursion" in result.message
    assert result.detail.count("\n") < 40


def test_two_hundred_megabytes_of_output_hit_the_output_limit() -> None:
    source = (
        "import torch\n\ndef softmax(x, dim=-1):\n"
        "    for _ in range(200_000):\n        print('x' * 1000)\n    return torch.exp(x)\n"
    )
    result = grade(source)
    assert result.status is Status.ERROR
    assert "output limit" in result.message
    assert len(result.detail) < 5000


def test_process_left_running_is_rejected_and_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    source = GOOD + (
        "import os, subprocess\n"
        "def _leave():\n"
        "    a = subprocess.Popen(['sleep', '60'])\n"
        "    b = subprocess.Popen(['sleep', '60'], start_new_session=True)\n"
        f"    open({str(pids)!r}, 'w').write(f'{{a.pid}} {{b.pid}}')\n"
        "_leave()\n"
    )
    result = grade(source)
    assert result.status is Status.ERROR
    assert "left 2 process(es) running" in result.message
    for pid in map(int, pids.read_text().split()):
        assert not is_running(pid)


def test_patching_comparisons_and_the_task_cannot_make_a_wrong_answer_pass() -> None:
    # The task module is reached through sys.modules, which the static scan does not see: the
    # patch does happen in the child, and still cannot change the verdict made in the parent.
    source = WRONG + (
        "import sys\n"
        "task_module = sys.modules['quizzer.grader.kit.task']\n"
        "check_type = sys.modules['quizzer.core.result'].Check\n"
        "torch.allclose = lambda *a, **k: True\n"
        "torch.equal = lambda *a, **k: True\n"
        "torch.testing.assert_close = lambda *a, **k: None\n"
        "task_module.KitTask.judge = lambda self, case, outcome: check_type(case.name, True)\n"
    )
    result = grade(source)
    assert result.status is Status.FAILED


def test_importing_the_graders_own_code_is_refused() -> None:
    result = grade(WRONG + "from quizzer.grader.tasks.softmax import SoftmaxTask\n")
    assert result.status is Status.ERROR
    assert "the grader's own code" in result.message


def test_forbidden_call_is_reported_even_when_the_learner_catches_it() -> None:
    source = GOOD.replace(
        "    e = torch", "    try:\n        return torch.softmax(x, dim)\n    except Exception:\n"
        "        pass\n    e = torch")
    result = grade(source)
    assert result.status is Status.ERROR
    assert "torch.softmax is not allowed" in result.message


@pytest.mark.parametrize(("source", "text"), [
    ("def softmax(x, dim=-1)\n    return x\n", "syntax error in submission.py line 1"),
    ("def soft_max(x, dim=-1):\n    return x\n", "defines no function named `softmax`"),
    ("def softmax(x):\n    return x\n", "cannot be called as"),
    ("softmax = 3\n", "defines no function named `softmax`"),
])
def test_setup_problems_get_one_line_without_a_traceback(source: str, text: str) -> None:
    result = grade(source)
    assert result.status is Status.ERROR
    assert text in result.message
    assert "\n" not in result.message
    assert "Traceback" not in result.detail


def test_learner_exception_shows_only_the_learners_frames() -> None:
    source = "def helper(x):\n    return x / undefined_name\n\ndef softmax(x, dim=-1):\n" \
             "    return helper(x)\n"
    result = grade(source)
    assert result.status is Status.ERROR
    assert "NameError" in result.message
    assert 'File "submission.py", line 2, in helper' in result.detail
    assert "quizzer" not in result.detail


def test_unsupported_return_type_is_named_in_the_failure() -> None:
    result = grade("import collections\n\ndef softmax(x, dim=-1):\n"
                   "    return collections.OrderedDict(a=1)\n")
    assert result.status is Status.FAILED
    assert result.first_failure is not None
    assert "collections.OrderedDict" in result.first_failure.message


def test_printed_output_is_shown_after_the_verdict() -> None:
    result = grade(WRONG + "print('hello from the learner')\n")
    assert result.status is Status.FAILED
    assert "hello from the learner" in result.detail


def test_unknown_task_raises_key_error() -> None:
    with pytest.raises(KeyError):
        grade_source("no_such_task", GOOD)


def test_same_seed_gives_the_same_cases_and_another_seed_other_ones() -> None:
    first = grade_source("softmax", GOOD, seed=5)
    again = grade_source("softmax", GOOD, seed=5)
    other = grade_source("softmax", GOOD, seed=6)
    assert [c.name for c in first.checks] == [c.name for c in again.checks]
    assert [c.name for c in first.checks] != [c.name for c in other.checks]


def test_subreaper_cleanup_spares_the_graders_own_children() -> None:
    from quizzer.grader.sandbox import become_subreaper

    assert become_subreaper()
    own = subprocess.Popen(["sleep", "30"])
    try:
        assert grade(GOOD).status is Status.PASSED
        assert own.poll() is None
    finally:
        own.kill()
        own.wait()


def test_output_flood_at_import_time_hits_the_output_limit() -> None:
    result = grade("for _ in range(100_000):\n    print('y' * 100)\n")
    assert result.status is Status.ERROR
    assert "output limit" in result.message


@pytest.mark.parametrize(("source", "check"), [
    ("def softmax(x, dim=-1)\n    return x\n", "loads and can be called as the task says"),
    ("import os\n\ndef softmax(x, dim=-1):\n    os._exit(3)\n",
     "runs to the end without the process dying"),
    ("import torch\n\ndef softmax(x, dim=-1):\n    return torch.softmax(x, dim)\n",
     "uses only allowed functions"),
])
def test_a_run_that_never_reaches_comparison_still_names_the_check_it_failed(
    source: str, check: str
) -> None:
    result = grade(source)
    assert not result.passed
    assert [(c.name, c.passed) for c in result.checks] == [(check, False)]
    assert result.checks[0].message == result.message
