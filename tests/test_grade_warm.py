"""`quizzer grade` through a running warm service: the same verdicts as cold, found safely."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quizzer.grader.rendezvous import listen, unsafe_reason
from quizzer.progress import Store, submission_hash

REPO = Path(__file__).resolve().parents[1]
QUIZZER = Path(sys.executable).with_name("quizzer")
SUBMISSIONS = REPO / "tests" / "submissions" / "softmax"


@dataclass
class Service:
    proc: subprocess.Popen[bytes]
    home: Path
    log: Path

    def answered(self) -> list[str]:
        return [line for line in self.log.read_text().splitlines() if "socket request" in line]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    home = tmp_path / "h"
    log = tmp_path / "service.log"
    env = {**os.environ, "QUIZZER_HOME": str(home)}
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "quizzer.grader.service", "--listen",
                                 str(home / "grader.sock")], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=err, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (home / "grader.sock").exists():
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield Service(proc, home, log)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()  # end of input ends the service
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def grade(home: Path, *args: str, **env: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([str(QUIZZER), "grade", *args, "--json"], capture_output=True,
                          text=True, timeout=180,
                          env={**os.environ, "QUIZZER_HOME": str(home), **env})
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def verdict(data: dict[str, Any]) -> tuple[Any, ...]:
    return (data["status"], data["message"], data["detail"],
            [(c["name"], c["passed"], c["message"], c["hint"]) for c in data["checks"]])


CASES = [
    ("softmax", str(REPO / "solutions" / "softmax.py")),
    ("softmax", str(SUBMISSIONS / "bad_no_max_shift.py")),
    ("softmax", str(SUBMISSIONS / "bad_global_max.py")),
]


def test_warm_grade_gives_the_cold_verdict_and_records_the_attempt(
        service: Service, tmp_path: Path) -> None:
    syntax = tmp_path / "broken.py"
    syntax.write_text("def softmax(x, dim=-1):\n    return (x\n")
    loop = tmp_path / "loop.py"
    loop.write_text("def softmax(x, dim=-1):\n    while True:\n        pass\n")
    cases = [*CASES, ("softmax", str(syntax)), ("softmax", str(loop), "--timeout", "0.5")]
    for number, (task, *args) in enumerate(cases, start=1):
        warm_code, warm = grade(service.home, task, *args)
        assert len(service.answered()) == number, "the warm service did not grade it"
        cold_code, cold = grade(tmp_path / "cold-home", task, *args)
        assert (warm_code, verdict(warm)) == (cold_code, verdict(cold)), args
    assert [a["status"] for a in (grade(service.home, *c)[1] for c in CASES[:2])] == [
        "passed", "failed"]
    with Store.open(service.home / "progress.sqlite3") as store:
        attempts = store.attempts("code-softmax")
    assert len(attempts) == len(cases) + 2
    good = (REPO / "solutions" / "softmax.py").read_text()
    assert attempts[0].answer == submission_hash(good)
    assert [a.verdict.value for a in attempts[:2]] == ["correct", "wrong"]


def test_a_service_for_another_bank_is_not_used(service: Service, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    code, result = grade(service.home, *CASES[1], QUIZZER_BANK=str(bank))
    assert (code, result["status"]) == (1, "failed")
    assert service.answered() == ["quizzer grader: answered a socket request (refused)"]


def test_a_socket_with_a_wider_mode_is_not_used(service: Service) -> None:
    path = service.home / "grader.sock"
    os.chmod(path, 0o666)
    code, result = grade(service.home, *CASES[0])
    assert (code, result["status"]) == (0, "passed")
    assert service.answered() == []


def test_listen_makes_a_0600_socket_and_only_such_a_socket_is_trusted(tmp_path: Path) -> None:
    path = tmp_path / "home" / "grader.sock"
    assert unsafe_reason(path) == "no warm grader is running"
    listener = listen(path)
    assert listener is not None
    try:
        info = os.lstat(path)
        assert stat.S_ISSOCK(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600
        assert info.st_uid == os.geteuid()
        assert unsafe_reason(path) is None
        assert listen(path) is None, "a live socket must not be taken over"
        os.chmod(path, 0o660)
        assert unsafe_reason(path) == f"{path} has mode 660, not 600"
    finally:
        listener.close()
    assert not path.exists()
    path.write_text("not a socket")
    assert unsafe_reason(path) == f"{path} is not a socket"


def test_a_stale_socket_left_by_a_killed_service_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "grader.sock"
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))
    stale.close()  # the file stays, nobody listens
    listener = listen(path)
    assert listener is not None
    listener.close()
