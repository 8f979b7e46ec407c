"""Where a question's variables live, and the points an answer is checked at. Grader child only.

A declared domain is sampled as stated: integers (with their parity) on their whole range, `unit`
as the open interval (0, 1), `positive`/`negative` without 0, and `min`/`max` as included ends.
Real points are exact rationals, drawn from the ordinary range around 0, from log-scaled
magnitudes up to LARGE with both signs, and at or just inside each end; integer questions with
small ranges meet a grid of every value of each small variable and the ends, both parities and a
run of consecutive values of each wide one.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

LARGE = 1000.0
"""Largest magnitude drawn for an unbounded real variable."""
SMALL = 1e-4
"""Smallest magnitude of the log-scaled draws."""
GRID_LIMIT = 6000
"""Most points of an integer grid; beyond it the wide variables keep fewer values."""
_INSIDE = (Fraction(1, 10**9), Fraction(1, 10**4))
"""How far inside an open end (relative to the range) the boundary points sit."""


@dataclass(frozen=True)
class Domain:
    """One variable's domain: bounds, whether each end is included, integer and parity."""

    kind: str
    low: float
    high: float
    low_open: bool
    high_open: bool
    parity: str | None = None

    @classmethod
    def of(cls, kind: str, low: float | None, high: float | None,
           parity: str | None = None) -> Domain:
        """The domain a question declares (see `Variable` for the meaning of the fields)."""
        if kind == "integer":
            return cls(kind, 1 if low is None else low, 1000 if high is None else high,
                       False, False, parity)
        natural_low, natural_high = {"real": (-math.inf, math.inf), "positive": (0, math.inf),
                                     "negative": (-math.inf, 0), "unit": (0, 1)}[kind]
        lo = natural_low if low is None else max(low, natural_low)
        hi = natural_high if high is None else min(high, natural_high)
        lo_open = kind in ("positive", "unit") and lo == 0
        hi_open = (kind == "negative" and hi == 0) or (kind == "unit" and hi == 1)
        return cls(kind, lo, hi, lo_open or math.isinf(lo), hi_open or math.isinf(hi))

    @property
    def integer(self) -> bool:
        return self.kind == "integer"

    def values(self) -> list[int]:
        """Every integer of the domain (only called for integer domains)."""
        step = 2 if self.parity else 1
        first = math.ceil(self.low)
        if self.parity and (first % 2 == 0) != (self.parity == "even"):
            first += 1
        return list(range(first, math.floor(self.high) + 1, step))

    def contains(self, value: Fraction) -> bool:
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def draw(self, rng: random.Random, regime: str) -> Fraction:
        """A value: "ordinary" near 0, "log" log-scaled magnitude, "edge" at or near an end."""
        if self.integer:
            values = self.values()
            return Fraction(rng.choice(values[:2] + values[-2:] if regime == "edge" else values))
        if regime == "edge":
            return rng.choice(self.edges() or [self._uniform(rng, self.low, self.high)])
        if regime == "log":
            return self._log(rng)
        return self._uniform(rng, max(self.low, -4.0), min(self.high, 4.0))

    def edges(self) -> list[Fraction]:
        """The ends (when included) and points just inside them, and 0, ±1 where allowed."""
        span = Fraction(min(self.high - self.low, 2 * LARGE)) if not self._unbounded() else 1
        found: list[Fraction] = []
        for end, sign in ((self.low, 1), (self.high, -1)):
            if math.isinf(end):
                continue
            exact = _rational(end)
            found += [exact + sign * gap * span for gap in _INSIDE]
            found.append(exact)
        found += [Fraction(v) for v in (0, 1, -1)]
        return [v for v in found if self.contains(v)]

    def _unbounded(self) -> bool:
        return math.isinf(self.low) or math.isinf(self.high)

    def _uniform(self, rng: random.Random, low: float, high: float) -> Fraction:
        if not low < high:
            low, high = self._finite()
        for _ in range(20):
            value = _rational(rng.uniform(low, high))
            if self.contains(value):
                return value
        return _rational((low + high) / 2)

    def _finite(self) -> tuple[float, float]:
        low = self.low if not math.isinf(self.low) else min(-LARGE, self.high - 1)
        high = self.high if not math.isinf(self.high) else max(LARGE, self.low + 1)
        return low, high

    def _log(self, rng: random.Random) -> Fraction:
        """A log-uniform magnitude within the domain, with a random sign where both occur."""
        low, high = self._finite()
        signs = [s for s in (1, -1) if (s > 0 and high > 0) or (s < 0 and low < 0)]
        for _ in range(20):
            sign = rng.choice(signs)
            top = high if sign > 0 else -low
            bottom = max(SMALL, low if sign > 0 and low > 0 else (-high if sign < 0 and high < 0
                                                                   else SMALL))
            if top <= bottom:
                continue
            value = _rational(sign * math.exp(rng.uniform(math.log(bottom), math.log(top))))
            if self.contains(value):
                return value
        return self._uniform(rng, low, high)


def _rational(value: float) -> Fraction:
    """A float as an exact rational with 12 significant digits (readable, exactly reproducible)."""
    return Fraction(f"{value:.12g}") if math.isfinite(value) else Fraction(0)


_REGIMES = ("ordinary",) * 5 + ("log",) * 4 + ("edge",)


def random_points(domains: Mapping[str, Domain], rng: random.Random
                  ) -> Iterator[dict[str, Fraction]]:
    """Endless points: each variable picks its own regime, so extremes meet ordinary values;
    the first ones alternate with every edge value of each real variable."""
    edges = [(name, value) for name, domain in domains.items() if not domain.integer
             for value in domain.edges()]
    rng.shuffle(edges)
    while True:
        yield {n: d.draw(rng, rng.choice(_REGIMES)) for n, d in domains.items()}
        if edges:
            name, value = edges.pop()
            yield {**{n: d.draw(rng, "ordinary") for n, d in domains.items()}, name: value}


def integer_grid(domains: Mapping[str, Domain], rng: random.Random) -> list[dict[str, Fraction]]:
    """A grid over integer-only domains: all of each small range, ends, parities and a run."""
    axes = {name: d.values() for name, d in domains.items()}
    chosen = axes  # every combination, when there are few enough
    for keep in (16, 8, 4):  # else only the wide axes shrink; a small range stays complete
        if math.prod(len(v) for v in chosen.values()) <= GRID_LIMIT:
            break
        chosen = {n: v if len(v) <= 16 else _axis(v, keep, rng) for n, v in axes.items()}
    names = list(chosen)
    combos = itertools.product(*(chosen[n] for n in names))
    grid = [{n: Fraction(v) for n, v in zip(names, combo, strict=True)} for combo in combos]
    if len(grid) > GRID_LIMIT:
        corners = [p for p in grid if all(p[n] in (axes[n][0], axes[n][-1]) for n in names)]
        grid = corners + rng.sample(grid, GRID_LIMIT - len(corners))
    return grid


def _axis(values: list[int], keep: int, rng: random.Random) -> list[int]:
    """All values when there are at most `keep`, else ends, a run from the start and randoms."""
    if len(values) <= keep:
        return values
    run = values[:keep // 2]
    ends = values[-2:]
    middle = rng.sample(values[keep // 2:-2], min(keep // 4, len(values) - keep // 2 - 2))
    return sorted(set(run + ends + middle))


def as_sympy(point: Mapping[str, Fraction], symbols: Mapping[str, Any]) -> dict[Any, Any]:
    """The point as SymPy numbers keyed by symbol, ready for `xreplace`."""
    return {symbols[n]: sympy.Rational(v.numerator, v.denominator) for n, v in point.items()}
