"""Every submission under tests/submissions/<task>/ gets the verdict its first line announces.

`ok_*.py` files must pass; `bad_*.py` files must be rejected with the announced status and a
message or hint containing the announced text. All are graded through one warm grader service.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizzer.core.catalog import TASK_NAMES
from quizzer.core.result import GradeResult, Status
from quizzer.grader.client import GraderClient

SUBMISSIONS = Path(__file__).parent / "submissions"
FILES = sorted(SUBMISSIONS.glob("*/*.py"))


def expectation(path: Path) -> tuple[Status, str]:
    """The status and text from `# expect: passed` or `# expect: <status>: <text>`."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path} must start with '# expect: ...'"
    status, _, text = first.removeprefix("# expect: ").partition(":")
    return Status(status.strip()), text.strip()


def explained(result: GradeResult, text: str) -> bool:
    """True when `text` appears in the message or in the first failing check's message or hint."""
    first = result.first_failure
    places = [result.message] + ([first.message, first.hint] if first else [])
    return any(text.lower() in place.lower() for place in places)


@pytest.fixture(scope="module")
def grader() -> Iterator[GraderClient]:
    client = GraderClient()
    yield client
    client.close()


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_submission_gets_its_announced_verdict(grader: GraderClient, path: Path) -> None:
    status, text = expectation(path)
    task = path.parent.name
    result = grader.grade_code(task, path.read_text(encoding="utf-8"), seed=0,
                               filename=path.name)
    assert result.status is status, f"{result.message}\n{result.first_failure}"
    if path.name.startswith("ok_"):
        assert status is Status.PASSED
    else:
        assert status is not Status.PASSED, "a bad_ submission must expect a rejection"
        assert explained(result, text), f"{text!r} not in {result.message!r}, {result.checks}"


@pytest.mark.parametrize("folder", sorted(p for p in SUBMISSIONS.iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_task_folder_holds_enough_right_and_wrong_submissions(folder: Path) -> None:
    assert folder.name in TASK_NAMES
    ok = list(folder.glob("ok_*.py"))
    bad = list(folder.glob("bad_*.py"))
    assert len(ok) >= 3 and len(bad) >= 8, f"{folder.name}: {len(ok)} ok, {len(bad)} bad"
    assert len(ok) + len(bad) == len(list(folder.glob("*.py"))), "only ok_ and bad_ files"
