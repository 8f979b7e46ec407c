"""What every screen needs, handed down: the bank, the language, the progress store, the grader.

The grader client is created on first use (it starts a subprocess that imports torch), and only
from worker threads; the progress store is optional so that a broken database never stops the
quiz (attempts are then not recorded, and the user is told why).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizzer.bank import Bank
from quizzer.core.result import GradeResult

if TYPE_CHECKING:
    from quizzer.progress import Store


class Grader(Protocol):
    """The grader service, as `quizzer.grader.client.GraderClient` offers it."""

    def grade_code(self, task: str, source: str, seed: int = 0,
                   timeout: float = 10.0) -> GradeResult: ...

    def grade_expression(self, question_id: str, answer: str) -> GradeResult: ...

    def preview_expression(self, question_id: str, text: str) -> dict[str, Any]: ...

    def draw(self, question_id: str, seed: int) -> dict[str, Any]: ...

    def stub(self, task: str) -> str: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...


def default_grader(bank_dir: Path | None) -> Grader:
    """The real grader client (imported on first use: it is only needed for some questions).
    Its service also listens under `$QUIZZER_HOME`, so `quizzer grade` elsewhere is warm too."""
    from quizzer.grader.client import GraderClient
    from quizzer.grader.rendezvous import socket_path

    client: Grader = GraderClient(bank_dir=bank_dir, listen=socket_path())
    return client


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """Shared state of one app run."""

    bank: Bank
    lang: str = "en"
    store: Store | None = None
    clock: Callable[[], float] = time.monotonic
    """The quiz clock (monotonic seconds); tests pass a fake."""
    wall: Callable[[], datetime] = utc_now
    """The calendar clock, for attempt times and due dates."""
    bank_dir: Path | None = None
    """The bank's folder, for the grader service (None: the bundled bank)."""
    grader_factory: Callable[[Path | None], Grader] = default_grader
    stub_factory: Callable[[str], str] | None = None
    """Where task stubs come from; None: the grader service (task modules import torch)."""
    prewarm: bool = False
    """Start the grader service in the background once the home screen is up (the app does
    this for a real run; tests leave it off)."""
    _grader: Grader | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def grader(self) -> Grader:
        """The grader, started on first use. Call from worker threads only: it may block."""
        with self._lock:
            if self._grader is None:
                self._grader = self.grader_factory(self.bank_dir)
            return self._grader

    def stub(self, task: str) -> str:
        """The starter file of a code task. Call from worker threads only: it may block."""
        if self.stub_factory is not None:
            return self.stub_factory(task)
        return self.grader().stub(task)

    def set_lang(self, lang: str) -> None:
        """Switch the language and remember it."""
        self.lang = lang
        if self.store is not None:
            self.store.set_setting("lang", lang)

    def close(self) -> None:
        """Stop the grader and close the store (everything recorded is already committed)."""
        with self._lock:
            if self._grader is not None:
                self._grader.close()
                self._grader = None
        if self.store is not None:
            self.store.close()
            self.store = None
