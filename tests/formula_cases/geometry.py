"""Typed answers to the convolution geometry formulas (questions/derivations/geometry.yaml)."""

from __future__ import annotations

from formula_cases import Cases

CONV = {"i": 10, "k": 3, "s": 2, "p": 0}
DILATED = {"i": 10, "k": 3, "s": 1, "p": 0, "d": 2}
TRANSPOSED = {"i": 5, "k": 3, "s": 2, "p": 1, "d": 1, "o": 1}
GROUPED = {"k": 3, "c_in": 4, "c_out": 8, "g": 2}

CASES = {
    "formula-conv-output": Cases(
        accept=["floor((i + 2p - k)/s) + 1", "floor((i + 2p - k)/s + 1)",
                "floor((i + 2p - k + s)/s)", "ceil((i + 2p - k + 1)/s)", "(i + 2p - k)//s + 1",
                "⌊(i + 2p − k)/s⌋ + 1", "floor((i - k + 2p)/s) + 1", "(i + 2p - k + s)//s"],
        reject=[("(i + 2p - k)/s + 1", CONV), ("floor((i + p - k)/s) + 1", {**CONV, "s": 1, "p": 1}),  # noqa: E501
                ("floor((i + 2p - k)/s)", CONV), ("ceil((i + 2p - k)/s) + 1", CONV),
                ("floor((i + 2p - k + 1)/s) + 1", CONV),
                ("floor((i - 2p - k)/s) + 1", {**CONV, "s": 1, "p": 1}),
                ("floor((i + 2p - k)/s) + 2", CONV), ("floor((i + 2p)/s) - k + 1", CONV),
                ("floor((i + 2p - k - 1)/s) + 1", {**CONV, "s": 1})]),
    "formula-conv-output-dilated": Cases(
        accept=["floor((i + 2p - d(k - 1) - 1)/s) + 1", "floor((i + 2p - dk + d - 1)/s) + 1",
                "(i + 2p - d(k - 1) - 1)//s + 1", "ceil((i + 2p - d(k - 1))/s)",
                "floor((i + 2p - d(k - 1) - 1 + s)/s)", "floor((i + 2p - (d(k - 1) + 1))/s + 1)",
                "⌊(i + 2p − d(k − 1) − 1)/s⌋ + 1", "floor((i - 1 - d k + d + 2p)/s) + 1"],
        reject=[("floor((i + 2p - k)/s) + 1", DILATED), ("floor((i + 2p - dk)/s) + 1", DILATED),
                ("floor((i + 2p - d(k - 1))/s) + 1", DILATED),
                ("floor((i + 2p - d k - 1)/s) + 1", DILATED),
                ("floor((i + 2p - (d - 1)(k - 1) - 1)/s) + 1", DILATED),
                ("ceil((i + 2p - d(k - 1) - 1)/s) + 1", {**DILATED, "s": 2}),
                ("floor((i + p - d(k - 1) - 1)/s) + 1", {**DILATED, "p": 1}),
                ("(i + 2p - d(k - 1) - 1)/s + 1", {**DILATED, "s": 2}),
                ("floor((i + 2p - d(k + 1) - 1)/s) + 1", DILATED)]),
    "formula-transposed-conv-output": Cases(
        accept=["(i - 1)s - 2p + d(k - 1) + o + 1", "s(i - 1) + dk - d - 2p + o + 1",
                "i s - s - 2p + d k - d + o + 1", "(i - 1)s + d(k - 1) + 1 - 2p + o",
                "s i - (s + 2p) + d(k - 1) + o + 1", "(i − 1)·s − 2·p + d·(k − 1) + o + 1",
                "s(i - 1) - 2p + (k - 1)d + 1 + o",
                "(i-1)s - 2p + d(k-1) + output_padding + 1"],
        reject=[("(i - 1)s - 2p + d(k - 1) + 1", TRANSPOSED),
                ("(i - 1)s - 2p + k + o", {**TRANSPOSED, "d": 2}),
                ("i s - 2p + d(k - 1) + o + 1", TRANSPOSED),
                ("(i - 1)s - p + d(k - 1) + o + 1", TRANSPOSED),
                ("(i - 1)s + 2p + d(k - 1) + o + 1", TRANSPOSED),
                ("(i - 1)s - 2p + d k + o + 1", TRANSPOSED),
                ("(i + 1)s - 2p + d(k - 1) + o + 1", TRANSPOSED),
                ("floor((i + 2p - d(k - 1) - 1)/s) + 1", TRANSPOSED),
                ("(i - 1)s - 2p + d(k - 1) + o", TRANSPOSED)]),
    "formula-same-padding": Cases(
        accept=["d(k - 1)/2", "(d k - d)/2", "d floor(k/2)", "d(k//2)", "d ceil((k - 1)/2)",
                "0.5 d (k - 1)", "floor(d(k - 1)/2)", "ceil(d(k - 1)/2)"],
        reject=[("d k/2", {"k": 3, "d": 1}), ("d ceil(k/2)", {"k": 3, "d": 1}),
                ("(k - 1)/2", {"k": 3, "d": 2}), ("d(k + 1)/2", {"k": 3, "d": 1}),
                ("floor(d k/2)", {"k": 3, "d": 2}), ("d(k - 1)", {"k": 3, "d": 1}),
                ("(d k - 1)/2", {"k": 3, "d": 2}), ("d(k - 1)/2 + 1", {"k": 3, "d": 1}),
                ("(d(k - 1) + 1)/2", {"k": 3, "d": 1})]),
    "formula-receptive-field-stack": Cases(
        accept=["1 + n(k - 1)", "n k - n + 1", "n(k - 1) + 1", "(k - 1)n + 1", "1 + nk - n",
                "k + (n - 1)(k - 1)", "1 - n + n k", "((k - 1)n + 2) - 1"],
        reject=[(a, {"n": 3, "k": 3}) for a in [
            "n k", "n(k - 1)", "1 + n k", "k + n(k - 1)", "1 + (n - 1)(k - 1)", "n(k - 1) - 1",
            "k^n", "1 + n(k - 1)/2", "(n + 1)(k - 1)"]]),
    "formula-dilated-kernel-extent": Cases(
        accept=["d(k - 1) + 1", "dk - d + 1", "k + (k - 1)(d - 1)", "1 + d(k - 1)",
                "(k - 1)d + 1", "d k - (d - 1)", "k d + 1 - d", "1 - d + d k"],
        reject=[("d k", {"k": 3, "d": 2}), ("d(k - 1)", {"k": 3, "d": 2}),
                ("k + d - 1", {"k": 3, "d": 2}), ("k(d - 1) + 1", {"k": 3, "d": 2}),
                ("(d - 1)(k - 1) + 1", {"k": 3, "d": 2}), ("d(k + 1) - 1", {"k": 3, "d": 2}),
                ("k + (k - 1)d", {"k": 3, "d": 2}), ("d(k - 1) + 2", {"k": 3, "d": 2}),
                ("k d - 1", {"k": 3, "d": 3})]),
    "formula-depthwise-cost-ratio": Cases(
        accept=["1/N + 1/k^2", "(k^2 + N)/(N k^2)", "1/k^2 + 1/N", "(N + k^2)/(k^2 N)",
                "N^-1 + k^-2", "(1 + N/k^2)/N", "(k^2 + N)/(N k k)", "1/N + (1/k)^2"],
        reject=[("1/N", {"N": 4, "k": 2}), ("1/k^2", {"N": 4, "k": 2}),
                ("1/N + 1/k", {"N": 4, "k": 2}), ("1/(N + k^2)", {"N": 4, "k": 2}),
                ("(k^2 + N)/N", {"N": 4, "k": 2}), ("1/N + k^2", {"N": 4, "k": 2}),
                ("N k^2/(k^2 + N)", {"N": 4, "k": 2}), ("1/N + 1/(2k)", {"N": 4, "k": 3}),
                ("(k + N)/(N k^2)", {"N": 4, "k": 2})]),
    "formula-stacked-3x3-ratio": Cases(
        accept=["9n/(2n + 1)^2", "9n/(4n^2 + 4n + 1)", "9 n (2n + 1)^-2", "(3/(2n + 1))^2 n",
                "9n/((2n + 1)(2n + 1))", "n · 9/(2n + 1)²", "9/(4n + 4 + 1/n)",
                "(9n)/(2n+1)/(2n+1)"],
        reject=[(a, {"n": 2}) for a in [
            "9n/(2n + 1)", "9/(2n + 1)^2", "9n^2/(2n + 1)^2", "9n/(2n - 1)^2", "3n/(2n + 1)^2",
            "9n/(4n^2 + 1)", "(2n + 1)^2/(9n)", "9n/(n + 1)^2", "9n/(2n + 1)^2 + 1/n^2"]]),
    "formula-grouped-conv-params": Cases(
        accept=["k^2 c_in c_out/g + c_out", "c_out(k^2 c_in/g + 1)", "c_out (k^2 c_in + g)/g",
                "k k c_in c_out/g + c_out", "c_out + c_out k^2 c_in/g",
                "(c_in/g) k^2 c_out + c_out", "c_out k² c_in/g + c_out",
                "g (c_in/g)(c_out/g) k^2 + c_out"],
        reject=[(a, GROUPED) for a in [
            "k^2 c_in c_out + c_out", "k^2 c_in c_out/g", "k^2 c_in c_out/g^2 + c_out",
            "k c_in c_out/g + c_out", "k^2 c_in c_out/g + c_in", "k^2 c_in c_out/g + g",
            "k^2 (c_in + c_out)/g + c_out", "c_out(k^2 c_in/g + g)",
            "k^2 c_in c_out/g + c_out/g"]]),
}
