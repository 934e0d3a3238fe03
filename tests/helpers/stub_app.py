"""Drive a stub app in tests: a client wrapper with the usual sign-in steps; envelope checks."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pyotp
from helpers.fake_clock import FakeClock

from server_stub.domain.demo import DEMO_PASSWORD

with warnings.catch_warnings():
    # Starlette suggests another HTTP client package for its TestClient; httpx still works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

START = 58_333_333 * 30 + 10.0  # 10 s into a time step, so ±1 steps never straddle an edge


@dataclass
class Stub:
    """One app on its own database, its test client and the clock it reads."""

    client: TestClient
    clock: FakeClock
    db_path: Path

    def post(self, path: str, token: str | None = None, **kwargs):
        return self.client.post(path, headers=bearer(token), **kwargs)

    def get(self, path: str, token: str | None = None, **kwargs):
        return self.client.get(path, headers=bearer(token), **kwargs)

    def outbox(self, email: str) -> list[dict]:
        response = self.client.get("/api/v1/dev/outbox", params={"to": email})
        assert response.status_code == 200
        return response.json()["messages"]

    def last_code(self, email: str) -> str:
        codes = [m["code"] for m in self.outbox(email) if m["code"]]
        assert codes, f"no code was emailed to {email}"
        return codes[0]

    def login(self, email: str, password: str = DEMO_PASSWORD) -> dict:
        response = self.client.post(
            "/api/v1/auth/login", json={"email": email, "password": password}
        )
        assert response.status_code == 200, response.text
        return response.json()

    def sign_in_by_email(self, email: str) -> str:
        """A full sign-in with the emailed code; returns the session token."""
        challenge = self.login(email)
        if challenge["methods"] != ["email"]:
            sent = self.post("/api/v1/auth/email-code", json={"mfa_token": challenge["mfa_token"]})
            assert sent.status_code == 202, sent.text
        response = self.post(
            "/api/v1/auth/verify",
            json={
                "mfa_token": challenge["mfa_token"],
                "method": "email",
                "code": self.last_code(email),
            },
        )
        assert response.status_code == 200, response.text
        return response.json()["token"]

    def enable_app(self, token: str, step_offset: int = -1) -> str:
        """Enrol and confirm an authenticator; returns the secret.

        The confirming code is taken from `step_offset` steps away from now (default: the
        previous step), so the current and next steps stay free for later sign-ins.
        """
        enrolment = self.post("/api/v1/me/authenticator/enroll", token)
        assert enrolment.status_code == 201, enrolment.text
        secret = enrolment.json()["secret"]
        confirmed = self.post(
            "/api/v1/me/authenticator/verify",
            token,
            json={"code": totp_code(secret, self.clock.now, step_offset)},
        )
        assert confirmed.status_code == 200, confirmed.text
        return secret


def bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def totp_code(secret: str, now: float, step_offset: int = 0) -> str:
    return pyotp.TOTP(secret).at(now + 30 * step_offset)


def error_of(response) -> str:
    """The error code of an envelope, asserting the envelope's exact shape on the way."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]["code"]
