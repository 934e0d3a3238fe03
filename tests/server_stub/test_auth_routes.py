"""Contract rows of /api/v1/auth/*: login, email-code, verify, logout, with every error code."""

from __future__ import annotations

import json

import pytest
from helpers.stub_app import error_of, totp_code

LOGIN = "/api/v1/auth/login"
EMAIL_CODE = "/api/v1/auth/email-code"
VERIFY = "/api/v1/auth/verify"
LOGOUT = "/api/v1/auth/logout"
ALICE = "alice@acme.test"


# --- POST /auth/login ---------------------------------------------------------------------


def test_login_without_app_offers_email_and_emails_a_code_at_once(stub):
    body = stub.login(ALICE)
    assert body["status"] == "mfa_required"
    assert body["methods"] == ["email"]
    assert body["expires_in"] == 300
    assert len(body["mfa_token"]) >= 43  # 256 bits in url-safe base64
    [message] = stub.outbox(ALICE)
    assert message["to"] == ALICE
    assert len(message["code"]) == 6 and message["code"].isdigit()
    assert message["code"] in message["body"]


def test_login_with_app_offers_app_and_email_and_emails_nothing(stub):
    token = stub.sign_in_by_email(ALICE)
    stub.enable_app(token)
    emails_before = len(stub.outbox(ALICE))
    body = stub.login(ALICE)
    assert body["methods"] == ["app", "email"]
    assert len(stub.outbox(ALICE)) == emails_before


def test_login_email_is_case_insensitive_and_trimmed(stub):
    assert stub.login("  ALICE@Acme.Test ")["methods"] == ["email"]


def test_login_wrong_password_and_unknown_email_answer_identically(stub):
    wrong = stub.client.post(LOGIN, json={"email": ALICE, "password": "not-it"})
    unknown = stub.client.post(LOGIN, json={"email": "nobody@acme.test", "password": "not-it"})
    assert wrong.status_code == unknown.status_code == 401
    assert error_of(wrong) == "invalid_credentials"
    assert wrong.json() == unknown.json()
    assert wrong.headers.get("www-authenticate") == unknown.headers.get("www-authenticate")


def test_login_unknown_email_spends_a_real_password_check(stub, monkeypatch):
    passwords = stub.client.app.state.services.ctx.passwords
    checks = []
    real_verify = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: checks.append(h) or real_verify(h, p))
    stub.client.post(LOGIN, json={"email": "nobody@acme.test", "password": "guess"})
    stub.client.post(LOGIN, json={"email": ALICE, "password": "guess"})
    assert len(checks) == 2  # one argon2 verify each, so their timing matches
    assert all(h.startswith("$argon2id$") for h in checks)


def test_login_sso_org_is_refused(stub):
    response = stub.client.post(LOGIN, json={"email": "dave@initech.test", "password": "x"})
    assert response.status_code == 403
    assert error_of(response) == "sso_required"


def test_login_is_throttled_after_five_failures(stub):
    for _ in range(5):
        failed = stub.client.post(LOGIN, json={"email": ALICE, "password": "wrong"})
        assert failed.status_code == 401
    response = stub.client.post(LOGIN, json={"email": ALICE, "password": "Sigma-demo-1"})
    assert response.status_code == 429
    assert error_of(response) == "too_many_attempts"
    assert response.headers["retry-after"] == "1"


def test_login_throttle_looks_the_same_for_unknown_emails(stub):
    answers = {}
    for email in (ALICE, "ghost@acme.test"):
        for _ in range(5):
            stub.client.post(LOGIN, json={"email": email, "password": "wrong"})
        answers[email] = stub.client.post(LOGIN, json={"email": email, "password": "wrong"})
    known, unknown = answers.values()
    assert known.status_code == unknown.status_code == 429
    assert known.json() == unknown.json()
    assert known.headers["retry-after"] == unknown.headers["retry-after"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": ALICE},
        {"password": "x"},
        {"email": 5, "password": "x"},
        {"email": ALICE, "password": None},
        {"email": ALICE, "password": ["x"]},
        {"email": "", "password": "x"},
        {"email": ALICE, "password": "x" * 1025},
        {"email": "a" * 321, "password": "x"},
        {"email": "\ud800@acme.test", "password": "x"},
        [ALICE, "x"],
        "alice",
        None,
    ],
)
def test_login_malformed_body_is_400(stub, body):
    # Encoded by hand: ensure_ascii escapes the lone surrogate, as a hostile client would.
    response = stub.client.post(
        LOGIN, content=json.dumps(body), headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_login_non_json_body_is_400_with_a_helpful_message(stub):
    response = stub.client.post(
        LOGIN, content=b"email=alice", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 400
    assert "application/json" in response.json()["error"]["message"]


# --- POST /auth/email-code ------------------------------------------------------------------


def test_email_code_sends_a_new_code_that_voids_the_older(stub, clock):
    challenge = stub.login(ALICE)
    first_code = stub.last_code(ALICE)
    clock.advance(30)
    response = stub.post(EMAIL_CODE, json={"mfa_token": challenge["mfa_token"]})
    assert response.status_code == 202
    assert response.json() == {"sent_to": ALICE, "expires_in": 600}
    second_code = stub.last_code(ALICE)
    assert len(stub.outbox(ALICE)) == 2
    if first_code != second_code:  # one in a million they coincide; then there is nothing to void
        old = stub.post(VERIFY, json={**challenge_body(challenge), "code": first_code})
        assert old.status_code == 401 and error_of(old) == "invalid_code"
    new = stub.post(VERIFY, json={**challenge_body(challenge), "code": second_code})
    assert new.status_code == 200


def test_email_code_resend_cooldown_is_30_seconds(stub, clock):
    challenge = stub.login(ALICE)  # emails a code: the cooldown starts now
    clock.advance(29.5)
    early = stub.post(EMAIL_CODE, json={"mfa_token": challenge["mfa_token"]})
    assert early.status_code == 429
    assert error_of(early) == "too_many_attempts"
    assert early.headers["retry-after"] == "1"
    clock.advance(0.5)
    assert stub.post(EMAIL_CODE, json={"mfa_token": challenge["mfa_token"]}).status_code == 202


def test_email_code_unknown_token_is_401(stub):
    response = stub.post(EMAIL_CODE, json={"mfa_token": "not-a-token"})
    assert response.status_code == 401
    assert error_of(response) == "invalid_mfa_token"


def test_email_code_malformed_body_is_400(stub):
    response = stub.post(EMAIL_CODE, json={"mfa_token": 12})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


# --- POST /auth/verify ----------------------------------------------------------------------


def challenge_body(challenge: dict, method: str = "email") -> dict:
    return {"mfa_token": challenge["mfa_token"], "method": method}


def test_verify_with_emailed_code_opens_a_session(stub):
    challenge = stub.login(ALICE)
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": stub.last_code(ALICE)})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert len(body["token"]) >= 43
    assert body["user"]["email"] == ALICE
    me = stub.get("/api/v1/me", body["token"])
    assert me.status_code == 200
    assert me.json() == body["user"]


def test_verify_with_app_code_opens_a_session(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE))  # confirmed with the previous step
    challenge = stub.login(ALICE)
    code = totp_code(secret, clock.now)
    response = stub.post(VERIFY, json={**challenge_body(challenge, "app"), "code": code})
    assert response.status_code == 200, response.text
    assert response.json()["user"]["authenticator"]["status"] == "enabled"


@pytest.mark.parametrize(
    "code",
    ["12345", "1234567", "１２３４５６", "١٢٣٤٥٦", "12345a", " 123456", "123456\n", "", "12 456"],
)
def test_verify_code_not_six_ascii_digits_is_400(stub, code):
    challenge = stub.login(ALICE)
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": code})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_verify_code_as_number_is_400(stub):
    challenge = stub.login(ALICE)
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": 123456})
    assert response.status_code == 400


def test_verify_unknown_method_is_400(stub):
    challenge = stub.login(ALICE)
    response = stub.post(VERIFY, json={**challenge_body(challenge, "sms"), "code": "123456"})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_verify_app_method_without_an_app_is_400(stub):
    challenge = stub.login(ALICE)
    response = stub.post(VERIFY, json={**challenge_body(challenge, "app"), "code": "123456"})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_verify_wrong_code_is_401_invalid_code(stub):
    challenge = stub.login(ALICE)
    right = stub.last_code(ALICE)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": wrong})
    assert response.status_code == 401
    assert error_of(response) == "invalid_code"


def test_verify_unknown_mfa_token_is_401(stub):
    response = stub.post(VERIFY, json={"mfa_token": "forged", "method": "email", "code": "123456"})
    assert response.status_code == 401
    assert error_of(response) == "invalid_mfa_token"


@pytest.mark.parametrize(("age", "status"), [(299, 200), (300, 401)])
def test_verify_mfa_token_lives_5_minutes(stub, clock, age, status):
    challenge = stub.login(ALICE)
    code = stub.last_code(ALICE)
    clock.advance(age)
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": code})
    assert response.status_code == status
    if status == 401:
        assert error_of(response) == "invalid_mfa_token"


def test_verify_mfa_token_dies_on_success(stub):
    challenge = stub.login(ALICE)
    code = stub.last_code(ALICE)
    assert stub.post(VERIFY, json={**challenge_body(challenge), "code": code}).status_code == 200
    again = stub.post(VERIFY, json={**challenge_body(challenge), "code": code})
    assert again.status_code == 401
    assert error_of(again) == "invalid_mfa_token"


def test_verify_email_code_is_single_use(stub, clock):
    stub.enable_app(stub.sign_in_by_email(ALICE))  # now a login emails nothing by itself
    clock.advance(30)  # past the resend cooldown of the sign-in above
    first = stub.login(ALICE)
    assert stub.post(EMAIL_CODE, json={"mfa_token": first["mfa_token"]}).status_code == 202
    code = stub.last_code(ALICE)
    assert stub.post(VERIFY, json={**challenge_body(first), "code": code}).status_code == 200
    second = stub.login(ALICE)
    again = stub.post(VERIFY, json={**challenge_body(second), "code": code})
    assert again.status_code == 401
    assert error_of(again) == "invalid_code"


@pytest.mark.parametrize(("age", "status"), [(599, 200), (600, 401)])
def test_verify_email_code_lives_10_minutes(stub, clock, age, status):
    stub.enable_app(stub.sign_in_by_email(ALICE))
    first = stub.login(ALICE)
    clock.advance(30)
    assert stub.post(EMAIL_CODE, json={"mfa_token": first["mfa_token"]}).status_code == 202
    code = stub.last_code(ALICE)
    clock.advance(age)
    fresh = stub.login(ALICE)  # the mfa token lives only 5 minutes: take a new one
    response = stub.post(VERIFY, json={**challenge_body(fresh), "code": code})
    assert response.status_code == status
    if status == 401:
        assert error_of(response) == "invalid_code"


def test_verify_is_throttled_after_five_failures(stub):
    challenge = stub.login(ALICE)
    right = stub.last_code(ALICE)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(5):
        failed = stub.post(VERIFY, json={**challenge_body(challenge), "code": wrong})
        assert failed.status_code == 401
    response = stub.post(VERIFY, json={**challenge_body(challenge), "code": right})
    assert response.status_code == 429
    assert error_of(response) == "too_many_attempts"
    assert int(response.headers["retry-after"]) == 1


# --- POST /auth/logout ----------------------------------------------------------------------


def test_logout_revokes_the_session(stub):
    token = stub.sign_in_by_email(ALICE)
    response = stub.post(LOGOUT, token)
    assert response.status_code == 204
    assert response.content == b""
    after = stub.get("/api/v1/me", token)
    assert after.status_code == 401
    assert error_of(after) == "unauthenticated"


def test_logout_leaves_other_sessions_alone(stub):
    first = stub.sign_in_by_email(ALICE)
    second = stub.sign_in_by_email(ALICE)
    assert stub.post(LOGOUT, first).status_code == 204
    assert stub.get("/api/v1/me", second).status_code == 200


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic YWxpY2U6eA==", "nope"])
def test_logout_without_a_valid_session_is_401(stub, header):
    headers = {"Authorization": header} if header else {}
    response = stub.client.post(LOGOUT, headers=headers)
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"
    assert response.headers["www-authenticate"] == "Bearer"


def test_login_rehashes_a_password_made_with_older_parameters(stub, tmp_path, clock):
    from helpers.stub_app import TestClient

    from server_stub.app import StubConfig, create_app
    from server_stub.domain.passwords import PasswordParams

    stronger = PasswordParams(time_cost=2, memory_kib=16, parallelism=1)
    stub.client.__exit__(None, None, None)  # one server per database at a time
    config = StubConfig(db_path=stub.db_path, clock=clock, password_params=stronger)
    with TestClient(create_app(config)) as client:
        response = client.post(LOGIN, json={"email": ALICE, "password": "Sigma-demo-1"})
        assert response.status_code == 200
        with client.app.state.services.ctx.db.read() as tx:
            stored = tx.users.find_by_email(ALICE).password_hash
    assert stored.startswith("$argon2id$") and ",t=2," in stored and "m=16," in stored
