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
    "sign": ONE, "relu": ONE, "heaviside": ONE, "softplus": ONE, "clip": Arity(3, 3),
}
"""Every answer may use these, unless its question forbids one (and its prompt says so)."""

EXTRA: dict[str, Arity] = {
    "erf": ONE, "atan": ONE, "asin": ONE, "acos": ONE, "coth": ONE, "csch": ONE,
    "log2": ONE, "log10": ONE,
}
"""Names a question may add through its `functions` list."""

CONSTANTS = ("e", "pi")


def known_function(name: str) -> bool:
    """A name the grader can build, whether or not a given question allows it."""
    return name in STANDARD or name in EXTRA


def allowed_functions(extra: list[str] | tuple[str, ...] = (),
                      forbidden: list[str] | tuple[str, ...] = ()) -> dict[str, Arity]:
    """The standard functions plus a question's declared extras, less its forbidden ones.

    Raises:
        ValueError: a declared or forbidden name is not one this grader can build.
    """
    unknown = [name for name in (*extra, *forbidden) if not known_function(name)]
    if unknown:
        raise ValueError(f"unknown function(s) {', '.join(unknown)}; known: "
                         f"{', '.join([*STANDARD, *EXTRA])}")
    table = dict(STANDARD)
    table.update({name: EXTRA[name] for name in extra if name in EXTRA})
    for name in forbidden:
        table.pop(name, None)
    return table
