"""Typed answers to the loss gradients (questions/derivations/losses.yaml and the MSE one)."""

from __future__ import annotations

from formula_cases import Cases

FOCAL = {"z": 0, "a": 0.5, "g": 2}
DICE = {"t": 0.5, "I": 0.5, "P": 1, "T": 1}
LOGREG = {"w": 1, "x": 1, "b": 0, "y": 0.2}
S = "sigmoid(z)"
F = "sigmoid(w x + b)"

CASES = {
    "deriv-softmax-ce": Cases(
        accept=["p - y", "-(y - p)", "pᵢ − yᵢ", "p_i - y_i", "(p^2 - y^2)/(p + y)",
                "p(1 - y) - y(1 - p)", "-y + p", "2(p - y)/2", "(p - y)(p + y)/(p + y)"],
        reject=[(a, {"p": 0.7, "y": 0.2}) for a in [
            "y - p", "p - 1", "p(1 - p)", "-y/p", "p - y p", "p + y", "(p - y)/p", "log(p) - y",
            "p y - y"]]),
    "deriv-bce-logit": Cases(
        accept=["sigmoid(z) - y", "1/(1 + exp(-z)) - y", "exp(z)/(1 + exp(z)) - y",
                "(1 - y) sigmoid(z) - y(1 - sigmoid(z))", "1 - y - sigmoid(-z)",
                "(1 + tanh(z/2))/2 - y", "(1 - y(1 + exp(-z)))/(1 + exp(-z))", "σ(z) − y"],
        reject=[("y - sigmoid(z)", {"z": 0, "y": 0.2}), ("sigmoid(z)", {"z": 0, "y": 0.2}),
                ("sigmoid(-z) - y", {"z": 1, "y": 0.2}),
                ("sigmoid(z)(1 - sigmoid(z)) - y", {"z": 0, "y": 0.2}),
                ("-y/sigmoid(z) + (1 - y)/(1 - sigmoid(z))", {"z": 0, "y": 0.2}),
                ("sigmoid(z) - y sigmoid(z)", {"z": 0, "y": 0.2}),
                ("exp(z)/(1 + exp(-z)) - y", {"z": 1, "y": 0.2}),
                ("y sigmoid(z) - y", {"z": 0, "y": 0.2})]),
    "deriv-focal-positive": Cases(
        accept=[f"a(1 - {S})^g (g {S} log({S}) + {S} - 1)",
                f"a g {S}(1 - {S})^g log({S}) - a(1 - {S})^(g + 1)",
                "α(1 − σ(z))^γ(γσ(z)ln(σ(z)) + σ(z) − 1)",
                f"a sigmoid(-z)^g (g {S} log({S}) - sigmoid(-z))",
                f"-a(1 - {S})^g (1 - {S} - g {S} log({S}))",
                f"a(1 - {S})^g (-g {S} log(1 + exp(-z)) + {S} - 1)",
                f"a exp(-g softplus(z)) (g {S} log({S}) + {S} - 1)",
                f"a (1 + exp(z))^(-g) (g {S} log({S}) - 1/(1 + exp(z)))"],
        reject=[(f"a(1 - {S})^g ({S} - 1)", FOCAL),
                (f"-a(1 - {S})^g (g {S} log({S}) + {S} - 1)", FOCAL),
                (f"a(1 - {S})^g (g {S} log({S}) + {S})", FOCAL),
                (f"a(1 - {S})^(g - 1) (g {S} log({S}) + {S} - 1)", FOCAL),
                (f"a(1 - {S})^g (g log({S}) + {S} - 1)", FOCAL),
                (f"a({S} - 1)", FOCAL),
                (f"(1 - {S})^g (g {S} log({S}) + {S} - 1)", FOCAL),
                (f"a(1 - {S})^g (g (1 - {S}) log({S}) + {S} - 1)", {"z": 1, "a": 0.5, "g": 2}),
                (f"a g {S}(1 - {S})^g log({S})", FOCAL)]),
    "deriv-label-smoothing-ce": Cases(
        accept=["p - 1 + eps - eps/K", "p - (1 - eps) - eps/K", "p - 1 + eps(K - 1)/K",
                "p - (K - eps K + eps)/K", "p - ((1 - eps) + eps/K)", "(K p - K + eps K - eps)/K",
                "p - 1 + ε(1 − 1/K)", "p - (1 - eps(K - 1)/K)"],
        reject=[(a, {"p": 0.5, "eps": 0.1, "K": 10}) for a in [
            "p - 1", "p - 1 + eps", "p - 1 + eps/K", "p - (1 - eps + eps/(K - 1))", "p - eps/K",
            "p - 1 + eps(K + 1)/K", "1 - eps + eps/K - p", "p - 1 - eps + eps/K",
            "p(1 - eps) - 1 + eps/K"]]),
    "deriv-distillation-logit": Cases(
        accept=["T(p - q)", "T p - T q", "-T(q - p)", "Tp - Tq", "(p - q)T", "T(pᵢ − qᵢ)",
                "T^2 (p - q)/T", "(T p^2 - T q^2)/(p + q)"],
        reject=[(a, {"T": 2, "p": 0.7, "q": 0.2}) for a in [
            "p - q", "(p - q)/T", "T^2(p - q)", "T(q - p)", "T p - q", "T(p - q)^2", "T(p + q)",
            "(p - q)/T^2", "T p(1 - q)"]]),
    "deriv-huber-clip": Cases(
        accept=["clip(d, -1, 1)", "max(-1, min(1, d))", "min(1, max(-1, d))",
                "sign(d) min(abs(d), 1)", "(abs(d + 1) - abs(d - 1))/2",
                "d - relu(d - 1) + relu(-d - 1)", "d/max(abs(d), 1)", "max(min(d, 1), -1)"],
        reject=[("d", {"d": 2}), ("sign(d)", {"d": 0.5}), ("clip(d, 0, 1)", {"d": -0.5}),
                ("min(d, 1)", {"d": -2}), ("max(d, -1)", {"d": 2}),
                ("clip(d, -1, 1)/2", {"d": 0.5}), ("tanh(d)", {"d": 0.5}),
                ("d/(1 + abs(d))", {"d": 0.5}), ("clip(d, -2, 2)", {"d": 1.5})]),
    "deriv-mse-mean": Cases(
        accept=["2(yhat - y)/N", "(2/N)(yhat - y)", "2yhat/N - 2y/N", "(yhat - y)/(N/2)",
                "-2(y - yhat)/N", "2(ŷ − y)/N", "(yhat - y)(2/N)", "2N^(-1)(yhat - y)"],
        reject=[("2(yhat - y)", {"yhat": 1, "y": 0, "N": 4}),
                ("(yhat - y)/N", {"yhat": 1, "y": 0, "N": 4}),
                ("2(y - yhat)/N", {"yhat": 1, "y": 0, "N": 4}),
                ("2(yhat - y)/N^2", {"yhat": 1, "y": 0, "N": 4}),
                ("(yhat - y)^2/N", {"yhat": 1, "y": 0, "N": 4}),
                ("2(yhat - y)/(N - 1)", {"yhat": 1, "y": 0, "N": 4}),
                ("2 yhat/N - y", {"yhat": 1, "y": 1, "N": 4}),
                ("2(yhat - y) N", {"yhat": 1, "y": 0, "N": 4}),
                ("(yhat - y)/(2N)", {"yhat": 1, "y": 0, "N": 4})]),
    "deriv-soft-dice": Cases(
        accept=["2t/(P + T) - 2I/(P + T)^2", "2[t(P + T) − I]/(P + T)²",
                "(2t(P + T) - 2I)/(P + T)^2", "2(tP + tT - I)/(P^2 + 2P T + T^2)",
                "2t/(P + T) - 2I (P + T)^-2", "(2/(P + T))(t - I/(P + T))",
                "2{tᵢ(P+T) - I}/(P+T)^2", "2(t - I/(P + T))/(P + T)"],
        reject=[(a, DICE) for a in [
            "2t/(P + T)", "2t/(P + T) + 2I/(P + T)^2", "2(t(P + T) - I)/(P + T)",
            "(t(P + T) - I)/(P + T)^2", "2(t(P + T) - I)/(P^2 + T^2)",
            "2(I - t(P + T))/(P + T)^2", "2(t P - I)/(P + T)^2", "2t(P + T) - 2I",
            "2(t(P + T) - 2I)/(P + T)^2"]]),
    "deriv-logistic-regression-w": Cases(
        accept=[f"x({F} - y)", f"x {F} - x y", "x/(1 + exp(-w x - b)) - x y",
                f"-x(y - {F})", "x(1 - y - sigmoid(-w x - b))",
                f"x((1 - y) {F} - y sigmoid(-w x - b))",
                "x(exp(w x + b)/(1 + exp(w x + b)) - y)", "x(σ(wx + b) − y)"],
        reject=[(f"{F} - y", {**LOGREG, "x": 2}), (f"x(y - {F})", LOGREG),
                (f"x {F} - y", {**LOGREG, "x": 2}), (f"w({F} - y)", {**LOGREG, "x": 2}),
                (f"x({F} - y) {F}(1 - {F})", LOGREG), ("x(sigmoid(w x) - y)", {**LOGREG, "b": 1}),
                (f"x {F}(1 - {F})", LOGREG), (f"({F} - y)/x", {**LOGREG, "x": 2}),
                (f"x({F} - y) + b", {**LOGREG, "b": 1})]),
    "deriv-mse-prediction": Cases(
        accept=["2(yhat - y)", "2yhat - 2y", "-2(y - yhat)", "2(ŷ − y)",
                "(yhat - y) + (yhat - y)", "4(yhat - y)/2", "2 sign(yhat - y) abs(yhat - y)",
                "yhat + yhat - y - y"],
        reject=[("yhat - y", {"yhat": 1, "y": 0}), ("2(y - yhat)", {"yhat": 1, "y": 0}),
                ("(yhat - y)^2", {"yhat": 1, "y": 0}), ("2 yhat", {"yhat": 2, "y": 1}),
                ("2(yhat + y)", {"yhat": 2, "y": 1}), ("2(yhat - y)^2", {"yhat": 2, "y": 0}),
                ("2 yhat - y", {"yhat": 2, "y": 1}), ("-2(yhat - y)", {"yhat": 1, "y": 0}),
                ("2 abs(yhat - y)", {"yhat": 0, "y": 1})]),
}
