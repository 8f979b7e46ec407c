"""Grade a typed formula against a derivation question, and preview what was parsed.

The answer is parsed here (no SymPy needed, so an unreadable answer is refused at once). The
reference comes from the bank, which is trusted, and is built here once per question; building the
learner's SymPy tree and comparing run in a forked child under a wall-clock limit, so a hostile
formula can only end as INVALID, TIMEOUT or MEMORY, never hang or crash the caller.
"""

from __future__ import annotations

import re
import time
import zlib
from typing import Any

from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import Check, GradeResult, Status
from quizzer.grader.boundary import run_limited
from quizzer.grader.symbolic.aliases import question_aliases
from quizzer.grader.symbolic.functions import EXTRA
from quizzer.grader.symbolic.parse import Node, names_for, parse, to_text
from quizzer.grader.symbolic.tokens import InvalidExpression

TIME_LIMIT = 8.0
"""Seconds the whole check may take before the answer is reported as TIMEOUT."""
PREVIEW_LIMIT = 3.0
"""Seconds SymPy may spend laying out a preview (it runs in a child: a stall never blocks)."""
PARSES = "parses"


def parse_answer(question: DerivationQuestion, text: str) -> Node:
    """Parse a learner's answer with the question's variables, functions and spellings."""
    meanings = {name: v.meaning for name, v in question.variables.items()}
    aliases = question_aliases(meanings, question.prompt)
    return parse(text, names_for(list(question.variables), question.functions, aliases,
                                 question.forbid))


def parse_reference(question: DerivationQuestion) -> Node:
    """Parse the question's own expression; it may use every function the grader knows."""
    text = question.differentiate.expr if question.differentiate else question.reference
    assert text is not None  # the schema guarantees exactly one of the two
    return parse(text, names_for(list(question.variables), [*question.functions, *EXTRA]))


def seed_for(question: DerivationQuestion) -> int:
    """Points are drawn from the question id, so a failure reproduces exactly."""
    return zlib.crc32(question.id.encode())


def grade_expression(question: DerivationQuestion, answer: str,
                     time_limit: float = TIME_LIMIT, seed: int | None = None) -> GradeResult:
    """Grade `answer` against `question`'s reference.

    The sample points come from `seed`, by default derived from the question id, so the same
    answer always meets the same points.

    Returns:
        INVALID (not parsed: the message names the column and reason), PASSED, FAILED (the
        first disagreeing point with both values), TIMEOUT, MEMORY, or INTERNAL (the grader's
        own reference or checking process failed).
    """
    started = time.monotonic()
    seed = seed_for(question) if seed is None else seed
    try:
        node = parse_answer(question, answer)
    except InvalidExpression as exc:
        return GradeResult(question.id, Status.INVALID, [Check(PARSES, False, str(exc))],
                           seed=seed, seconds=time.monotonic() - started, message=str(exc))
    _import_sympy_once()
    try:
        reference = _cached_reference(question)
    except Exception as exc:  # noqa: BLE001 - the bank's reference is ours, not the learner's
        message = (f"the grader failed while building this question's reference "
                   f"({type(exc).__name__}: {exc}); please report it")
        return GradeResult(question.id, Status.INTERNAL, [Check(PARSES, True)], seed=seed,
                           seconds=time.monotonic() - started, message=message)
    outcome = run_limited(lambda: _check(question, node, reference, seed), time_limit)
    seconds = time.monotonic() - started
    if outcome.status == "timeout":
        message = f"checking this answer took longer than {time_limit:g} s; simplify it"
        return GradeResult(question.id, Status.TIMEOUT, [Check(PARSES, True)], seed=seed,
                           seconds=seconds, message=message)
    if outcome.status != "ok":
        status, message = _unevaluated(outcome.status, outcome.error)
        return GradeResult(question.id, status, [Check(PARSES, True)], seed=seed,
                           seconds=seconds, message=message)
    return _result(question, outcome.value, seed, seconds)


def _unevaluated(status: str, error: str) -> tuple[Status, str]:
    """Why a parsed answer has no verdict: SymPy refused it, memory ran out, or the child died."""
    if error.startswith("MemoryError"):
        return Status.MEMORY, "checking this formula needs too much memory; simplify it"
    if status == "crashed":
        return Status.INTERNAL, ("the grader's checking process died (not your answer's fault); "
                                 "please report this formula")
    return Status.INVALID, ("this formula cannot be evaluated as written, e.g. log(0) or min/max"
                            f" of a value that is not real ({error[:80]})")


def _import_sympy_once() -> None:
    """Load and exercise SymPy in this (grader) process so that every forked child starts warm.

    A child's work is lost when it exits, so anything SymPy sets up on first use (the printers'
    tables, evalf's caches) would otherwise be paid again by every check and every preview.
    """
    if _WARM:
        return
    import sympy

    import quizzer.grader.symbolic.equivalence  # noqa: F401  # pulls in sympy and mpmath

    x = sympy.Symbol("x", real=True)
    sample = sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2 + sympy.floor(x / 3) + sympy.Max(x, 0)
    sympy.pretty(sample, use_unicode=True)
    sympy.expand(sample - x)
    sample.xreplace({x: sympy.Float(0.5, 30)}).evalf(30)
    _WARM.append(True)


_WARM: list[bool] = []


def _result(question: DerivationQuestion, reply: dict[str, Any], seed: int,
            seconds: float) -> GradeResult:
    checks = [Check(PARSES, True)] + [
        Check(name, ok, _capped(msg), "" if ok else _hint(question))
        for name, ok, msg in reply["checks"]
    ]
    passed = all(c.passed for c in checks)
    message = "correct" if passed else _capped(reply["message"])
    detail = _detail(question, reply["reference"])
    return GradeResult(question.id, Status.PASSED if passed else Status.FAILED, checks,
                       seed=seed, seconds=seconds, message=message, detail=detail)


MAX_MESSAGE = 200
"""Longest verdict message, in characters: a huge value or tower never floods the screen."""


def _capped(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 1] + "…"


def _hint(question: DerivationQuestion) -> str:
    meanings = [f"{n}: {v.meaning}" for n, v in question.variables.items() if v.meaning]
    if question.differentiate is not None:
        base = "check signs, constant factors and the chain rule"
    else:
        base = "work the formula out by hand at the point above"
    return base + (f" (variables: {'; '.join(meanings)})" if meanings else "")


def _detail(question: DerivationQuestion, reference: str) -> str:
    lines = [f"Reference: {reference}"]
    if question.steps:
        lines.append("Steps:")
        lines += [f"  {i}. {step}" for i, step in enumerate(question.steps, 1)]
    return "\n".join(lines)


def _cached_reference(question: DerivationQuestion) -> Any:
    """The reference, built in the grading process once per question (bank text is trusted).

    Building it here rather than in each child keeps SymPy's caches warm across grades.
    """
    key = question.model_dump_json(include={"id", "variables", "functions", "differentiate",
                                            "reference"})
    if key not in _REFERENCES:
        _REFERENCES[key] = reference_expression(question, symbols_of(question))
    return _REFERENCES[key]


_REFERENCES: dict[str, Any] = {}


def symbols_of(question: DerivationQuestion) -> dict[str, Any]:
    """Each variable's SymPy symbol, carrying its domain's assumptions."""
    from quizzer.grader.symbolic.build import symbol_for

    return {n: symbol_for(n, v.domain, v.parity, v.min) for n, v in question.variables.items()}


def _check(question: DerivationQuestion, node: Node, reference: Any, seed: int
           ) -> dict[str, Any]:
    """The child's work: build the answer, try an exact match (only for an answer defined
    wherever its variables are), sample the domain, then try to prove the difference zero (or
    find it a nonzero constant)."""
    import sympy

    from quizzer.grader.symbolic.build import to_sympy
    from quizzer.grader.symbolic.definedness import conditions
    from quizzer.grader.symbolic.domain import Domain
    from quizzer.grader.symbolic.equivalence import compare, exactly_equal

    symbols = symbols_of(question)
    domains = {n: Domain.of(v.domain, v.min, v.max, v.parity)
               for n, v in question.variables.items()}
    answer = to_sympy(node, symbols)
    shown = sympy.sstr(reference)
    typed = conditions(node, symbols)
    if not typed and exactly_equal(answer, reference):
        return {"checks": [("equals the reference after expanding", True, "")],
                "message": "", "reference": shown}
    verdict = compare(answer, reference, symbols, domains, seed,
                      skip_reference_kinks=question.differentiate is not None, typed=typed)
    if not verdict.agreed and not verdict.inconclusive:
        return {"checks": verdict.checks, "message": verdict.message, "reference": shown}
    proof = prove(answer, reference)
    if proof == "zero":
        kept = [check for check in verdict.checks if check[1]]
        return {"checks": [*kept, (PROVED, True, "")], "message": "",
                "reference": shown}
    if proof.startswith(("constant ", "nonzero ")):
        kind, _, difference = proof.partition(" ")
        message = (f"your answer differs from the reference by {difference} everywhere"
                   if kind == "constant" else f"your answer minus the reference is {difference},"
                   " which SymPy proves is never 0")
        return {"checks": [*verdict.checks, (PROVED, False, message)], "message": message,
                "reference": shown}
    return {"checks": verdict.checks, "message": verdict.message, "reference": shown}


PROVED = "SymPy simplifies the difference to 0"
PROOF_LIMIT = 1.0
"""Seconds SymPy may spend trying to prove an answer that passed the sampling."""


def reference_expression(question: DerivationQuestion, symbols: dict[str, Any]) -> Any:
    """The SymPy reference: the derivative of `differentiate.expr`, or `reference` itself."""
    import sympy

    from quizzer.grader.symbolic.build import to_sympy

    expr = to_sympy(parse_reference(question), symbols)
    if question.differentiate is not None:
        expr = sympy.diff(expr, symbols[question.differentiate.wrt])
    return expr


def prove(answer: Any, reference: Any) -> str:
    """"zero" when SymPy simplifies the difference to 0 within PROOF_LIMIT seconds,
    "constant C" when it simplifies to a nonzero number, "nonzero D" when SymPy proves the
    difference D is never 0 on the domain, else "undecided"."""
    import sympy

    def attempt() -> str:
        difference = sympy.simplify(answer - reference)
        if difference == 0:
            return "zero"
        if not difference.free_symbols and difference.is_number and difference.is_zero is False:
            return f"constant {sympy.sstr(difference)[:40]}"
        if difference.is_zero is False and difference.is_real:  # real, and never 0
            return f"nonzero {sympy.sstr(difference)[:60]}"
        return "undecided"

    outcome = run_limited(attempt, PROOF_LIMIT)
    return str(outcome.value) if outcome.status == "ok" else "undecided"


def preview(question: DerivationQuestion, text: str) -> dict[str, Any]:
    """What the answer box shows while typing: the parsed formula drawn by `sympy.pretty`.

    Returns:
        `{"ok": True, "pretty": <unicode drawing>, "message": ""}`, or `ok` False with the
        parse error (column and reason) in `message`. Should SymPy fail or stall on a formula
        that parsed, the formula is shown as plain text with a note in `message`.
    """
    try:
        node = parse_answer(question, text)
    except InvalidExpression as exc:
        return {"ok": False, "pretty": "", "message": str(exc)}
    _import_sympy_once()
    outcome = run_limited(lambda: _draw(question, node), PREVIEW_LIMIT)
    if outcome.status == "ok":
        return {"ok": True, "pretty": outcome.value, "message": ""}
    return {"ok": True, "pretty": to_text(node),
            "message": "shown as typed: it could not be laid out"}


def _draw(question: DerivationQuestion, node: Node) -> str:
    import sympy

    from quizzer.grader.symbolic.build import to_sympy

    symbols = symbols_of(question)
    # Unevaluated, so the learner sees their own shape (and no huge constant is ever computed).
    expr = to_sympy(node, symbols, evaluate=False)
    return str(sympy.pretty(expr, use_unicode=True))


def reference_text(question: DerivationQuestion) -> str:
    """The reference answer as SymPy prints it (the derivative worked out where one is asked)."""
    import sympy

    text = str(sympy.sstr(reference_expression(question, symbols_of(question))))
    return _SYMPY_NAMES.sub(lambda m: m.group(1).lower() + "(", text)


_SYMPY_NAMES = re.compile(r"\b(Min|Max|Abs|Heaviside)\(")
"""SymPy's capitalised names, printed as the lower-case functions a learner types."""
