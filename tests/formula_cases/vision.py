"""Typed answers to the imaging and detection formulas (questions/derivations/vision.yaml)."""

from __future__ import annotations

from formula_cases import Cases

STRETCH = {"r": 100, "rmin": 20, "rmax": 180, "L": 256}
ANCHORS = {"n": 2, "m": 3, "H": 4, "W": 5}

CASES = {
    "deriv-log-transform": Cases(
        accept=["c/(1 + r)", "c(1 + r)⁻¹", "c/(r + 1)", "c (1 + r)^-1", "c exp(-log(1 + r))",
                "1/((1 + r)/c)", "(c/(1 + r^2)) ((1 + r^2)/(1 + r))", "c r/(r + r^2)"],
        reject=[("c log(1 + r)", {"c": 2, "r": 1}), ("c/r", {"c": 2, "r": 1}),
                ("1/(1 + r)", {"c": 2, "r": 1}), ("c/(1 + r)^2", {"c": 2, "r": 1}),
                ("c(1 + r)", {"c": 2, "r": 1}), ("c/(1 + c r)", {"c": 2, "r": 1}),
                ("c r/(1 + r)", {"c": 2, "r": 2}), ("log(c)/(1 + r)", {"c": 2, "r": 1}),
                ("c/(1 + r) + 1", {"c": 2, "r": 1})]),
    "formula-log-transform-constant": Cases(
        accept=["(L - 1)/log(L)", "(L - 1)/ln(L)", "(L-1)/log(L, e)", "L/log(L) - 1/log(L)",
                "(L - 1) log(L)^-1", "(L - 1)/(2 log(sqrt(L)))", "(L - 1) log(e)/log(L)",
                "(1 - L)/log(1/L)"],
        reject=[(a, {"L": 256}) for a in [
            "(L - 1)/log(L - 1)", "L/log(L)", "(L - 1)/log(L, 10)", "(L - 1)/log(L, 2)",
            "(L - 1) log(L)", "log(L)/(L - 1)", "(L - 1)/log(L + 1)",
            "(L - 1)/log(1 + L - 1) + 1", "(L - 1)/(2 log(L))"]]),
    "formula-contrast-stretch": Cases(
        accept=["(r - rmin)(L - 1)/(rmax - rmin)", "(L - 1)(r - rmin)/(rmax - rmin)",
                "(r - rmin)/(rmax - rmin) (L - 1)", "(L - 1)(rmin - r)/(rmin - rmax)",
                "(L - 1) r/(rmax - rmin) - (L - 1) rmin/(rmax - rmin)",
                "(r L - r - rmin L + rmin)/(rmax - rmin)",
                "(L - 1)(1 - (rmax - r)/(rmax - rmin))",
                "(r - rmin)(L - 1)(rmax - rmin)^-1"],
        reject=[("(r - rmin) L/(rmax - rmin)", STRETCH), ("r(L - 1)/(rmax - rmin)", STRETCH),
                ("(r - rmin)(L - 1)/rmax", STRETCH), ("(r - rmin)(L - 1)/(rmax + rmin)", STRETCH),
                ("(r - rmin)/(rmax - rmin)", STRETCH),
                ("(r - rmin)(L - 1)/(rmax - rmin) + rmin", STRETCH),
                ("(rmax - r)(L - 1)/(rmax - rmin)", {**STRETCH, "r": 60}),
                ("(r - rmin)(L - 1)/(r - rmin)", STRETCH),
                ("(r - rmin)(L - 1)/(rmax - rmin)^2", STRETCH)]),
    "formula-iou-shifted-squares": Cases(
        accept=["(1 - d)/(1 + d)", "2/(1 + d) - 1", "(1 - d)/(2 - (1 - d))",
                "(1 - d^2)/(1 + d)^2", "-(d - 1)/(d + 1)", "1 - 2d/(1 + d)", "(1 - d)(1 + d)^-1",
                "1/((1 + d)/(1 - d))"],
        reject=[("1 - d", {"d": 0.5}), ("(1 - d)/2", {"d": 0.5}), ("(1 - d)/(2 - d)", {"d": 0.25}),
                ("(1 - d)/(1 + 2d)", {"d": 0.5}), ("(1 + d)/(1 - d)", {"d": 0.5}),
                ("(1 - d)^2/(1 + d)", {"d": 0.5}), ("d/(1 + d)", {"d": 0.25}),
                ("1/(1 + d)", {"d": 0.5}), ("(1 - d)/(1 + d)^2", {"d": 0.5})]),
    "formula-anchor-count": Cases(
        accept=["H W (n + m - 1)", "HW(n + m - 1)", "H W n + H W m - H W", "(n + m - 1) H W",
                "H W (n + m) - H W", "W H (m + n - 1)", "H(W n + W m - W)",
                "H·W·(n + m − 1)"],
        reject=[(a, ANCHORS) for a in [
            "H W n m", "H W (n + m)", "H W (n + m + 1)", "(n + m - 1)", "H W (n m - 1)",
            "H (n + m - 1)", "H W n + m - 1", "(H + W)(n + m - 1)", "H W (n + m - 2)"]]),
}
