"""Service rows (health, time, dev outbox) and the framework's own answers: 404, 405."""

from __future__ import annotations

import pytest
from helpers.stub_app import error_of


def test_health(stub):
    response = stub.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_time_is_the_server_clock(stub, clock):
    assert stub.get("/api/v1/time").json() == {"epoch": clock.now}
    clock.advance(12.5)
    assert stub.get("/api/v1/time").json() == {"epoch": clock.now}


def test_outbox_lists_messages_to_one_address_newest_first(stub, clock):
    stub.login("alice@acme.test")
    clock.advance(31)
    stub.login("alice@acme.test")
    stub.login("bob@acme.test")
    response = stub.get("/api/v1/dev/outbox", params={"to": "Alice@Acme.test"})
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert len(messages) == 2
    assert all(set(m) == {"to", "subject", "body", "code", "sent_at"} for m in messages)
    assert all(m["to"] == "alice@acme.test" for m in messages)
    assert messages[0]["sent_at"] > messages[1]["sent_at"]


def test_outbox_without_recipient_lists_everything(stub):
    stub.login("alice@acme.test")
    stub.login("bob@acme.test")
    messages = stub.get("/api/v1/dev/outbox").json()["messages"]
    assert [m["to"] for m in messages] == ["bob@acme.test", "alice@acme.test"]


def test_outbox_is_404_when_dev_mode_is_off(make_stub):
    stub = make_stub(dev_mode=False)
    stub.login("alice@acme.test")
    response = stub.get("/api/v1/dev/outbox", params={"to": "alice@acme.test"})
    assert response.status_code == 404
    assert error_of(response) == "not_found"


@pytest.mark.parametrize("path", ["/", "/api/v1", "/api/v2/health", "/api/v1/healthz", "/x" * 50])
def test_unknown_route_is_404_envelope(stub, path):
    response = stub.client.get(path)
    assert response.status_code == 404
    assert error_of(response) == "not_found"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/auth/login"),
        ("DELETE", "/api/v1/me"),
        ("PUT", "/api/v1/health"),
        ("PATCH", "/api/v1/admin/users"),
    ],
)
def test_wrong_method_is_405_envelope(stub, method, path):
    response = stub.client.request(method, path)
    assert response.status_code == 405
    assert error_of(response) == "method_not_allowed"
    assert response.headers["allow"]
