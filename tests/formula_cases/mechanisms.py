"""Answers grouped by the grading mechanism they exercise: (question id, answer[, witness]).

Question ids are the bank's, or one of `INLINE` (small questions that isolate a domain rule).
"""

from __future__ import annotations

from typing import Any

from quizzer.bank.models import DerivationQuestion


def _question(qid: str, variables: dict[str, Any], prompt: str = "p", **fields: Any
              ) -> DerivationQuestion:
    base: dict[str, Any] = {"id": qid, "type": "derivation", "topic": "activations",
                            "difficulty": "easy", "time": 60, "prompt": prompt,
                            "explanation": "e", "variables": variables}
    return DerivationQuestion.model_validate(base | fields)


INLINE = {q.id: q for q in [
    _question("relu-grad", {"x": {"domain": "real"}},
              differentiate={"expr": "relu(x)", "wrt": "x"}),
    _question("positive-v", {"v": {"domain": "positive"}}, reference="v"),
    _question("real-v", {"v": {"domain": "real"}}, reference="v"),
    _question("closed-v", {"v": {"domain": "real", "min": 0, "max": 1}}, reference="v"),
    _question("unit-v", {"v": {"domain": "unit"}}, reference="v"),
    _question("integer-n", {"n": {"domain": "integer", "min": 1, "max": 50}}, reference="n"),
    _question("real-n", {"n": {"domain": "real"}}, reference="n"),
    _question("negative-x", {"x": {"domain": "negative"}}, reference="-x"),
    _question("no-abs", {"x": {"domain": "real"}}, "Give |x| without abs.", reference="abs(x)",
              forbid=["abs"]),
]}

Accept = tuple[str, str]
Reject = tuple[str, str, dict[str, Any]]

ACCEPT: dict[str, list[Accept]] = {
    "notation": [
        ("deriv-sigmoid", "σ(x)(1−σ(x))"), ("deriv-sigmoid", "eˣ/(1 + eˣ)²"),
        ("deriv-sigmoid", "e⁻ˣ/(1 + e⁻ˣ)²"), ("deriv-sigmoid", "σ(x) − σ²(x)"),
        ("deriv-sigmoid", "e^{-x}/{1 + e^{-x}}^2"), ("deriv-tanh", "1 − tanh²(x)"),
        ("deriv-tanh", "1 − tanh^2(x)"), ("deriv-tanh", "sech²(x)"),
        ("deriv-tanh", "1/cosh²(x)"), ("deriv-tanh", "4/(eˣ + e⁻ˣ)²"),
        ("deriv-tanh", "(1 − tanh(x))(1 + tanh(x))"), ("deriv-elu-negative", "α·eˣ"),
        ("deriv-elu-negative", "a × eˣ"), ("formula-conv-output", "⌊(i + 2p − k)/s⌋ + 1"),
        ("formula-conv-output", "(i + 2p - k)//s + 1"),
        ("formula-conv-output", "⌈(i + 2p − k + 1)/s⌉"),
        ("formula-xavier-uniform-bound", "√6/√(m+n)"),
        ("formula-xavier-uniform-bound", "√(6/(m + n))"),
        ("formula-xavier-uniform-bound", "√6·(m + n)^(-0.5)"),
        ("deriv-log-transform", "c(1 + r)⁻¹"), ("deriv-soft-dice", "2[t(P + T) − I]/(P + T)²"),
        ("deriv-soft-dice", "2{tᵢ(P+T) - I}/(P+T)^2"),
        ("formula-weight-decay-step", "(1 − ηλ)w − ηg"),
        ("deriv-softmax-ce", "pᵢ − yᵢ"), ("deriv-softmax-ce", "p_i - y_i"),
        ("formula-bn-fold-bias", "β + γ(b − μ)/√(σ² + ε)"),
        ("formula-momentum-sum", "g(1 − μᵗ)/(1 − μ)"), ("deriv-mse-prediction", "2(ŷ − y)"),
    ],
    "functions": [
        ("deriv-huber-clip", "clip(d, -1, 1)"), ("deriv-huber-clip", "max(-1, min(1, d))"),
        ("deriv-huber-clip", "sign(d)min(abs(d), 1)"),
        ("deriv-huber-clip", "d - relu(d - 1) + relu(-d - 1)"),
        ("deriv-huber-clip", "d heaviside(1 - abs(d)) + sign(d)(1 - heaviside(1 - abs(d)))"),
        ("deriv-softplus", "sigmoid(x)"), ("deriv-softplus", "1 - sigmoid(-x)"),
        ("deriv-softplus", "exp(x - softplus(x))"), ("deriv-softplus", "exp(-softplus(-x))"),
        ("deriv-swish", "sigmoid(x) + x sigmoid(x)(1 - sigmoid(x))"),
        ("relu-grad", "heaviside(x)"), ("relu-grad", "(sign(x) + 1)/2"),
        ("relu-grad", "max(sign(x), 0)"), ("relu-grad", "relu(sign(x))"),
        ("deriv-mse-prediction", "2 sign(yhat - y) abs(yhat - y)"),
        ("deriv-sigmoid", "sigmoid(x) sigmoid(-x)"), ("no-abs", "max(x, -x)"),
        ("no-abs", "sqrt(x^2)"),
    ],
    "domains": [
        ("formula-same-padding", "d(k-1)/2"), ("formula-same-padding", "d floor(k/2)"),
        ("formula-same-padding", "d(k//2)"), ("formula-same-padding", "d ceil((k-1)/2)"),
        ("formula-same-padding", "d floor(k/2) + d(1 - k + 2floor(k/2))"),
        ("positive-v", "sqrt(v^2)"), ("positive-v", "abs(v)"), ("positive-v", "exp(log(v))"),
        ("positive-v", "v + floor(1/(v + 1))"), ("unit-v", "v + floor(v)"),
        ("unit-v", "v ceil(v)"), ("integer-n", "n + sin(pi n)"), ("integer-n", "n cos(pi n)^2"),
        ("integer-n", "floor(n + 1/2)"), ("negative-x", "abs(x)"), ("negative-x", "sqrt(x^2)"),
        ("deriv-elu-negative", "a exp(-abs(x))"),
        ("formula-iou-shifted-squares", "(1 - abs(d))/(1 + abs(d))"),
    ],
    "whole domain": [
        ("deriv-softplus", "exp(x)/(1 + exp(x))"), ("deriv-sigmoid", "1/(2 + exp(x) + exp(-x))"),
        ("deriv-tanh", "4/(exp(x) + exp(-x))^2"), ("deriv-tanh", "1/cosh(x)^2"),
        ("deriv-mse-prediction", "2yhat - 2y"),
        ("deriv-huber-clip", "(abs(d + 1) - abs(d - 1))/2"),
        ("formula-weight-decay-step", "w(1 - eta lam) - eta g"),
        ("deriv-bce-logit", "sigmoid(z) - y"),
    ],
    "tolerance and exact values": [
        ("formula-same-padding", "0.5 d (k - 1)"), ("deriv-mse-mean", "(yhat - y)/(0.5 N)"),
        ("formula-bn-identity-gamma", "(var + eps)^0.5"),
        ("formula-bn-identity-gamma", "1.0 sqrt(var + eps)"),
        ("formula-dropout-variance", "x^2/(1/p - 1)"), ("deriv-sigmoid", "0.25 sech(x/2)^2"),
        ("formula-cosine-annealing", "emin + (emax - emin) cos(pi t/(2T))^2"),
        ("deriv-log-transform", "c (1 + r)^(-1.0)"),
    ],
    "undefined points": [
        ("deriv-softplus", "exp(x)/(exp(x) + 1)"),
        ("formula-iou-shifted-squares", "(1 - d^2)/(1 + d)^2"),
        ("deriv-sigmoid", "1/(exp(x/2) + exp(-x/2))^2"),
        ("formula-momentum-sum", "g(mu^t - 1)/(mu - 1)"),
        ("deriv-huber-clip", "d/max(abs(d), 1)"),
        ("formula-xavier-uniform-bound", "sqrt(6)/sqrt(m + n)"),
        ("deriv-log-transform", "c exp(-log(1 + r))"),
        ("deriv-softmax-ce", "(p^2 - y^2)/(p + y)"),
    ],
    "rare integer combinations": [
        ("formula-receptive-field-stack", "nk - n + 1"),
        ("formula-receptive-field-stack", "(k - 1)n + 1"),
        ("formula-conv-output", "floor((i + 2p - k + s)/s)"),
        ("formula-conv-output", "ceil((i + 2p - k + 1)/s)"),
        ("formula-anchor-count", "H W (n + m) - H W"),
        ("formula-stacked-3x3-ratio", "9n/(4n^2 + 4n + 1)"),
        ("formula-transposed-conv-output", "s(i - 1) + d(k - 1) - 2p + o + 1"),
        ("formula-dilated-kernel-extent", "dk - d + 1"),
    ],
}

REJECT: dict[str, list[Reject]] = {
    "notation": [
        ("deriv-tanh", "tanh²(x)", {"x": 0.5}), ("deriv-tanh", "1 − tanh(x²)", {"x": 1}),
        ("deriv-sigmoid", "σ(x)(1+σ(x))", {"x": 0}), ("deriv-sigmoid", "eˣ/(1 + eˣ)", {"x": 0}),
        ("formula-conv-output", "⌊(i + 2p − k)/s⌋", {"i": 10, "k": 3, "s": 1, "p": 0}),
        ("formula-conv-output", "(i + p − k)//s + 1", {"i": 10, "k": 3, "s": 1, "p": 1}),
        ("formula-conv-output", "⌈(i + 2p − k)/s⌉ + 1", {"i": 10, "k": 3, "s": 2, "p": 0}),
        ("formula-xavier-uniform-bound", "√6/(m+n)", {"m": 1, "n": 1}),
        ("formula-xavier-uniform-bound", "√6/√m+n", {"m": 1, "n": 1}),
        ("deriv-log-transform", "c(1 + r)⁻²", {"c": 1, "r": 1}),
        ("deriv-soft-dice", "2[t(P + T) − I]/(P + T)", {"t": 0.5, "I": 0.5, "P": 1, "T": 1}),
        ("deriv-elu-negative", "α·e⁻ˣ", {"x": -1, "a": 1}),
        ("deriv-softmax-ce", "yᵢ − pᵢ", {"p": 0.7, "y": 0.2}),
        ("formula-weight-decay-step", "(1 − η)λw − ηg",
         {"w": 1, "g": 1, "eta": 0.1, "lam": 0.01}),
    ],
    "functions": [
        ("deriv-huber-clip", "sign(d)", {"d": 0.5}),
        ("deriv-huber-clip", "clip(d, -1, 2)", {"d": 1.5}),
        ("deriv-huber-clip", "min(abs(d), 1)", {"d": -0.5}),
        ("relu-grad", "sign(x)", {"x": -1}), ("relu-grad", "relu(x)", {"x": 2}),
        ("relu-grad", "heaviside(-x)", {"x": 1}), ("deriv-softplus", "softplus(x)", {"x": 0}),
        ("deriv-softplus", "sigmoid(-x)", {"x": 1}),
        ("deriv-mse-prediction", "2abs(yhat - y)", {"yhat": 0, "y": 1}),
        ("no-abs", "max(x, 0)", {"x": -1}),
    ],
    "domains": [
        ("formula-same-padding", "d k/2", {"k": 3, "d": 1}),
        ("formula-same-padding", "d ceil(k/2)", {"k": 3, "d": 1}),
        ("formula-same-padding", "d(k - 1)/2 + d(k - 2floor(k/2))/2", {"k": 3, "d": 1}),
        ("formula-same-padding", "floor(d k/2)", {"k": 3, "d": 2}),
        ("real-v", "sqrt(v^2)", {"v": -1}), ("real-v", "abs(v)", {"v": -2}),
        ("closed-v", "v + floor(v)", {"v": 1}), ("closed-v", "v + floor(1/(v + 1))", {"v": 0}),
        ("real-n", "n + sin(pi n)", {"n": 0.5}),
        ("deriv-elu-negative", "a exp(abs(x))", {"x": -1, "a": 1}),
    ],
    "whole domain": [
        ("deriv-softplus", "sigmoid(min(x, 30))", {"x": 40}),
        ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) heaviside(5 - abs(x))", {"x": 6}),
        ("deriv-tanh", "1 - tanh(x)^2 + heaviside(x - 10) heaviside(11 - x)", {"x": 10.5}),
        ("formula-weight-decay-step", "w - eta clip(g, -5, 5) - eta lam w",
         {"w": 1, "g": 10, "eta": 0.1, "lam": 0.01}),
        ("deriv-mse-prediction", "2(yhat - y) tanh(1000/(1 + yhat^2))", {"yhat": 100, "y": 0}),
        ("formula-bn-fold-bias", "gamma(b - mu)/sqrt(var + eps) + beta tanh(100/(1 + beta^2))",
         {"b": 1, "mu": 0, "var": 1, "eps": 0.001, "gamma": 1, "beta": 20}),
        ("deriv-log-transform", "c/(1 + min(r, 200))", {"c": 1, "r": 250}),
        ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) + exp(-(x - 105)^2)/1000", {"x": 105}),
    ],
    "tolerance and exact values": [
        ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x))(1 + 1e-20)", {"x": 0}),
        ("deriv-tanh", "sech(x)^2 + 1e-15", {"x": 0}),
        ("deriv-softmax-ce", "p - y + 1e-35", {"p": 0.5, "y": 0.25}),
        ("formula-conv-output", "floor((i + 2p - k)/s) + 1 + 10^-30",
         {"i": 10, "k": 3, "s": 1, "p": 0}),
        ("formula-receptive-field-stack", "n(k - 1) + 1.000000000001", {"n": 2, "k": 3}),
        ("formula-xavier-uniform-bound", "sqrt(6.0000000001/(m + n))", {"m": 1, "n": 1}),
        ("formula-cosine-annealing", "emin + (emax - emin)(1 + cos(3.14159265358979 t/T))/2",
         {"t": 50, "T": 100, "emax": 0.5, "emin": 0.005}),
        ("deriv-log-transform", "c/(r + 1.0000000000001)", {"c": 1, "r": 1}),
        ("formula-log-transform-constant", "(L - 1)/(2.302585093 log(L, 10))", {"L": 10}),
    ],
    "undefined points": [
        ("deriv-huber-clip", "min(max(d, -1), 1) d/d", {"d": 0}),
        ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) + 0 sqrt(x + 3.5)", {"x": -4}),
        ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) sqrt(x + 3.5)^2/(x + 3.5)", {"x": -4}),
        ("deriv-tanh", "sech(x)^2 + log(x) - log(x)", {"x": -1}),
        ("deriv-mse-prediction", "2(yhat - y)(yhat - y)/(yhat - y)", {"yhat": 1, "y": 1}),
        ("deriv-mse-prediction", "2(yhat^2 - y^2)/(yhat + y)", {"yhat": 1, "y": -1}),
        ("formula-conv-output", "floor((i + 2p - k)/s) + 1 + 0 sqrt(p - 1)",
         {"i": 10, "k": 3, "s": 1, "p": 0}),
        ("deriv-softplus", "sigmoid(x) x^0.5/sqrt(x)", {"x": -1}),
        ("formula-dropout-variance", "p x^2/(1 - p) x/x", {"x": 0, "p": 0.5}),
    ],
    "rare integer combinations": [
        ("formula-receptive-field-stack", "1 + n(k - 1) + floor(n/30) floor(k/11)",
         {"n": 30, "k": 11}),
        ("formula-receptive-field-stack", "1 + n(k - 1) + floor(n/17) floor(17/n)",
         {"n": 17, "k": 3}),
        ("formula-conv-output", "floor((i + 2p - k)/s) + 1 + floor(p/5) floor(s/5) floor(k/11)",
         {"i": 100, "k": 11, "s": 5, "p": 5}),
        ("formula-dilated-kernel-extent", "d(k - 1) + 1 + floor(k/11) floor(d/12)",
         {"k": 11, "d": 12}),
        ("formula-same-padding", "d(k - 1)/2 + floor(k/15) floor(d/8)", {"k": 15, "d": 8}),
        ("formula-anchor-count", "H W (n + m - 1) + floor(n/8) floor(m/8)",
         {"n": 8, "m": 8, "H": 1, "W": 1}),
        ("formula-stacked-3x3-ratio", "9n/(2n + 1)^2 + floor(n/20)/1000", {"n": 20}),
        ("formula-transposed-conv-output",
         "(i - 1)s - 2p + d(k - 1) + o + 1 + floor(o/2) floor(d/3) floor(p/3)",
         {"i": 5, "k": 3, "s": 2, "p": 3, "d": 3, "o": 2}),
        ("formula-conv-output-dilated",
         "floor((i + 2p - d(k - 1) - 1)/s) + 1 + floor(k/7) floor(d/6) floor(s/4) floor(p/8)",
         {"i": 256, "k": 7, "s": 4, "p": 8, "d": 6}),
        ("formula-same-padding", "floor(d k/2)", {"k": 3, "d": 2}),
    ],
}
