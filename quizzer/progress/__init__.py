"""The learner's progress: the attempt log and the spaced-repetition schedule.

Public API (stable; the TUI and the CLI build on it):

- `Store.open(path=None)` -> `Store` (a context manager), default `paths.db_path()` under
  `paths.data_dir()` (`$QUIZZER_HOME`, else XDG `~/.local/share/quizzer`). Raises `StoreError`
  for a corrupt, foreign or newer-version file, which is left untouched.
- `Store.record_attempt(question_id, qtype=, topic=, verdict=, at=, ...)` -> `Attempt`, or
  `record_answer(store, question, verdict, at=, ...)` for a bank question, and
  `record_grade(store, result, question, at=)` for a `GradeResult` (INVALID -> None). The card
  moves in the same transaction, committed before returning.
- `Store.due(now)` -> `list[DueItem]`; `Store.cards()`; `Store.mistakes()` -> `list[Attempt]`;
  `Store.attempts(question_id=None)`; `Store.flag_changed(content_hashes(bank.questions))`.
- `Store.stats(now)` -> `Stats` (`.as_dict()` for JSON): attempts, `Tally` per topic / type /
  day (`by_day` is the accuracy-over-time series), `streak_days`, `DueCounts`.
- `Store.get_setting(key)` / `Store.set_setting(key, value)` (the TUI keeps `lang` there).
- `export_progress(store, path, now)` / `import_progress(store, path)` -> `ImportReport`.

Every time is passed in (`at`, `now`, timezone-aware); nothing in this package reads the clock.
"""

from __future__ import annotations

from quizzer.core.verdict import Verdict
from quizzer.progress.paths import data_dir, db_path
from quizzer.progress.record import (
    content_hash,
    content_hashes,
    question_for_task,
    record_answer,
    record_grade,
    submission_hash,
)
from quizzer.progress.schedule import rating_for
from quizzer.progress.schema import SCHEMA_VERSION, StoreError
from quizzer.progress.stats import DayPoint, DueCounts, Stats, Tally
from quizzer.progress.store import Attempt, DueItem, Store
from quizzer.progress.transfer import ImportReport, export_progress, import_progress

__all__ = [
    "SCHEMA_VERSION", "Attempt", "DayPoint", "DueCounts", "DueItem", "ImportReport", "Stats",
    "Store", "StoreError", "Tally", "Verdict", "content_hash", "content_hashes", "data_dir",
    "db_path", "export_progress", "import_progress", "question_for_task", "rating_for",
    "record_answer", "record_grade", "submission_hash",
]
