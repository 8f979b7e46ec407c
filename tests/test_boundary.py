"""The one process boundary: session, death with the parent, group kill, caps, framing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from quizzer.grader import boundary


def test_a_limited_call_runs_in_its_own_session() -> None:
    outcome = boundary.run_limited(lambda: (os.getsid(0), os.getpid()), 5)
    assert outcome.status == "ok"
    session, pid = outcome.value
    assert session == pid != os.getsid(0)


def test_a_timeout_kills_what_the_child_started_too(tmp_path: Path) -> None:
    pidfile = tmp_path / "grandchild"

    def start_grandchild_and_stall() -> None:
        pid = os.fork()
        if pid == 0:  # the grandchild would outlive a kill of the child alone
            time.sleep(60)
            os._exit(0)
        pidfile.write_text(str(pid))
        time.sleep(60)

    outcome = boundary.run_limited(start_grandchild_and_stall, 1.0)
    assert outcome.status == "timeout"
    grandchild = int(pidfile.read_text())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    """Running or sleeping (a killed orphan may linger as a zombie until init reaps it)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in (b"Z", b"X")


def test_a_reply_over_the_cap_is_refused_and_the_child_killed() -> None:
    outcome = boundary.run_limited(lambda: b"x" * (2 << 20), 10, cap=1 << 20)
    assert outcome.status == "crashed"


def test_frames_must_be_exact() -> None:
    r, w = os.pipe()
    boundary.send(w, b"hello")
    os.close(w)
    data = os.read(r, 100)
    os.close(r)
    assert boundary.unframe(data) == b"hello"
    assert boundary.unframe(data[:-1]) is None
    assert boundary.unframe(data + b"!") is None
    assert boundary.unframe(None) is None


def test_a_child_that_raises_ends_with_code_70() -> None:
    def body(_fd: int) -> None:
        raise RuntimeError("boom")

    ended = boundary.wait_for(*boundary.fork_child(body), 5, 1 << 10)
    assert (ended.exit_code, ended.signal, ended.timed_out) == (70, None, False)
