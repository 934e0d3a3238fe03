"""The last line of defence: an unexpected exception is a bare 500 envelope, logged without its
message; request bodies that would trip the framework are 400s."""

from __future__ import annotations

import logging

import pytest
from helpers.stub_app import error_of

from server_stub.api.middleware import MAX_BODY_BYTES

LOGIN = "/api/v1/auth/login"
JSON = {"content-type": "application/json"}


def test_an_unhandled_exception_is_a_500_envelope_without_details(stub, caplog):
    from fastapi.testclient import TestClient

    app = stub.client.app

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret-detail-4711")

    caplog.set_level(logging.DEBUG)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert error_of(response) == "internal_error"
    assert "secret-detail-4711" not in response.text
    assert "RuntimeError" in caplog.text  # the type and stack are logged for the operator...
    assert "secret-detail-4711" not in caplog.text  # ...the message is not


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b'{"email": ' + b"[" * 5000 + b"]" * 5000 + b', "password": "x"}',
        b'{"email": "\xff\xfe", "password": "x"}',
        b'{"email": "a", "password": ' + b"9" * 20_000 + b"}",
        b"\x00\x01\x02",
        b'{"email": "a", "password": "x"',
        b"NaN",
    ],
)
def test_bodies_that_trip_json_parsers_are_400(stub, body):
    response = stub.client.post(LOGIN, content=body[:MAX_BODY_BYTES], headers=JSON)
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_an_oversized_body_is_400(stub):
    body = b'{"email": "a@b.c", "password": "' + b"x" * MAX_BODY_BYTES + b'"}'
    response = stub.client.post(LOGIN, content=body, headers=JSON)
    assert response.status_code == 400
    assert "64 KiB" in response.json()["error"]["message"]


def test_an_oversized_chunked_body_is_400(stub):
    def chunks():
        for _ in range(10):
            yield b"x" * (MAX_BODY_BYTES // 4)

    response = stub.client.post(LOGIN, content=chunks(), headers=JSON)
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_missing_body_is_400(stub):
    response = stub.client.post(LOGIN, headers=JSON)
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"
