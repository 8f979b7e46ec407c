"""The warm grader service and its client: same verdicts as the cold path, restarts, threads."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizzer.core.result import GradeResult, Status
from quizzer.grader.client import GraderClient, GraderUnavailable
from quizzer.grader.runner import grade_file
from quizzer.grader.service import Service

REPO = Path(__file__).resolve().parents[1]


def sample_submissions() -> list[Path]:
    """Every softmax-family file, and for each other task one right and three wrong ones."""
    chosen: list[Path] = []
    for folder in sorted((REPO / "tests" / "submissions").iterdir()):
        files = sorted(folder.glob("*.py"))
        if folder.name.endswith("softmax"):
            chosen += files
        else:
            chosen += [f for f in files if f.name.startswith("ok_")][:1]
            chosen += [f for f in files if f.name.startswith("bad_")][:3]
    return chosen


SUBMISSIONS = sample_submissions()
GOOD = (REPO / "solutions" / "softmax.py").read_text()


@pytest.fixture(scope="module")
def client() -> Iterator[GraderClient]:
    grader = GraderClient()
    yield grader
    grader.close()


def verdict(result: GradeResult) -> tuple[Status, list[tuple[str, bool]]]:
    return result.status, [(c.name, c.passed) for c in result.checks]


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_warm_service_gives_the_cold_paths_verdict(client: GraderClient, path: Path) -> None:
    task = path.parent.name
    warm = client.grade_code(task, path.read_text(), filename=str(path))
    cold = grade_file(task, path)
    assert verdict(warm) == verdict(cold)
    assert warm.message == cold.message


def test_client_starts_lazily_restarts_a_dead_service_and_closes() -> None:
    grader = GraderClient()
    assert grader.service_pid is None
    assert grader.ping()
    pid = grader.service_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert grader.grade_code("softmax", GOOD).passed
    assert grader.service_pid not in (None, pid)
    grader.close()
    assert grader.service_pid is None


def test_unknown_task_raises_key_error(client: GraderClient) -> None:
    with pytest.raises(KeyError):
        client.grade_code("no_such_task", GOOD)


def test_concurrent_requests_from_threads_each_get_their_own_verdict(
        client: GraderClient) -> None:
    wrong = GOOD.replace("exps / exps.sum", "exps / 2 / exps.sum")
    results: dict[int, GradeResult] = {}

    def grade(i: int) -> None:
        results[i] = client.grade_code("softmax", GOOD if i % 2 else wrong)

    threads = [threading.Thread(target=grade, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i].passed for i in range(6)] == [i % 2 == 1 for i in range(6)]


def test_learner_output_does_not_disturb_the_protocol(client: GraderClient) -> None:
    noisy = "import os, sys\nprint('noise')\nos.write(1, b'{not json}\\n')\n" + GOOD
    assert client.grade_code("softmax", noisy).passed
    assert client.ping()


def test_draw_returns_a_concrete_instance(client: GraderClient) -> None:
    first = client.draw("conv-output-size-param", 3)
    assert first == client.draw("conv-output-size-param", 3)
    assert set(first) == {"prompt", "prompt_zh", "answer", "values", "explanation",
                          "explanation_zh", "mistakes"}
    assert "{" not in first["prompt"]


def test_symbolic_requests_are_delegated(client: GraderClient) -> None:
    assert client.grade_expression("deriv-mse-prediction", "2*(yhat - y)").passed
    assert not client.grade_expression("deriv-mse-prediction", "yhat").passed
    assert client.preview_expression("deriv-mse-prediction", "2*(yhat - y)")["ok"] is True


def test_service_answers_a_malformed_line_with_an_error_response() -> None:
    response = Service().respond("this is not json")
    assert response["ok"] is False
    assert response["error_type"] == "JSONDecodeError"
    json.dumps(response)


def test_client_and_cli_commands_import_neither_torch_nor_sympy() -> None:
    code = ("import sys, quizzer.grader.client, quizzer.cli.grade, quizzer.cli.workspace, "
            "quizzer.grader.report; print(sorted({'torch', 'sympy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_forked_grandchild_that_leaves_the_session_is_found_and_killed(
        client: GraderClient, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    escape = GOOD + (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "        time.sleep(60)\n"
        "    os._exit(0)\n"
        "time.sleep(0.5)\n"
    )
    result = client.grade_code("softmax", escape)
    assert result.status is Status.ERROR
    assert "process(es) running" in result.message
    pid = int(pid_file.read_text())
    assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(
        ") ")[1][0] in "ZX"


def test_close_interrupts_a_request_in_flight_instead_of_waiting_for_it() -> None:
    grader = GraderClient()
    grader.ping()
    outcome: list[object] = []
    loop = "def softmax(x, dim=-1):\n    while True:\n        pass\n"

    def slow_grade() -> None:
        try:
            outcome.append(grader.grade_code("softmax", loop, timeout=60.0))
        except GraderUnavailable as exc:
            outcome.append(exc)

    worker = threading.Thread(target=slow_grade)
    worker.start()
    deadline = time.monotonic() + 30
    while grader.service_pid is None or not grader._lock.locked():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)  # the request is now being graded
    grader.close()
    worker.join()
    assert len(outcome) == 1 and isinstance(outcome[0], GraderUnavailable)
    assert grader.ping(), "a closed client starts a fresh service when used again"
    grader.close()


def children_of(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def test_learner_child_dies_with_a_killed_service() -> None:
    grader = GraderClient()
    grader.ping()
    service = grader.service_pid
    assert service is not None
    loop = "def softmax(x, dim=-1):\n    while True:\n        pass\n"
    raised: list[BaseException] = []

    def grade() -> None:
        try:
            grader.grade_code("softmax", loop, timeout=60.0)
        except BaseException as exc:  # noqa: BLE001 - checked below, in the test's thread
            raised.append(exc)

    worker = threading.Thread(target=grade)
    worker.start()
    deadline = time.monotonic() + 30
    while not (learners := children_of(service)):
        assert time.monotonic() < deadline, "the learner's child never started"
        time.sleep(0.05)
    os.kill(service, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in learners):
        assert time.monotonic() < deadline, "the learner's endless loop outlived the grader"
        time.sleep(0.1)
    grader.close()
    worker.join(30)
    assert not worker.is_alive()
    assert [type(e) for e in raised] == [GraderUnavailable]


def _state(pid: int) -> str:
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                    if line.startswith("State:"))
    except (OSError, StopIteration):
        return "Z"
