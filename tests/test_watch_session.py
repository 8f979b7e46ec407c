"""Watch mode's state and its Textual screen, with a fake grader (no torch, no watcher)."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from test_ui_quiz import sync

from quizzer.bank import load_bank
from quizzer.core.result import Check, GradeResult, Status
from quizzer.ui.watch import WatchApp
from quizzer.watch.plain import PlainView, verdict_line
from quizzer.watch.session import Mark, WatchSession

STUB = "def softmax(x, dim=-1):\n    raise NotImplementedError\n"


class FakeGrader:
    """Passes a file containing `ok`, fails anything else; raises on `crash`."""

    def __init__(self) -> None:
        self.graded: list[str] = []

    def grade_code(self, task: str, source: str, seed: int = 0, timeout: float = 10.0,
                   filename: str = "submission.py") -> GradeResult:
        self.graded.append(source)
        if "crash" in source:
            raise RuntimeError("service died")
        ok = "ok" in source
        check = Check("huge logits", ok, "" if ok else "expected 0.5, got nan", "subtract max")
        return GradeResult(task, Status.PASSED if ok else Status.FAILED, [check], seed=seed,
                           seconds=0.01, message="all passed" if ok else "1 of 1 failed")

    def stub(self, task: str) -> str:
        return STUB


@pytest.fixture
def session(tmp_path: Path) -> WatchSession:
    (tmp_path / "softmax.py").write_text("wrong")
    (tmp_path / "nms.py").write_text("wrong")
    logged: list[tuple[str, str, bool]] = []

    def record(task: str, result: GradeResult, digest: str, hint_used: bool) -> str | None:
        logged.append((task, digest, hint_used))
        return None

    made = WatchSession(tmp_path, FakeGrader(), questions=load_bank().questions, record=record)
    made.logged = logged  # type: ignore[attr-defined]
    return made


def test_marks_hints_logging_once_per_passing_file_and_grader_failures(
        session: WatchSession) -> None:
    assert list(session.tasks) == ["softmax", "nms"]
    result = session.grade("softmax")
    assert result is not None and result.status is Status.FAILED
    assert session.tasks["softmax"].mark is Mark.FAILED
    assert session.hint("softmax").startswith("hint 1/2: softmax(x) equals softmax(x - c)")
    assert session.hint("softmax").startswith("hint 2/2")
    assert session.hint("softmax") == ("no more hints; the last failing check suggests: "
                                       "subtract max")
    assert "shown once your file passes" in session.reference("softmax")
    session.tasks["softmax"].path.write_text("ok")
    assert session.grade("softmax") is not None
    assert session.grade("softmax") is not None  # the same passing file saved again
    logged = session.logged  # type: ignore[attr-defined]
    assert [(t, used) for t, _, used in logged] == [("softmax", True)]
    assert "def softmax" in session.reference("softmax")
    assert session.next_unsolved() == "nms"
    session.tasks["nms"].path.write_text("crash")
    crashed = session.grade("nms")
    assert crashed is not None and crashed.status is Status.ERROR
    assert "grader failed" in crashed.message
    assert session.tasks["nms"].mark is Mark.UNTRIED


def test_reset_writes_the_stub_and_its_own_write_is_not_regraded(session: WatchSession) -> None:
    session.grade("softmax")
    session.reset("softmax")
    assert session.tasks["softmax"].path.read_text() == STUB
    assert session.tasks["softmax"].mark is Mark.UNTRIED
    assert session.grade("softmax") is None
    assert session.grade("softmax") is not None  # a later save of the stub is graded


def test_a_removed_file_is_a_verdict_not_a_crash(session: WatchSession) -> None:
    session.tasks["nms"].path.unlink()
    result = session.grade("nms")
    assert result is not None and "was removed" in result.message


def test_plain_commands_answer_and_reset_only_after_yes(session: WatchSession) -> None:
    out = io.StringIO()
    view = PlainView(session, out, threading.Event())
    assert view.command("h", io.StringIO())
    assert view.command("r", io.StringIO("n\n"))
    assert session.tasks["softmax"].path.read_text() == "wrong"
    assert view.command("r", io.StringIO("y\n"))
    assert session.tasks["softmax"].path.read_text() == STUB
    assert not view.command("q", io.StringIO())
    text = out.getvalue()
    assert "softmax: hint 1/2" in text and "left as it is" in text and "reset to the stub" in text
    failed = GradeResult("softmax", Status.FAILED, [Check("a", True), Check("b", False)],
                         message="1 of 2 failed")
    assert verdict_line(failed, 0.123) == "softmax: FAILED 1 of 2 failed (1/2 checks, 0.12 s)"


@sync
async def test_the_screen_shows_marks_verdicts_hints_and_resets_after_confirming(
        session: WatchSession) -> None:
    app = WatchApp(session, watch_files=False)
    async with app.run_test(size=(110, 30)) as pilot:
        app.regrade_now("softmax")
        await pilot.pause()
        verdict = str(app.query_one("#watch-verdict").render())
        assert "softmax: FAILED" in verdict and "hint: subtract max" in verdict
        await pilot.press("h")
        assert "hint 1/2" in str(app.query_one("#watch-notes").render())
        await pilot.press("n")
        assert session.current == "nms"
        await pilot.press("r", "n")
        assert session.tasks["nms"].path.read_text() == "wrong"
        await pilot.press("r", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.tasks["nms"].path.read_text() == STUB
        await pilot.press("q")
