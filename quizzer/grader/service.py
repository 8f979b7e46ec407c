"""The warm grader: a long-lived process with torch loaded, answering JSON lines on stdin.

Each request is one JSON object per line and each response one line, as `quizzer.grader.wire`
defines them; requests are dispatched by their type through one table.
Nothing else is ever written to stdout: it is re-pointed at stderr
at start-up, and the responses go to a private copy of the original descriptor. Run it with
`python -m quizzer.grader.service [--bank DIR] [--listen SOCKET]`; `quizzer.grader.client` does
that for you. With `--listen` it also answers connections on a unix socket (see
`quizzer.grader.rendezvous`), which is how `quizzer grade` finds a warm grader.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import DerivationQuestion, NumericQuestion
from quizzer.grader import wire


class Service:
    """Dispatches requests; keeps the bank loaded and the tasks' cases cached (per task, seed)."""

    def __init__(self, bank_dir: Path | None = None) -> None:
        self.bank_dir = bank_dir
        self._bank: Bank | None = None

    @property
    def bank(self) -> Bank:
        if self._bank is None:
            self._bank = load_bank(self.bank_dir)
        return self._bank

    def handle(self, request: dict[str, Any]) -> Any:
        """The result of one request (raises on bad requests; `respond` turns that into data)."""
        typed = wire.decode(request)
        handlers: dict[type[wire.Request], Callable[[Any], Any]] = {
            wire.Ping: lambda _: "pong",
            wire.GradeCode: self._grade_code,
            wire.GradeAndRecord: self._grade_and_record,
            wire.GradeExpression: self._grade_expression,
            wire.PreviewExpression: self._preview_expression,
            wire.Draw: self._draw,
            wire.Warm: self._warm,
            wire.Stub: self._stub,
        }
        return handlers[type(typed)](typed)

    def _grade_code(self, request: wire.GradeCode) -> dict[str, Any]:
        from quizzer.grader.runner import grade_source

        return grade_source(request.task, request.source, seed=request.seed,
                            timeout=request.timeout, filename=request.filename).as_dict()

    def _grade_expression(self, request: wire.GradeExpression) -> dict[str, Any]:
        from quizzer.grader.symbolic import grade_expression

        question = self._question(request.question_id, DerivationQuestion)
        return grade_expression(question, request.answer).as_dict()

    def _preview_expression(self, request: wire.PreviewExpression) -> Any:
        from quizzer.grader.symbolic import preview

        return preview(self._question(request.question_id, DerivationQuestion), request.text)

    def _stub(self, request: wire.Stub) -> str:
        from quizzer.grader.tasks import load_task

        return load_task(request.task).stub()

    def _warm(self, request: wire.Warm) -> int:
        """Load the bank and build the cases of the tasks now, so the first grades are fast."""
        from quizzer.grader.runner import cases_for
        from quizzer.grader.tasks import load_task

        _ = self.bank
        for task in request.tasks:
            cases_for(load_task(task), request.seed)
        return len(request.tasks)

    def _grade_and_record(self, request: wire.GradeAndRecord) -> dict[str, Any]:
        """`quizzer grade`'s request: grade, then log the attempt as the cold path would."""
        from quizzer.grader.rendezvous import identity
        from quizzer.grader.runner import grade_source

        mine = identity(self.bank_dir)
        if request.expect != mine:
            raise ValueError(f"this service serves {mine}, not {request.expect}")
        result = grade_source(request.task, request.source, seed=request.seed,
                              timeout=request.timeout, filename=request.filename)
        return {"result": result.as_dict(), "warning": self._record(result, request)}

    def _record(self, result: Any, request: wire.GradeAndRecord) -> str | None:
        from quizzer.progress import Store, StoreError
        from quizzer.progress.record import record_code_grade

        try:
            with Store.open() as store:
                record_code_grade(store, self.bank.questions, request.task, result,
                                  at=datetime.now(UTC), answer=request.answer)
        except StoreError as exc:
            return str(exc)
        return None

    def _question(self, question_id: str, kind: type[Any]) -> Any:
        question = self.bank.by_id().get(question_id)
        if not isinstance(question, kind):
            raise KeyError(f"no {kind.__name__} with id {question_id!r} in the bank")
        return question

    def _draw(self, request: wire.Draw) -> dict[str, Any]:
        from quizzer.grader.draw import draw

        instance = draw(self._question(request.question_id, NumericQuestion), request.seed)
        return {"prompt": instance.prompt, "prompt_zh": instance.prompt_zh,
                "answer": instance.answer, "values": instance.values,
                "explanation": instance.explanation, "explanation_zh": instance.explanation_zh,
                "mistakes": [{"value": m.value, "misconception": m.misconception,
                              "zh": m.misconception_zh}
                             for m in instance.mistakes if m.value is not None]}

    def respond(self, line: str) -> dict[str, Any]:
        """One response object for one request line; never raises."""
        request_id: Any = None
        try:
            request = json.loads(line)
            request_id = request.get("id") if isinstance(request, dict) else None
            return wire.success(request_id, self.handle(request))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a response
            return wire.failure(request_id, exc)


def serve(service: Service, requests: TextIO, responses: TextIO) -> None:
    """Answer each request line until end of input."""
    for line in requests:
        if line.strip():
            responses.write(json.dumps(service.respond(line)) + "\n")
            responses.flush()


def _private_stdout() -> TextIO:
    """A copy of stdout for responses; fd 1 and sys.stdout are re-pointed at stderr."""
    responses = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return responses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m quizzer.grader.service")
    parser.add_argument("--bank", type=Path, default=None, help="Question bank directory.")
    parser.add_argument("--listen", type=Path, default=None,
                        help="Also answer connections on this unix socket (made mode 0600).")
    args = parser.parse_args(argv)
    responses = _private_stdout()
    from quizzer.grader.runner import prepare_grader_process  # loads torch once, up front

    prepare_grader_process()
    service = Service(args.bank)
    listener = None
    if args.listen is not None:
        from quizzer.grader.rendezvous import listen

        listener = listen(args.listen)  # only once torch is loaded: a client finds it ready
        if listener is None:
            print(f"quizzer grader: not listening on {args.listen} (in use or unusable)",
                  file=sys.stderr, flush=True)
    if listener is None:
        serve(service, sys.stdin, responses)
        return
    from quizzer.grader.multiplex import Multiplexer

    Multiplexer(service.respond, sys.stdin.fileno(), responses, listener).run()


if __name__ == "__main__":
    main()
