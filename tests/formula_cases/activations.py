"""Typed answers to the activation derivatives (questions/derivations/activations.yaml)."""

from __future__ import annotations

from formula_cases import Cases

S1 = "sigmoid(w1 x0)"
S2 = f"sigmoid(w2 {S1})"
CHAIN = f"w1 w2 {S1}(1 - {S1}) {S2}(1 - {S2})"

CASES = {
    "deriv-sigmoid": Cases(
        accept=["sigmoid(x)(1 - sigmoid(x))", "exp(-x)/(1 + exp(-x))^2", "exp(x)/(1 + exp(x))^2",
                "1/(4 cosh(x/2)^2)", "sech(x/2)^2/4", "(1 - tanh(x/2)^2)/4",
                "sigmoid(x) sigmoid(-x)", "1/(exp(x) + 2 + exp(-x))", "sigmoid(x) - sigmoid(x)^2",
                "σ(x)(1 − σ(x))"],
        reject=[("sigmoid(x)(1 + sigmoid(x))", {"x": 0}), ("exp(-x)/(1 + exp(-x))", {"x": 0}),
                ("sigmoid(x)^2", {"x": 1}), ("exp(x)/(1 + exp(-x))^2", {"x": 1}),
                ("1/(4 cosh(x)^2)", {"x": 1}), ("sech(x/2)^2/2", {"x": 0}),
                ("-exp(-x)/(1 + exp(-x))^2", {"x": 0}), ("sigmoid(x)(1 - sigmoid(x))/x", {"x": 2}),
                ("sigmoid(-x)^2", {"x": 1}), ("1/(1 + exp(-x))^2", {"x": 1})]),
    "deriv-tanh": Cases(
        accept=["1 - tanh(x)^2", "sech(x)^2", "1/cosh(x)^2", "4/(exp(x) + exp(-x))^2",
                "(1 - tanh(x))(1 + tanh(x))", "4exp(2x)/(exp(2x) + 1)^2",
                "4 sigmoid(2x)(1 - sigmoid(2x))", "1 - (exp(2x) - 1)^2/(exp(2x) + 1)^2",
                "sech²(x)"],
        reject=[("1 + tanh(x)^2", {"x": 1}), ("1 - tanh(x)", {"x": 1}),
                ("tanh(x)^2 - 1", {"x": 1}), ("sech(x)", {"x": 1}), ("1/cosh(x)", {"x": 1}),
                ("2/(exp(x) + exp(-x))^2", {"x": 0}), ("1 - tanh(x^2)", {"x": 2}),
                ("sigmoid(2x)(1 - sigmoid(2x))", {"x": 0}), ("cosh(x)^-2 + 1e-9", {"x": 0})]),
    "deriv-softplus": Cases(
        accept=["sigmoid(x)", "1/(1 + exp(-x))", "exp(x)/(1 + exp(x))", "1 - sigmoid(-x)",
                "(1 + tanh(x/2))/2", "exp(x - log(1 + exp(x)))", "e^x/(e^x + 1)", "1/(1 + e⁻ˣ)",
                "exp(-softplus(-x))"],
        reject=[("exp(x)", {"x": 0}), ("1/(1 + exp(x))", {"x": 1}), ("log(1 + exp(x))", {"x": 0}),
                ("sigmoid(x)(1 - sigmoid(x))", {"x": 0}), ("exp(x)/(1 + exp(x))^2", {"x": 0}),
                ("(1 + tanh(x))/2", {"x": 1}), ("1/(1 + exp(-x))^2", {"x": 1}),
                ("sigmoid(x/2)", {"x": 1}), ("1 + sigmoid(x)", {"x": 0})]),
    "deriv-swish": Cases(
        accept=["sigmoid(x) + x sigmoid(x)(1 - sigmoid(x))", "sigmoid(x)(1 + x(1 - sigmoid(x)))",
                "sigmoid(x)(1 + x - x sigmoid(x))", "sigmoid(x) + x exp(-x)/(1 + exp(-x))^2",
                "(1 + exp(-x) + x exp(-x))/(1 + exp(-x))^2", "sigmoid(x) + x sigmoid(x) sigmoid(-x)",  # noqa: E501
                "sigmoid(x)(1 + x sigmoid(-x))",
                "(exp(x)(1 + exp(x)) + x exp(x))/(1 + exp(x))^2"],
        reject=[("sigmoid(x)", {"x": 1}), ("x sigmoid(x)(1 - sigmoid(x))", {"x": 1}),
                ("sigmoid(x) + sigmoid(x)(1 - sigmoid(x))", {"x": 2}),
                ("sigmoid(x) - x sigmoid(x)(1 - sigmoid(x))", {"x": 1}),
                ("sigmoid(x)(1 + x sigmoid(x))", {"x": 1}), ("sigmoid(x) + x sigmoid(x)^2", {"x": 1}),  # noqa: E501
                ("sigmoid(x)(1 + x)(1 - sigmoid(x))", {"x": 1}), ("x sigmoid(x)", {"x": 1}),
                ("sigmoid(x) + x exp(-x)/(1 + exp(-x))", {"x": 1})]),
    "deriv-swish-beta": Cases(
        accept=["x^2 sigmoid(b x)(1 - sigmoid(b x))", "x^2 exp(-b x)/(1 + exp(-b x))^2",
                "x^2 sigmoid(bx) sigmoid(-bx)", "x² σ(βx)(1 − σ(βx))", "x^2/(4 cosh(b x/2)^2)",
                "(x sech(b x/2))^2/4", "x^2 (sigmoid(b x) - sigmoid(b x)^2)",
                "x x exp(b x)/(1 + exp(b x))^2"],
        reject=[("x sigmoid(b x)(1 - sigmoid(b x))", {"x": 2, "b": 1}),
                ("b x^2 sigmoid(b x)(1 - sigmoid(b x))", {"x": 1, "b": 2}),
                ("x^2 sigmoid(x)(1 - sigmoid(x))", {"x": 1, "b": 2}),
                ("sigmoid(b x) + b x sigmoid(b x)(1 - sigmoid(b x))", {"x": 1, "b": 1}),
                ("x^2 sigmoid(b x)", {"x": 1, "b": 1}),
                ("-x^2 sigmoid(b x)(1 - sigmoid(b x))", {"x": 1, "b": 1}),
                ("x^2 sigmoid(b x)(1 + sigmoid(b x))", {"x": 1, "b": 1}),
                ("x^2 exp(-b x)/(1 + exp(-b x))", {"x": 1, "b": 1}),
                ("b^2 sigmoid(b x)(1 - sigmoid(b x))", {"x": 2, "b": 1})]),
    "deriv-elu-negative": Cases(
        accept=["a exp(x)", "a e^x", "α·eˣ", "a exp(-abs(x))", "a/exp(-x)", "a(exp(x) - 1) + a",
                "exp(x + log(a))", "a sqrt(exp(2x))", "a exp(x/2)^2"],
        reject=[("a(exp(x) - 1)", {"x": -1, "a": 1}), ("exp(x)", {"x": -1, "a": 2}),
                ("a exp(-x)", {"x": -1, "a": 1}), ("a x exp(x)", {"x": -1, "a": 1}),
                ("a", {"x": -1, "a": 1}), ("a exp(x) - a", {"x": -1, "a": 1}),
                ("1", {"x": -1, "a": 1}), ("a(1 - exp(x))", {"x": -1, "a": 1}),
                ("a exp(x - 1)", {"x": -1, "a": 1})]),
    "deriv-sigmoid-chain": Cases(
        accept=[CHAIN,
                f"w1 w2 exp(-w1 x0)/(1 + exp(-w1 x0))^2 {S2} sigmoid(-w2 {S1})",
                f"w2 {S2}(1 - {S2}) w1 {S1} sigmoid(-w1 x0)",
                f"w1 w2 {S1}(1 - {S1})/(4 cosh(w2 {S1}/2)^2)",
                f"w1 w2/(16 cosh(w1 x0/2)^2 cosh(w2 {S1}/2)^2)",
                f"(w1 w2)({S1} - {S1}^2)({S2} - {S2}^2)",
                "w1 w2 σ(w1x0)(1 − σ(w1x0)) σ(w2 σ(w1x0))(1 − σ(w2 σ(w1x0)))",
                f"w1 w2 exp(-w1 x0) exp(-w2 {S1})/((1 + exp(-w1 x0))^2 (1 + exp(-w2 {S1}))^2)"],
        reject=[(f"w1 w2 {S1}(1 - {S1})", {"x0": 1, "w1": 1, "w2": 1}),
                (f"w2 {S1}(1 - {S1}) {S2}(1 - {S2})", {"x0": 1, "w1": 2, "w2": 1}),
                (f"w1 {S1}(1 - {S1}) {S2}(1 - {S2})", {"x0": 1, "w1": 1, "w2": 2}),
                (f"w1 w2 {S2}(1 - {S2})", {"x0": 1, "w1": 1, "w2": 1}),
                (f"w1 w2 {S1}(1 - {S1}) sigmoid(w2 x0)(1 - sigmoid(w2 x0))",
                 {"x0": 1, "w1": 1, "w2": 1}),
                (f"-{CHAIN}", {"x0": 1, "w1": 1, "w2": 1}),
                (f"w1 w2 {S1} {S2}", {"x0": 1, "w1": 1, "w2": 1}),
                (f"x0 w2 {S1}(1 - {S1}) {S2}(1 - {S2})", {"x0": 2, "w1": 1, "w2": 1})]),
}
