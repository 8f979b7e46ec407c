"""The warm grader: a long-lived process with torch loaded, answering JSON lines on stdin.

Each request is one JSON object per line: `{"id": 1, "op": "grade_code", ...}`; each response
is one line `{"id": 1, "ok": true, "result": ...}` or `{"id": 1, "ok": false, "error_type":
"KeyError", "error": "..."}`. Nothing else is ever written to stdout: it is re-pointed at stderr
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import DerivationQuestion, NumericQuestion


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
        op = request.get("op")
        if op == "ping":
            return "pong"
        if op == "grade_code":
            from quizzer.grader.runner import grade_source

            return grade_source(
                str(request["task"]), str(request["source"]), seed=int(request.get("seed", 0)),
                timeout=float(request.get("timeout", 10.0)),
                filename=str(request.get("filename", "submission.py")),
            ).as_dict()
        if op == "grade_expression":
            from quizzer.grader.symbolic import grade_expression

            question = self._question(request["question_id"], DerivationQuestion)
            return grade_expression(question, str(request["answer"])).as_dict()
        if op == "preview_expression":
            from quizzer.grader.symbolic import preview

            question = self._question(request["question_id"], DerivationQuestion)
            return preview(question, str(request["text"]))
        if op == "draw":
            return self._draw(str(request["question_id"]), int(request.get("seed", 0)))
        if op == "warm":
            return self._warm([str(t) for t in request.get("tasks", [])],
                              int(request.get("seed", 0)))
        if op == "grade_and_record":
            return self._grade_and_record(request)
        if op == "stub":
            from quizzer.grader.tasks import load_task

            return load_task(str(request["task"])).stub()
        raise ValueError(f"unknown op {op!r}")

    def _warm(self, tasks: list[str], seed: int) -> int:
        """Load the bank and build the cases of `tasks` now, so the first grades are fast."""
        from quizzer.grader.runner import cases_for
        from quizzer.grader.tasks import load_task

        _ = self.bank
        for task in tasks:
            cases_for(load_task(task), seed)
        return len(tasks)

    def _grade_and_record(self, request: dict[str, Any]) -> dict[str, Any]:
        """`quizzer grade`'s request: grade, then log the attempt as the cold path would."""
        from quizzer.grader.rendezvous import identity
        from quizzer.grader.runner import grade_source

        mine = identity(self.bank_dir)
        if request.get("expect") != mine:
            raise ValueError(f"this service serves {mine}, not {request.get('expect')}")
        task = str(request["task"])
        result = grade_source(
            task, str(request["source"]), seed=int(request.get("seed", 0)),
            timeout=float(request.get("timeout", 10.0)),
            filename=str(request.get("filename", "submission.py")))
        return {"result": result.as_dict(), "warning": self._record(task, result, request)}

    def _record(self, task: str, result: Any, request: dict[str, Any]) -> str | None:
        from quizzer.progress import Store, StoreError
        from quizzer.progress.record import record_code_grade

        answer = request.get("answer")
        try:
            with Store.open() as store:
                record_code_grade(store, self.bank.questions, task, result,
                                  at=datetime.now(UTC), answer=None if answer is None
                                  else str(answer))
        except StoreError as exc:
            return str(exc)
        return None

    def _question(self, question_id: str, kind: type[Any]) -> Any:
        question = self.bank.by_id().get(question_id)
        if not isinstance(question, kind):
            raise KeyError(f"no {kind.__name__} with id {question_id!r} in the bank")
        return question

    def _draw(self, question_id: str, seed: int) -> dict[str, Any]:
        from quizzer.grader.draw import draw

        instance = draw(self._question(question_id, NumericQuestion), seed)
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
            if not isinstance(request, dict):
                raise ValueError("a request is a JSON object")
            request_id = request.get("id")
            return {"id": request_id, "ok": True, "result": self.handle(request)}
        except Exception as exc:  # noqa: BLE001 - every failure becomes a response
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            return {"id": request_id, "ok": False, "error_type": type(exc).__name__,
                    "error": str(message)}


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
