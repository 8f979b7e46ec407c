"""A task's contract as data: the signature, what it must compute, return, and never call.

The stub's docstring, the contract shown with the question and the workspace README are all
generated from this one declaration.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Param:
    """One parameter of the learner's function."""

    name: str
    default: str | None = None
    """The default as source text (`"-1"`, `"None"`), or None for a required parameter."""

    def source(self) -> str:
        return self.name if self.default is None else f"{self.name}={self.default}"


@dataclass(frozen=True)
class Contract:
    """What the learner's function must do, stated once."""

    params: tuple[Param, ...]
    text: str
    """What the function computes, in a few lines (the stub's docstring, before the rules)."""
    returns: str
    """The exact return-type rule, e.g. `a tuple of two Python ints (a namedtuple counts)`."""
    forbidden: tuple[str, ...] = ()
    """Dotted paths the learner may not call; the child replaces each with one that raises."""
    updates: tuple[str, ...] = ()
    """Inputs the function updates in place (every other input must stay bit for bit equal)."""
    preamble: str = "import torch\n"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def signature(self, name: str) -> str:
        """`def name(a, b=1):`, wrapped under the opening parenthesis past 92 columns."""
        head = f"def {name}("
        lines, line = [], head
        for i, param in enumerate(self.params):
            piece = param.source() + (", " if i < len(self.params) - 1 else "")
            if len(line) + len(piece) > 92 and line.strip() != head.strip():
                lines.append(line.rstrip())
                line = " " * len(head)
            line += piece
        return "\n".join([*lines, line + "):"])

    def docstring(self) -> str:
        """The contract text, then the return rule, the in-place rule and what is not allowed."""
        parts = [textwrap.dedent(self.text).strip(), f"Return {self.returns}."]
        others = [n for n in self.names if n not in self.updates]
        if self.updates:
            parts.append(f"Only {', '.join(self.updates)} may change, in place and as stated "
                         f"above; leave {', '.join(others)} exactly as they were.")
        else:
            parts.append("Do not modify the inputs.")
        if self.forbidden:
            parts.append("Not allowed: " + ", ".join(self.forbidden) + ".")
        return "\n\n".join(textwrap.fill(p, 88, break_on_hyphens=False)
                           if "\n" not in p else p for p in parts)

    def stub(self, name: str) -> str:
        """The starter file `quizzer init` writes for this task."""
        body = "\n".join(f"    {line}".rstrip() for line in self.docstring().splitlines())
        return (f"{self.preamble}\n\n{self.signature(name)}\n"
                f'    """\n{body}\n    """\n    raise NotImplementedError\n')

