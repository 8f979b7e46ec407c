"""The service's typed requests: one definition for both ends, every field checked."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quizzer.grader import wire
from quizzer.grader.service import Service

SAMPLES: list[wire.Request] = [
    wire.Ping(),
    wire.GradeCode("softmax", "def softmax(x, dim=-1): ...", 3, 2.5, "a.py"),
    wire.GradeAndRecord("nms", "src", {"code": "abc"}, 1, 4.0, "b.py", "sha256:00"),
    wire.GradeExpression("sigmoid-derivative", "s*(1-s)"),
    wire.PreviewExpression("sigmoid-derivative", "s*("),
    wire.Draw("weight-decay-sgd-step-param", 7),
    wire.Warm(("softmax", "nms"), 2),
    wire.Stub("box_iou"),
]


def test_every_op_has_one_request_class_and_a_sample() -> None:
    assert {type(s) for s in SAMPLES} == set(wire.REQUESTS.values())


@pytest.mark.parametrize("request_", SAMPLES, ids=lambda r: r.op)
def test_a_request_survives_the_wire_unchanged(request_: wire.Request) -> None:
    line = wire.encode(request_, 41)
    assert line.endswith("\n") and line.count("\n") == 1
    data = json.loads(line)
    assert data["id"] == 41 and data["op"] == request_.op
    assert wire.decode(data) == request_


@pytest.mark.parametrize(("data", "message"), [
    ([], "a request is a JSON object"),
    ({"op": "format_disk"}, "unknown op 'format_disk'"),
    ({"op": "grade_code", "task": "softmax"}, "grade_code: missing field 'source'"),
    ({"op": "grade_code", "task": "softmax", "source": 3}, "field 'source' has the wrong type"),
    ({"op": "draw", "question_id": "q", "seed": True}, "field 'seed' has the wrong type"),
    ({"op": "draw", "question_id": "q", "seed": 1.5}, "field 'seed' has the wrong type"),
    ({"op": "warm", "tasks": "softmax"}, "field 'tasks' has the wrong type"),
    ({"op": "stub", "task": "nms", "path": "/etc"}, "stub: unknown field 'path'"),
])
def test_a_malformed_request_is_refused_by_name(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wire.decode(data)


def test_an_int_timeout_is_a_float_and_defaults_fill_in() -> None:
    request = wire.decode({"op": "grade_code", "task": "t", "source": "s", "timeout": 3})
    assert request == wire.GradeCode("t", "s", 0, 3.0, "submission.py")


def test_the_service_answers_a_malformed_request_with_its_reason() -> None:
    reply = Service().respond(json.dumps({"id": 5, "op": "stub", "task": 12}))
    assert reply == {"id": 5, "ok": False, "error_type": "ValueError",
                     "error": "stub: field 'task' has the wrong type (int)"}
    assert Service().respond(json.dumps({"id": 6, "op": "ping"})) == {
        "id": 6, "ok": True, "result": "pong"}
