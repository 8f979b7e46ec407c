"""The function names an answer may call, with their arities. Plain data: no SymPy here."""

from __future__ import annotations

from dataclasses import dataclass

MANY = 8
"""Upper bound on arguments of min/max; more is never needed in an interview formula."""


@dataclass(frozen=True)
class Arity:
    """How many arguments a function takes (both bounds included)."""

    low: int
    high: int

    def accepts(self, count: int) -> bool:
        return self.low <= count <= self.high

    def describe(self) -> str:
        if self.low == self.high:
            return f"{self.low} argument" + ("" if self.low == 1 else "s")
        if self.high >= MANY:
            return f"at least {self.low} arguments"
        return f"{self.low} to {self.high} arguments"


ONE = Arity(1, 1)

STANDARD: dict[str, Arity] = {
    "exp": ONE, "log": Arity(1, 2), "ln": ONE, "sqrt": ONE, "abs": ONE,
    "sin": ONE, "cos": ONE, "tan": ONE, "tanh": ONE, "sinh": ONE, "cosh": ONE, "sech": ONE,
    "sigmoid": ONE, "floor": ONE, "ceil": ONE, "ceiling": ONE,
    "min": Arity(2, MANY), "max": Arity(2, MANY),
}
"""Every answer may use these."""

EXTRA: dict[str, Arity] = {
    "relu": ONE, "softplus": ONE, "sign": ONE, "heaviside": ONE, "erf": ONE,
    "atan": ONE, "asin": ONE, "acos": ONE, "coth": ONE, "csch": ONE, "log2": ONE, "log10": ONE,
}
"""Names a question may add through its `functions` list."""

CONSTANTS = ("e", "pi")


def allowed_functions(extra: list[str] | tuple[str, ...] = ()) -> dict[str, Arity]:
    """The standard functions plus a question's declared extras.

    Raises:
        ValueError: a declared name is not one this grader can build.
    """
    unknown = [name for name in extra if name not in EXTRA and name not in STANDARD]
    if unknown:
        raise ValueError(f"unknown function(s) {', '.join(unknown)}; known: {', '.join(EXTRA)}")
    table = dict(STANDARD)
    table.update({name: EXTRA[name] for name in extra if name in EXTRA})
    return table
