"""Nothing secret ever reaches a log line: passwords, TOTP secrets, tokens, codes."""

from __future__ import annotations

import logging

from helpers.stub_app import totp_code

ALICE = "alice@acme.test"
PASSWORD = "Sigma-demo-1"


def test_a_whole_flow_logs_no_secret(stub, clock, caplog):
    caplog.set_level(logging.DEBUG)
    secrets: list[str] = [PASSWORD, "Wrong-password-9"]

    stub.client.post("/api/v1/auth/login", json={"email": ALICE, "password": "Wrong-password-9"})
    stub.client.post("/api/v1/auth/login", json={"email": "who@x.test", "password": PASSWORD})
    challenge = stub.login(ALICE)
    secrets += [challenge["mfa_token"], stub.last_code(ALICE)]
    session = stub.sign_in_by_email(ALICE)
    secrets += [session, stub.last_code(ALICE)]
    enrolment = stub.post("/api/v1/me/authenticator/enroll", session).json()
    secrets += [enrolment["secret"], enrolment["qr_png"][:40]]
    first_code = totp_code(enrolment["secret"], clock.now)
    stub.post("/api/v1/me/authenticator/verify", session, json={"code": "000000"})
    stub.post("/api/v1/me/authenticator/verify", session, json={"code": first_code})
    secrets.append(first_code)
    app_challenge = stub.login(ALICE)
    app_code = totp_code(enrolment["secret"], clock.now, 1)
    signed_in = stub.post(
        "/api/v1/auth/verify",
        json={"mfa_token": app_challenge["mfa_token"], "method": "app", "code": app_code},
    ).json()
    secrets += [app_challenge["mfa_token"], app_code, signed_in["token"]]
    stub.post("/api/v1/me/authenticator/disable", session, json={"password": "Wrong-password-9"})
    stub.post("/api/v1/me/authenticator/disable", session, json={"password": PASSWORD})
    stub.client.post("/api/v1/auth/login", json={"email": PASSWORD, "password": 12})  # wrong field
    admin = stub.sign_in_by_email("admin@acme.test")
    secrets.append(admin)
    stub.post("/api/v1/admin/users/2/authenticator/reset", admin)
    stub.post("/api/v1/auth/logout", session)
    stub.get("/api/v1/me", session)

    logged = caplog.text
    assert "login.succeeded" in logged  # the log did capture the flow
    for secret in secrets:
        assert secret not in logged, "a secret reached the log"


def test_error_messages_never_echo_what_was_sent(stub):
    hostile = "Sigma-demo-1-<script>"
    for body in (
        {"email": hostile, "password": 5},
        {"email": 5, "password": hostile},
        {"email": ALICE, "password": hostile * 200},
        {hostile: hostile},
    ):
        response = stub.client.post("/api/v1/auth/login", json=body)
        assert response.status_code == 400
        assert hostile not in response.text
