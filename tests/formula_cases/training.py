"""Typed answers to the training formulas (questions/derivations/training.yaml)."""

from __future__ import annotations

from formula_cases import Cases

DECAY = {"w": 1, "g": 1, "eta": 0.1, "lam": 0.01}
FOLD = {"b": 2, "mu": 1, "var": 1, "eps": 0.01, "gamma": 2, "beta": 0.5}
ANNEAL = {"t": 25, "T": 100, "emax": 0.5, "emin": 0.01}
SQRT = "sqrt(var + eps)"

CASES = {
    "formula-weight-decay-step": Cases(
        accept=["w - eta g - eta lam w", "(1 - eta lam) w - eta g", "w - eta(g + lam w)",
                "w(1 - eta lam) - eta g", "(1 − ηλ)w − ηg", "w - η(g + λw)",
                "-eta g + w - eta lam w", "w - eta lam w - g eta"],
        reject=[("w - eta g", DECAY), ("w - eta g - lam w", DECAY),
                ("w - eta(g + lam)", {**DECAY, "w": 2}), ("(1 - lam)w - eta g", DECAY),
                ("w + eta g - eta lam w", DECAY), ("w - eta g + eta lam w", DECAY),
                ("(1 - eta lam)(w - eta g)", DECAY), ("w - eta g - eta lam w^2", {**DECAY, "w": 2}),
                ("w - eta g - eta lam w/2", DECAY)]),
    "formula-dropout-variance": Cases(
        accept=["p x^2/(1 - p)", "x^2 p/(1 - p)", "x^2/(1/p - 1)", "x^2 (1/(1 - p) - 1)",
                "x x p/(1 - p)", "(x^2/(1 - p)) - x^2", "-p x^2/(p - 1)", "x^2 p (1 - p)^-1"],
        reject=[("x^2 p", {"x": 2, "p": 0.5}), ("x^2/(1 - p)", {"x": 2, "p": 0.5}),
                ("x^2 (1 - p)/p", {"x": 2, "p": 0.25}), ("p x/(1 - p)", {"x": 2, "p": 0.5}),
                ("x^2 p(1 - p)", {"x": 2, "p": 0.5}), ("x^2 p/(1 - p)^2", {"x": 2, "p": 0.5}),
                ("p^2 x^2/(1 - p)", {"x": 2, "p": 0.5}),
                ("x^2/(1 - p)^2 - x^2", {"x": 2, "p": 0.5}),
                ("x^2 p/(1 + p)", {"x": 2, "p": 0.5})]),
    "formula-bn-identity-gamma": Cases(
        accept=["sqrt(var + eps)", "(var + eps)^0.5", "(var + eps)^(1/2)", "√(σ² + ε)",
                "(var + eps)/sqrt(var + eps)", "sqrt(eps + var)", "exp(log(var + eps)/2)",
                "1/sqrt(1/(var + eps))"],
        reject=[("sqrt(var)", {"var": 1, "eps": 0.01}), ("sqrt(var) + eps", {"var": 1, "eps": 0.01}),  # noqa: E501
                ("var + eps", {"var": 1, "eps": 0.01}),
                ("1/sqrt(var + eps)", {"var": 1, "eps": 0.01}),
                ("sqrt(var + eps^2)", {"var": 1, "eps": 0.01}),
                ("sqrt(var) + sqrt(eps)", {"var": 1, "eps": 0.01}),
                ("(var + eps)^2", {"var": 1, "eps": 0.01}),
                ("sqrt(var^2 + eps)", {"var": 2, "eps": 0.01}),
                ("sqrt(var + eps)/2", {"var": 1, "eps": 0.01})]),
    "formula-bn-fold-bias": Cases(
        accept=[f"beta + gamma(b - mu)/{SQRT}", "β + γ(b − μ)/√(σ² + ε)",
                f"gamma b/{SQRT} - gamma mu/{SQRT} + beta",
                f"(gamma(b - mu) + beta {SQRT})/{SQRT}", "beta - gamma(mu - b)(var + eps)^(-1/2)",
                "gamma(b - mu)(var + eps)^-0.5 + beta", "beta + (b - mu) gamma/sqrt(eps + var)",
                "beta + gamma (b - mu) sqrt(1/(var + eps))"],
        reject=[(a, FOLD) for a in [
            f"gamma(b - mu)/{SQRT}", f"gamma b/{SQRT} + beta", "gamma(b - mu)/sqrt(var) + beta",
            "gamma(b - mu)/(var + eps) + beta", f"(b - mu)/{SQRT} + beta",
            f"gamma(b - mu)/{SQRT} - beta", f"gamma(b + mu)/{SQRT} + beta",
            f"gamma(b - mu)/{SQRT} + beta/{SQRT}", f"(gamma b - mu)/{SQRT} + beta"]]),
    "formula-xavier-uniform-bound": Cases(
        accept=["sqrt(6/(m + n))", "sqrt(6)/sqrt(m + n)", "√6/√(m+n)", "(6/(m + n))^0.5",
                "sqrt(6(m + n))/(m + n)", "sqrt(6) (m + n)^(-1/2)", "sqrt(3/((m + n)/2))",
                "sqrt(6/(n_in + n_out))"],
        reject=[(a, {"m": 1, "n": 2}) for a in [
            "6/(m + n)", "sqrt(6)/(m + n)", "sqrt(2/(m + n))", "sqrt(6/(m n))", "sqrt(3/(m + n))",
            "sqrt(6/m) + sqrt(6/n)", "sqrt(6/(m + n + 1))", "sqrt(6/m)", "sqrt(12/(m + n))"]]),
    "formula-momentum-sum": Cases(
        accept=["g(1 - mu^t)/(1 - mu)", "g(mu^t - 1)/(mu - 1)", "g(1 − μᵗ)/(1 − μ)",
                "g/(1 - mu) - g mu^t/(1 - mu)", "-g(1 - mu^t)/(mu - 1)",
                "g (1 - mu^t) (1 - mu)^-1", "(g - g mu^t)/(1 - mu)",
                "g(1 - exp(t log(mu)))/(1 - mu)"],
        reject=[("g/(1 - mu)", {"g": 1, "mu": 0.5, "t": 2}),
                ("g(1 - mu^(t + 1))/(1 - mu)", {"g": 1, "mu": 0.5, "t": 2}),
                ("g(1 - mu^(t - 1))/(1 - mu)", {"g": 1, "mu": 0.5, "t": 2}),
                ("g mu^t/(1 - mu)", {"g": 1, "mu": 0.5, "t": 2}),
                ("g(1 - mu^t)", {"g": 1, "mu": 0.5, "t": 2}), ("g t", {"g": 1, "mu": 0.5, "t": 2}),
                ("g(1 - mu^t)/mu", {"g": 1, "mu": 0.25, "t": 2}),
                ("g(1 + mu^t)/(1 - mu)", {"g": 1, "mu": 0.5, "t": 2}),
                ("g(1 - mu^t)/(1 - mu)^2", {"g": 1, "mu": 0.5, "t": 2})]),
    "formula-cosine-annealing": Cases(
        accept=["emin + (emax - emin)(1 + cos(pi t/T))/2",
                "(emax + emin)/2 + (emax - emin) cos(pi t/T)/2",
                "emin + (emax - emin) cos(pi t/(2T))^2",
                "emax - (emax - emin)(1 - cos(pi t/T))/2",
                "emax - (emax - emin) sin(pi t/(2T))^2",
                "η_min + (η_max − η_min)(1 + cos(πt/T))/2",
                "(emax(1 + cos(pi t/T)) + emin(1 - cos(pi t/T)))/2",
                "emin + (emax - emin)(1 + cos(t pi/T))/2"],
        reject=[("emin + (emax - emin) cos(pi t/T)", ANNEAL),
                ("emin + (emax - emin)(1 - cos(pi t/T))/2", ANNEAL),
                ("emin + emax(1 + cos(pi t/T))/2", ANNEAL),
                ("emin + (emax - emin)(1 + cos(t/T))/2", ANNEAL),
                ("emax + (emax - emin)(1 + cos(pi t/T))/2", ANNEAL),
                ("emin + (emax - emin)(1 + cos(2 pi t/T))/2", ANNEAL),
                ("emin + (emax - emin)(1 + sin(pi t/T))/2", {**ANNEAL, "t": 10}),
                ("(emax - emin)(1 + cos(pi t/T))/2", ANNEAL),
                ("emin + (emax - emin)(1 + cos(pi t/T))", ANNEAL)]),
}
