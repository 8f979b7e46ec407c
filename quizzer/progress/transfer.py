"""Moving progress between machines: export the attempt log as JSON, import it by merging.

The file holds attempts only. Cards are a pure function of the attempt log (see `schedule`), so
an import inserts the attempts it has not seen (by attempt id) and rebuilds the cards of the
questions they touch by replaying every attempt in time order. Re-importing adds nothing.
Settings stay per machine and are not exported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from quizzer.core.verdict import Verdict
from quizzer.progress.schema import StoreError
from quizzer.progress.store import Attempt, Store, insert_attempt, iso, rebuild_card

FORMAT = "quizzer-progress"
FORMAT_VERSION = 1


class AttemptRecord(BaseModel):
    """One attempt as written in an export file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question_id: str = Field(min_length=1)
    qtype: str
    topic: str
    verdict: Verdict
    at: datetime
    answer: str | None = None
    checks_failed: list[str] = []
    seconds: float | None = None
    hint_used: bool = False
    quiz_id: str | None = None
    self_rating: int | None = Field(default=None, ge=1, le=4)
    content_hash: str | None = None
    rating: int | None = Field(default=None, ge=1, le=4)
    seed: int | None = None
    drawn: dict[str, int | float] | None = None
    """A parametric question's drawn values and right answer (absent in older files)."""

    @field_validator("verdict")
    @classmethod
    def _logged(cls, verdict: Verdict) -> Verdict:
        if not verdict.loggable:
            raise ValueError(f"{verdict!s} is the state of a running quiz, not an attempt")
        return verdict


class ExportFile(BaseModel):
    """The top level of an export file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["quizzer-progress"]
    version: Literal[1]
    exported_at: datetime
    attempts: list[AttemptRecord]


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    added: int
    already_known: int
    questions: int
    """Questions whose cards were rebuilt."""


def export_progress(store: Store, path: Path, now: datetime) -> int:
    """Write every attempt to `path` (JSON); returns how many."""
    attempts = store.attempts()
    head = {"format": FORMAT, "version": FORMAT_VERSION, "exported_at": iso(now)}
    # One attempt per line: readable and diffable, and the C encoder (`indent` would fall back
    # to the pure-Python one, ten times slower on a long log).
    lines = [json.dumps(_record(a), ensure_ascii=False) for a in attempts]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "attempts": [\n'
    text += ",\n".join(lines) + "\n]}\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written export under the real name
    return len(attempts)


def import_progress(store: Store, path: Path) -> ImportReport:
    """Merge the attempts of an export file into the store, in one transaction.

    Raises:
        StoreError: the file cannot be read or is not a valid export (nothing is imported).
    """
    doc = _read(path)
    added: set[str] = set()
    count = 0
    with store.write() as conn:
        for record in doc.attempts:
            if insert_attempt(conn, _attempt(record)):
                count += 1
                added.add(record.question_id)
        for question_id in sorted(added):
            rebuild_card(conn, question_id)
    return ImportReport(added=count, already_known=len(doc.attempts) - count,
                        questions=len(added))


def _read(path: Path) -> ExportFile:
    try:
        return ExportFile.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise StoreError(f"{path} is not a quizzer progress export: {where}: {first['msg']} "
                         f"({exc.error_count()} problem(s)); nothing was imported") from exc


def _record(a: Attempt) -> dict[str, Any]:
    return {"id": a.id, "question_id": a.question_id, "qtype": a.qtype, "topic": a.topic,
            "verdict": str(a.verdict), "at": iso(a.at), "answer": a.answer,
            "checks_failed": list(a.checks_failed), "seconds": a.seconds,
            "hint_used": a.hint_used, "quiz_id": a.quiz_id, "self_rating": a.self_rating,
            "content_hash": a.content_hash, "rating": a.rating, "seed": a.seed,
            **({"drawn": dict(a.drawn)} if a.drawn is not None else {})}


def _attempt(r: AttemptRecord) -> Attempt:
    if r.at.tzinfo is None:
        raise StoreError(f"attempt {r.id}: time {r.at} has no timezone; nothing was imported")
    return Attempt(id=r.id, question_id=r.question_id, qtype=r.qtype, topic=r.topic,
                   verdict=r.verdict, at=r.at, answer=r.answer,
                   checks_failed=tuple(r.checks_failed), seconds=r.seconds,
                   hint_used=r.hint_used, quiz_id=r.quiz_id, self_rating=r.self_rating,
                   content_hash=r.content_hash, rating=r.rating, seed=r.seed,
                   drawn=r.drawn)
