"""The real `sigma-stub serve` process on a free loopback port, driven with requests through the
whole flow: email-code login, enrolment, app-code login, replay, throttling, disable, admin
reset, org scoping, SSO refusal, logout; then a clean SIGTERM stop and logs free of secrets.

The server runs on the real clock, so app codes are computed for real time steps: each fresh
code takes the earliest step that is after the last one used and still inside the server's
±1 window; the three codes the flow needs fit in that window without waiting, except when the
flow starts within two seconds of a step boundary (then it waits those seconds out).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyotp
import pytest
import requests
from helpers.ports import free_port

from server_stub.domain.demo import DEMO_PASSWORD

# Real processes, a few seconds each: deselect with -m "not slow"; ./dev test runs them.
pytestmark = pytest.mark.slow

TIMEOUT = 10
ALICE = "alice@acme.test"
WRONG_PASSWORD = "Not-the-password-7"



def sigma_stub_command() -> list[str]:
    script = Path(sys.executable).with_name("sigma-stub")
    return [str(script)] if script.exists() else [sys.executable, "-m", "server_stub.cli"]


class RunningStub:
    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stdout_path = tmp_path / "stdout.txt"
        self.stderr_path = tmp_path / "stderr.txt"
        self.http = requests.Session()
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                [
                    *sigma_stub_command(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--db",
                    str(tmp_path / "stub.sqlite3"),
                    "--demo",
                ],
                stdout=out,
                stderr=err,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def wait_until_up(self, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if self.http.get(self.base + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                # Not up yet: refused, or (on a loaded machine) accepted by the listening
                # socket while the demo users' argon2 hashes are still being computed.
                time.sleep(0.05)  # polling for start-up, not waiting out a rule
        raise AssertionError("the server did not come up:\n" + self.output())

    def output(self) -> str:
        return self.stdout_path.read_text() + self.stderr_path.read_text()

    def call(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.http.request(
            method, self.base + path, headers=headers, timeout=TIMEOUT, **kwargs
        )

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


@pytest.fixture
def server(tmp_path):
    running = RunningStub(tmp_path)
    try:
        running.wait_until_up()
        yield running
    finally:
        running.stop()


class AppCodes:
    """Fresh codes for real time: each after the previous, all inside the server's window."""

    def __init__(self, secret: str) -> None:
        self.totp = pyotp.TOTP(secret)
        self.last_step: int | None = None

    def fresh(self) -> str:
        # Two seconds of margin: if a step boundary is that close, plan as if it had passed,
        # so the chosen step is still inside the server's window when the request lands.
        earliest = int((time.time() + 2) // 30) - 1
        step = earliest if self.last_step is None else max(earliest, self.last_step + 1)
        # Rarely (the flow started just before a boundary) the next step is not in the window
        # yet: it will be within a couple of seconds, when the current step moves on.
        while step > int(time.time() // 30) + 1:
            time.sleep(0.1)
        self.last_step = step
        return self.totp.generate_otp(step)


def error_code(response) -> str:
    return response.json()["error"]["code"]


def test_the_whole_flow_against_the_real_process(server):
    seen_secrets: list[str] = [WRONG_PASSWORD]

    def outbox_code(email: str) -> str:
        messages = server.call("GET", "/api/v1/dev/outbox", params={"to": email}).json()
        code = next(m["code"] for m in messages["messages"] if m["code"])
        seen_secrets.append(code)
        return code

    def login(email: str) -> dict:
        response = server.call(
            "POST", "/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.text
        seen_secrets.append(response.json()["mfa_token"])
        return response.json()

    def verify(challenge: dict, method: str, code: str):
        return server.call(
            "POST",
            "/api/v1/auth/verify",
            json={"mfa_token": challenge["mfa_token"], "method": method, "code": code},
        )

    def sign_in_by_email(email: str) -> str:
        challenge = login(email)
        assert challenge["methods"] == ["email"]
        response = verify(challenge, "email", outbox_code(email))
        assert response.status_code == 200, response.text
        seen_secrets.append(response.json()["token"])
        return response.json()["token"]

    # Email-code login, then enrol and confirm an authenticator.
    alice = sign_in_by_email(ALICE)
    assert server.call("GET", "/api/v1/me", alice).json()["authenticator"]["status"] == "disabled"
    enrolment = server.call("POST", "/api/v1/me/authenticator/enroll", alice)
    assert enrolment.status_code == 201
    secret = enrolment.json()["secret"]
    seen_secrets.append(secret)
    codes = AppCodes(secret)
    confirmed = server.call(
        "POST", "/api/v1/me/authenticator/verify", alice, json={"code": codes.fresh()}
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["authenticator"]["status"] == "enabled"

    # App-code login; the same code again is a replay.
    challenge = login(ALICE)
    assert challenge["methods"] == ["app", "email"]
    app_code = codes.fresh()
    seen_secrets.append(app_code)
    signed_in = verify(challenge, "app", app_code)
    assert signed_in.status_code == 200, signed_in.text
    seen_secrets.append(signed_in.json()["token"])
    replay = verify(login(ALICE), "app", app_code)
    assert replay.status_code == 401 and error_code(replay) == "invalid_code"  # failure 1

    # Disable needs the password.
    wrong = server.call(
        "POST", "/api/v1/me/authenticator/disable", alice, json={"password": WRONG_PASSWORD}
    )
    assert wrong.status_code == 401 and error_code(wrong) == "invalid_credentials"  # failure 2
    disabled = server.call(
        "POST", "/api/v1/me/authenticator/disable", alice, json={"password": DEMO_PASSWORD}
    )
    assert disabled.status_code == 200
    assert disabled.json()["authenticator"]["status"] == "disabled"

    # Enrol again, then get throttled by wrong app codes.
    secret = server.call("POST", "/api/v1/me/authenticator/enroll", alice).json()["secret"]
    seen_secrets.append(secret)
    codes.totp = pyotp.TOTP(secret)  # new secret, same per-user rule: steps only move forward
    confirmed = server.call(
        "POST", "/api/v1/me/authenticator/verify", alice, json={"code": codes.fresh()}
    )
    assert confirmed.status_code == 200, confirmed.text
    challenge = login(ALICE)
    right = codes.totp.now()
    wrong_code = f"{(int(right) + 500_000) % 10**6:06d}"
    for _ in range(5):
        assert verify(challenge, "app", wrong_code).status_code == 401
    throttled = verify(challenge, "app", wrong_code)
    assert throttled.status_code == 429 and error_code(throttled) == "too_many_attempts"
    assert int(throttled.headers["Retry-After"]) >= 1

    # The Acme admin sees Alice, resets her authenticator, and that lifts the throttle.
    admin = sign_in_by_email("admin@acme.test")
    users = server.call("GET", "/api/v1/admin/users", admin).json()["users"]
    alice_id = next(u["id"] for u in users if u["email"] == ALICE)
    assert next(u for u in users if u["id"] == alice_id)["authenticator"]["status"] == "enabled"
    reset = server.call("POST", f"/api/v1/admin/users/{alice_id}/authenticator/reset", admin)
    assert reset.status_code == 200
    assert reset.json()["authenticator"]["status"] == "disabled"
    assert login(ALICE)["methods"] == ["email"]
    events = server.call("GET", "/api/v1/admin/audit", admin).json()["events"]
    actions = {e["action"] for e in events}
    for action in (
        "authenticator.enrolled",
        "authenticator.disabled",
        "authenticator.reset",
        "login.succeeded",
        "login.failed",
        "login.throttled",
    ):
        assert action in actions

    # Org scoping: another org's user does not exist for this admin; a creator is no admin.
    globex = sign_in_by_email("admin@globex.test")
    carol_id = next(
        u["id"]
        for u in server.call("GET", "/api/v1/admin/users", globex).json()["users"]
        if u["email"] == "carol@globex.test"
    )
    assert server.call("GET", f"/api/v1/admin/users/{carol_id}", admin).status_code == 404
    assert (
        server.call(
            "POST", f"/api/v1/admin/users/{carol_id}/authenticator/reset", admin
        ).status_code
        == 404
    )
    assert error_code(server.call("GET", "/api/v1/admin/users", alice)) == "forbidden"

    # SSO org: no password login.
    sso = server.call(
        "POST", "/api/v1/auth/login", json={"email": "dave@initech.test", "password": DEMO_PASSWORD}
    )
    assert sso.status_code == 403 and error_code(sso) == "sso_required"

    # Logout revokes.
    assert server.call("POST", "/api/v1/auth/logout", alice).status_code == 204
    assert server.call("GET", "/api/v1/me", alice).status_code == 401

    # A clean stop on SIGTERM, and nothing secret in anything the process printed.
    assert server.stop() == 0
    output = server.output()
    assert f"Sigma stub serving on {server.base}" in output
    assert "alice@acme.test" in output and "Sigma stub stopped." in output
    for secret_text in seen_secrets:
        assert secret_text not in output, "a secret reached the server's output"


def test_sigint_stops_the_server_cleanly(server):
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=20) == 0
    assert "Sigma stub stopped." in server.output()


def test_demo_seeding_twice_is_harmless(tmp_path):
    first = RunningStub(tmp_path)
    try:
        first.wait_until_up()
    finally:
        assert first.stop() == 0
    again = RunningStub(tmp_path)  # same --db
    try:
        again.wait_until_up()
        response = again.call(
            "POST", "/api/v1/auth/login", json={"email": ALICE, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200
    finally:
        assert again.stop() == 0
