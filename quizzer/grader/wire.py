"""The grader service's requests and responses, typed, written once for both ends.

A request is one JSON line `{"id": N, "op": NAME, ...fields}`; `decode` turns it into one of
the request classes below (checking every field's type), and the service dispatches on the
class. Clients build the same classes and `encode` them. A response is `{"id": N, "ok": true,
"result": ...}` or `{"id": N, "ok": false, "error_type": NAME, "error": TEXT}`. Torch-free:
the TUI's client imports it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, ClassVar, get_type_hints


@dataclass(frozen=True)
class Request:
    """One request; `op` names it on the wire."""

    op: ClassVar[str] = ""


@dataclass(frozen=True)
class Ping(Request):
    op: ClassVar[str] = "ping"


@dataclass(frozen=True)
class GradeCode(Request):
    op: ClassVar[str] = "grade_code"
    task: str
    source: str
    seed: int = 0
    timeout: float = 10.0
    filename: str = "submission.py"


@dataclass(frozen=True)
class GradeAndRecord(Request):
    """`quizzer grade`'s request: grade, then log the attempt; `expect` names the bank and
    code the caller expects this service to serve."""

    op: ClassVar[str] = "grade_and_record"
    task: str
    source: str
    expect: dict[str, str]
    seed: int = 0
    timeout: float = 10.0
    filename: str = "submission.py"
    answer: str | None = None


@dataclass(frozen=True)
class GradeExpression(Request):
    op: ClassVar[str] = "grade_expression"
    question_id: str
    answer: str


@dataclass(frozen=True)
class PreviewExpression(Request):
    op: ClassVar[str] = "preview_expression"
    question_id: str
    text: str


@dataclass(frozen=True)
class Draw(Request):
    op: ClassVar[str] = "draw"
    question_id: str
    seed: int = 0


@dataclass(frozen=True)
class Warm(Request):
    op: ClassVar[str] = "warm"
    tasks: tuple[str, ...] = ()
    seed: int = 0


@dataclass(frozen=True)
class Stub(Request):
    op: ClassVar[str] = "stub"
    task: str


REQUESTS: dict[str, type[Request]] = {cls.op: cls for cls in (
    Ping, GradeCode, GradeAndRecord, GradeExpression, PreviewExpression, Draw, Warm, Stub)}


def encode(request: Request, request_id: int) -> str:
    """The request as one JSON line (with its newline)."""
    fields = dataclasses.asdict(request)
    return json.dumps({"id": request_id, "op": request.op, **fields}) + "\n"


def decode(data: Any) -> Request:
    """A request object from a decoded JSON line. ValueError names what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError("a request is a JSON object")
    kind = REQUESTS.get(data.get("op"))  # type: ignore[arg-type]
    if kind is None:
        raise ValueError(f"unknown op {data.get('op')!r}")
    hints = get_type_hints(kind)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(kind):
        if field.name in data:
            values[field.name] = _typed(kind.op, field.name, hints[field.name], data[field.name])
        elif field.default is dataclasses.MISSING:
            raise ValueError(f"{kind.op}: missing field {field.name!r}")
    extra = set(data) - {"id", "op"} - {f.name for f in dataclasses.fields(kind)}
    if extra:
        raise ValueError(f"{kind.op}: unknown field {sorted(extra)[0]!r}")
    return kind(**values)


def _typed(op: str, name: str, hint: Any, value: Any) -> Any:
    """`value` checked against a field's type (an int is a float too; a list is a tuple)."""
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is str and isinstance(value, str):
        return value
    if hint == (str | None) and (value is None or isinstance(value, str)):
        return value
    if hint == dict[str, str] and isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return value
    if hint == tuple[str, ...] and isinstance(value, list) and all(
            isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{op}: field {name!r} has the wrong type ({type(value).__name__})")


def success(request_id: Any, result: Any) -> dict[str, Any]:
    return {"id": request_id, "ok": True, "result": result}


def failure(request_id: Any, exc: Exception) -> dict[str, Any]:
    """A failed request: a KeyError's message is its key, unquoted."""
    message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
    return {"id": request_id, "ok": False, "error_type": type(exc).__name__,
            "error": str(message)}
