"""The other spellings a question gives its names: `η` for `eta`, `pᵢ` for `p`, `σ` for sigmoid.

They come from the question itself: a variable's `meaning` (`the learning rate η`), the prompt's
"`eta` (η)", "write β as `b`" and "`p` for pᵢ", and a variable named after a Greek letter
(`gamma` is γ, `lam` is λ). A spelling claimed by two different names is dropped. Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from quizzer.grader.symbolic.tokens import SUPERSCRIPTS, Kind

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Δ": "Delta", "Σ": "Sigma",
}
_SUBSCRIPTS = dict(zip("ᵢⱼₖₗₘₙₜₓₐₑₒ", "ijklmntxaeo", strict=True))
_PROMPT_PATTERNS = (
    re.compile(r"`(\w+)` \(([^()\s,;]+)\)"),       # `eta` (η)
    re.compile(r"`(\w+)` for ([^\s,;.()`]+)"),      # `p` for pᵢ
)
_AS_PATTERN = re.compile(r"([^\s`(]+) as `(\w+)`")  # write β as `b`
_WORD = re.compile(r"[^\s,;:()`]+")

Target = tuple[Kind, str]


def question_aliases(variables: Mapping[str, str | None], prompt: str) -> dict[str, Target]:
    """Spellings -> ("var", name) or ("func", "sigmoid") for a question's answers.

    Args:
        variables: each variable's name and its `meaning` (or None).
        prompt: the question's prompt, whose "`name` (spelling)" pairs are read.
    """
    claims: dict[str, set[Target]] = {}
    for name, meaning in variables.items():
        spellings = [*_from_meaning(meaning or ""), *_greek_names(name)]
        for spelling in spellings:
            claims.setdefault(spelling, set()).add(("var", name))
    for name, spelling in _from_prompt(prompt):
        if name in variables:
            claims.setdefault(spelling, set()).add(("var", name))
    found = {s: next(iter(t)) for s, t in claims.items() if len(t) == 1 and s not in variables}
    found = {**_variants(found), **found}
    found.setdefault("σ", ("func", "sigmoid"))
    return found


def _decorated(word: str) -> bool:
    """A spelling worth an alias: it has a non-ASCII letter or a subscript."""
    return not word.isascii() or "_" in word


def _from_meaning(meaning: str) -> list[str]:
    return [w.rstrip(".") for w in _WORD.findall(meaning) if _decorated(w) and _usable(w)]


def _from_prompt(prompt: str) -> Iterable[tuple[str, str]]:
    for pattern in _PROMPT_PATTERNS:
        for name, spelling in pattern.findall(prompt):
            if _decorated(spelling) and _usable(spelling):
                yield name, spelling
    for spelling, name in _AS_PATTERN.findall(prompt):
        if _decorated(spelling) and _usable(spelling):
            yield name, spelling


def _usable(word: str) -> bool:
    """A spelling the scanner can match: no operators or brackets inside it."""
    return not any(c in "+-*/^=<>|·−" for c in word) and word[0].isalpha()


def _greek_names(name: str) -> list[str]:
    """`gamma` -> γ, `lam` -> λ, `eps` -> ε: the letter whose name the variable spells."""
    return [letter for letter, spelled in GREEK.items()
            if name == spelled or (len(name) >= 3 and spelled.startswith(name))]


def _variants(found: dict[str, Target]) -> dict[str, Target]:
    """`pᵢ` also as `p_i`, and `ŷᵢ` also as `ŷ` (the index dropped), where that is free."""
    extra: dict[str, Target] = {}
    for spelling, target in found.items():
        if any(c in SUPERSCRIPTS for c in spelling):
            plain = "".join("^" + SUPERSCRIPTS[c] if c in SUPERSCRIPTS else c for c in spelling)
            extra[plain.replace("^^", "")] = target
        if spelling and spelling[-1] in _SUBSCRIPTS:
            base = spelling[:-1]
            extra[f"{base}_{_SUBSCRIPTS[spelling[-1]]}"] = target
            if base and not base.isascii():
                extra[base] = target
        base, _, index = spelling.rpartition("_")
        lowered = {plain: sub for sub, plain in _SUBSCRIPTS.items()}
        if base and index in lowered:
            extra[base + lowered[index]] = target
    return extra
