"""`KitTask`: a code task built from a declaration, with the judging every task shares.

A declaration gives the contract, the reference (a function with the learner's signature), how
to compare one output with the reference's, the cases, the hints keyed by mismatch kind, and
the known misconceptions as runnable variants. The judge compares the output, then every
in-place update the contract names, then every other input bit for bit; it reports every
difference it finds, and when the output is wrong it runs the variants on the failing input
and names the one that reproduces the learner's output (or says that none does).
"""

from __future__ import annotations

import copy
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizzer.core.result import Check
from quizzer.grader.kit.contract import Contract
from quizzer.grader.kit.inputs import changed_inputs, identical
from quizzer.grader.kit.mismatch import Kind, Mismatch, close_to, tensor_mismatch
from quizzer.grader.kit.seeds import rng, torch_generator
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case, Outcome, Task

Compare = Callable[[Any, Any, Case], Mismatch | None]
"""(learner output, reference output, case) -> the first difference, or None."""
CaseMaker = Callable[[int], list[Case]]

DEFAULT_HINTS: dict[Kind, str] = {
    Kind.DTYPE: "keep the input's dtype: compute in it, or cast the result back to x.dtype; do "
                "not hard-code float32 or upcast to float64 and return that",
    Kind.MUTATED: "work on a copy or use out-of-place ops (x - m, not x.sub_(m)): the caller's "
                  "tensors must be unchanged",
}
NO_MATCH = "None of the known mistakes for this task reproduces your output."
_DIAGNOSED = (Kind.VALUE, Kind.SPECIAL, Kind.ORDER, Kind.LENGTH, Kind.SHAPE)
_REMEMBERED = 1024
"""Reference results kept per process (a warm service grades the same cases again and again)."""


@dataclass(frozen=True)
class Variant:
    """A known misconception as code: a function with the learner's signature."""

    name: str
    """What the mistake is, as it completes "your output matches ...": `the +1-pixel area`."""
    run: Callable[..., Any]
    hint: str
    """What to do instead."""


@dataclass(frozen=True)
class Declaration:
    """Everything a code task is, as data plus small functions."""

    name: str
    contract: Contract
    reference: Callable[..., Any]
    """The reference implementation, called on copies of a case's inputs."""
    compare: Compare
    cases: CaseMaker
    """Fixed edge cases first, then the ones generated from the seed."""
    hints: dict[Kind, str | Callable[[Case, Mismatch], str]] = field(default_factory=dict)
    """The hint for each kind of mismatch (a function may return "" to pass); kinds missing
    here get a variant that reproduces the output, else the case's own hint."""
    variants: tuple[Variant, ...] = ()
    tolerance: Callable[[Case], Tolerance] | None = None
    """For in-place updates and for matching variants (None: exact comparison)."""
    error_hints: tuple[tuple[str, str], ...] = ()
    """(text in the learner's exception, hint) pairs, tried in order."""
    where: Callable[[Case], str] | None = None
    """A short description of the inputs, appended to messages (`on boxes (3, 4) float32`)."""


class KitTask(Task):
    """A `Task` whose behaviour comes from a `Declaration`."""

    def __init__(self, declaration: Declaration) -> None:
        self.declaration = declaration
        self.name = declaration.name
        self.contract = declaration.contract.docstring()
        self.signature = declaration.contract.signature(declaration.name)
        self.forbidden = declaration.contract.forbidden
        self._expected: OrderedDict[int, tuple[Case, tuple[Any, ...]]] = OrderedDict()

    def cases(self, seed: int) -> list[Case]:
        return self.declaration.cases(seed)

    def stub(self) -> str:
        return self.declaration.contract.stub(self.name)

    def generator(self, seed: int, stream: str = "") -> Any:
        return torch_generator(self.name, seed, stream)

    def rng(self, seed: int) -> Any:
        return rng(self.name, seed)

    def expected(self, case: Case) -> tuple[Any, tuple[Any, ...], dict[str, Any]]:
        """The reference's output and its copies of the inputs after the call (computed once
        per case object; the judges only read them)."""
        known = self._expected.get(id(case))
        if known is not None and known[0] is case:
            self._expected.move_to_end(id(case))
            output, args, kwargs = known[1]
            return output, args, kwargs
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        result = (self.declaration.reference(*args, **kwargs), args, kwargs)
        self._expected[id(case)] = (case, result)
        if len(self._expected) > _REMEMBERED:
            self._expected.popitem(last=False)
        return result

    def mismatches(self, case: Case, outcome: Outcome) -> list[Mismatch]:
        """Every difference: the output, each in-place update, then each changed input."""
        d = self.declaration
        want, args_after, kwargs_after = self.expected(case)
        found = [m for m in (d.compare(outcome.output, want, case),) if m is not None]
        names = d.contract.names
        for name in d.contract.updates:
            found.extend(self._update_problem(case, outcome, name, args_after, kwargs_after))
        for name in changed_inputs(names, case.args, case.kwargs, outcome.args_after,
                                   outcome.kwargs_after, frozenset(d.contract.updates)):
            found.append(Mismatch(Kind.MUTATED, f"the input {name} was modified in place; the "
                                  "function must not change it", name))
        return found

    def _update_problem(
        self, case: Case, outcome: Outcome, name: str, args_after: tuple[Any, ...],
        kwargs_after: dict[str, Any],
    ) -> list[Mismatch]:
        before = _value(self.declaration.contract.names, name, case.args, case.kwargs)
        want = _value(self.declaration.contract.names, name, args_after, kwargs_after)
        got = _value(self.declaration.contract.names, name, outcome.args_after,
                     outcome.kwargs_after)
        if want is None or before is None:
            return []
        if not identical(want, before) and identical(got, before):
            return [Mismatch(Kind.NOT_UPDATED, f"{name} was not updated in place (the caller's "
                             "tensor is unchanged)", name)]
        tol = self.declaration.tolerance(case) if self.declaration.tolerance else Tolerance(0, 0)
        problem = tensor_mismatch(got, want, tol, what=f"{name} after the call")
        if problem is None:
            return []
        kind = Kind.UPDATE if problem.kind is Kind.VALUE else problem.kind
        return [Mismatch(kind, problem.message, name)]

    def judge(self, case: Case, outcome: Outcome) -> Check:
        found = self.mismatches(case, outcome)
        if not found:
            return Check(case.name, True)
        where = self.declaration.where(case) if self.declaration.where else ""
        message = "; ".join(m.message for m in found) + (f" ({where})" if where else "")
        diagnosis, hint = self.hint(case, found[0], outcome)
        return Check(case.name, False, f"{message}. {diagnosis}" if diagnosis else message, hint)

    def hint(self, case: Case, mismatch: Mismatch, outcome: Outcome) -> tuple[str, str]:
        """(diagnosis, hint): the task's hint for this kind of mismatch; for a wrong value, the
        variant that reproduces the output (named in the diagnosis), else the case's hint."""
        d = self.declaration
        chosen = d.hints.get(mismatch.kind, "")
        chosen = chosen if isinstance(chosen, str) else chosen(case, mismatch)
        if chosen:
            return "", chosen
        if mismatch.kind in DEFAULT_HINTS:
            return "", DEFAULT_HINTS[mismatch.kind]
        if mismatch.kind is Kind.TYPE:
            return "", f"return {d.contract.returns}, as the contract says"
        if mismatch.kind in _DIAGNOSED and d.variants:
            variant = self.diagnose(case, outcome.output)
            if variant is not None:
                return f"Your output matches {variant.name}.", variant.hint
            return NO_MATCH, case.hint
        return "", case.hint

    def diagnose(self, case: Case, output: Any) -> Variant | None:
        """The first known misconception whose output on `case` equals the learner's."""
        tol = self.declaration.tolerance(case) if self.declaration.tolerance else Tolerance(0, 0)
        want, _, _ = self.expected(case)
        for variant in self.declaration.variants:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a variant may divide by n - 1 = 0
                    wrong = variant.run(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            except Exception:  # noqa: BLE001 - a variant that cannot run here matches nothing
                continue
            if close_to(wrong, want, tol):
                continue  # this case cannot tell the variant apart from the reference
            if close_to(output, wrong, tol):
                return variant
        return None

    def error_hint(self, case: Case, error: str) -> str:
        for text, hint in self.declaration.error_hints:
            if text in error:
                return hint
        return case.hint


def _value(names: tuple[str, ...], name: str, args: tuple[Any, ...] | list[Any],
           kwargs: dict[str, Any]) -> Any:
    """The argument called `name`, passed by position or keyword (None when absent)."""
    position = names.index(name)
    if position < len(args):
        return args[position]
    return kwargs.get(name)
