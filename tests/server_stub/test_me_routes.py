"""Contract rows of /api/v1/me and /api/v1/me/authenticator/*, with every error code."""

from __future__ import annotations

import base64
import re
import sqlite3
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np
import pytest
import zxingcpp
from helpers.stub_app import error_of, totp_code

ME = "/api/v1/me"
ENROLL = "/api/v1/me/authenticator/enroll"
CONFIRM = "/api/v1/me/authenticator/verify"
DISABLE = "/api/v1/me/authenticator/disable"
ALICE = "alice@acme.test"


# --- GET /me --------------------------------------------------------------------------------


def test_me_returns_the_contract_user_object(stub):
    token = stub.sign_in_by_email(ALICE)
    response = stub.get(ME, token)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "email", "name", "account_type", "org", "authenticator"}
    assert body["email"] == ALICE
    assert body["account_type"] == "creator"
    assert body["org"] == {
        "id": body["org"]["id"],
        "name": "Acme Analytics",
        "auth_method": "password",
    }
    assert body["authenticator"] == {"status": "disabled", "enrolled_at": None}


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer forged", "Token abc"])
def test_me_without_a_valid_session_is_401(stub, header):
    response = stub.client.get(ME, headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


def test_session_idle_expires_after_12_hours(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    clock.advance(12 * 3600 - 1)
    assert stub.get(ME, token).status_code == 200  # used: the idle clock starts again
    clock.advance(12 * 3600 - 1)
    assert stub.get(ME, token).status_code == 200
    clock.advance(12 * 3600)
    response = stub.get(ME, token)
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


def test_session_tokens_are_stored_only_as_hashes(stub):
    token = stub.sign_in_by_email(ALICE)
    assert len(base64.urlsafe_b64decode(token + "=")) == 32  # 256 bits
    raw = stub.db_path.read_bytes() + wal_bytes(stub)
    assert token.encode() not in raw
    with sqlite3.connect(stub.db_path) as conn:
        hashes = [row[0] for row in conn.execute("SELECT token_hash FROM sessions")]
    assert len(hashes) == 1 and len(hashes[0]) == 32


def wal_bytes(stub) -> bytes:
    wal = stub.db_path.with_name(stub.db_path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


# --- POST /me/authenticator/enroll ----------------------------------------------------------


def test_enroll_returns_secret_uri_qr_and_makes_status_pending(stub):
    token = stub.sign_in_by_email(ALICE)
    response = stub.post(ENROLL, token)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"secret", "otpauth_uri", "qr_png", "expires_in"}
    secret = body["secret"]
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert len(base64.b32decode(secret)) == 20  # 160 bits
    assert body["otpauth_uri"] == (
        f"otpauth://totp/Sigma:alice%40acme.test?secret={secret}"
        "&issuer=Sigma&algorithm=SHA1&digits=6&period=30"
    )
    assert body["expires_in"] == 600
    assert decode_qr(body["qr_png"]) == body["otpauth_uri"]
    assert stub.get(ME, token).json()["authenticator"] == {"status": "pending", "enrolled_at": None}


def decode_qr(png_base64: str) -> str:
    png = base64.b64decode(png_base64, validate=True)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    [barcode] = zxingcpp.read_barcodes(image)
    return barcode.text


def test_enroll_uri_percent_encodes_the_email(make_stub):
    stub = make_stub()
    token = stub.sign_in_by_email("admin@acme.test")
    uri = stub.post(ENROLL, token).json()["otpauth_uri"]
    parts = urlsplit(uri)
    assert parts.path == "/Sigma:admin%40acme.test"
    assert parse_qs(parts.query)["issuer"] == ["Sigma"]


def test_enroll_again_replaces_the_pending_secret(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    first = stub.post(ENROLL, token).json()["secret"]
    second = stub.post(ENROLL, token).json()["secret"]
    assert first != second
    stale = stub.post(CONFIRM, token, json={"code": totp_code(first, clock.now)})
    if totp_code(first, clock.now) != totp_code(second, clock.now):
        assert stale.status_code == 401
    fresh = stub.post(CONFIRM, token, json={"code": totp_code(second, clock.now, 1)})
    assert fresh.status_code == 200


def test_enroll_when_enabled_is_409(stub):
    token = stub.sign_in_by_email(ALICE)
    stub.enable_app(token)
    response = stub.post(ENROLL, token)
    assert response.status_code == 409
    assert error_of(response) == "already_enabled"


def test_enroll_needs_a_session(stub):
    response = stub.post(ENROLL)
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


def test_enroll_is_refused_to_an_sso_org_user(stub):
    """Not reachable by login (SSO users get no session); guards an org switched to SSO."""
    token = stub.sign_in_by_email(ALICE)
    with sqlite3.connect(stub.db_path) as conn:
        conn.execute("UPDATE orgs SET auth_method = 'sso' WHERE name = 'Acme Analytics'")
    response = stub.post(ENROLL, token)
    assert response.status_code == 403
    assert error_of(response) == "sso_required"


# --- POST /me/authenticator/verify ----------------------------------------------------------


def test_confirm_enables_the_app_and_records_enrolled_at(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    response = stub.post(CONFIRM, token, json={"code": totp_code(secret, clock.now)})
    assert response.status_code == 200
    assert response.json() == {
        "authenticator": {"status": "enabled", "enrolled_at": "2025-06-15T15:06:40Z"}
    }
    assert stub.get(ME, token).json()["authenticator"]["status"] == "enabled"
    assert stub.outbox(ALICE)[0]["subject"] == "Authenticator app enabled"


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_confirm_accepts_one_step_either_side(stub, clock, offset):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    response = stub.post(CONFIRM, token, json={"code": totp_code(secret, clock.now, offset)})
    assert response.status_code == 200


@pytest.mark.parametrize("offset", [-3, -2, 2, 3])
def test_confirm_refuses_codes_outside_the_window(stub, clock, offset):
    token = stub.sign_in_by_email(ALICE)
    while True:  # re-enrol in the 1-in-300,000 case that the code also fits a step inside
        secret = stub.post(ENROLL, token).json()["secret"]
        code = totp_code(secret, clock.now, offset)
        if code not in {totp_code(secret, clock.now, o) for o in (-1, 0, 1)}:
            break
    response = stub.post(CONFIRM, token, json={"code": code})
    assert response.status_code == 401
    assert error_of(response) == "invalid_code"


@pytest.mark.parametrize("code", ["12345", "１２３４５６", "abcdef", "1234567", "12345 "])
def test_confirm_code_not_six_ascii_digits_is_400(stub, code):
    token = stub.sign_in_by_email(ALICE)
    stub.post(ENROLL, token)
    response = stub.post(CONFIRM, token, json={"code": code})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_confirm_full_width_digits_of_the_right_code_are_still_400(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    code = totp_code(secret, clock.now)
    full_width = "".join(chr(ord(c) - ord("0") + ord("０")) for c in code)
    response = stub.post(CONFIRM, token, json={"code": full_width})
    assert response.status_code == 400


def test_confirm_wrong_code_is_401(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    wrong = f"{(int(totp_code(secret, clock.now)) + 1) % 10**6:06d}"
    response = stub.post(CONFIRM, token, json={"code": wrong})
    assert response.status_code == 401
    assert error_of(response) == "invalid_code"
    assert stub.get(ME, token).json()["authenticator"]["status"] == "pending"


def test_confirm_without_enrolment_is_409(stub):
    token = stub.sign_in_by_email(ALICE)
    response = stub.post(CONFIRM, token, json={"code": "123456"})
    assert response.status_code == 409
    assert error_of(response) == "no_pending_enrollment"


def test_confirm_when_already_enabled_is_409(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.enable_app(token)
    response = stub.post(CONFIRM, token, json={"code": totp_code(secret, clock.now, 1)})
    assert response.status_code == 409
    assert error_of(response) == "no_pending_enrollment"


@pytest.mark.parametrize(("age", "status"), [(599, 200), (600, 410)])
def test_confirm_within_10_minutes_else_410(stub, clock, age, status):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    clock.advance(age)
    response = stub.post(CONFIRM, token, json={"code": totp_code(secret, clock.now)})
    assert response.status_code == status
    if status == 410:
        assert error_of(response) == "enrollment_expired"
        assert stub.get(ME, token).json()["authenticator"]["status"] == "disabled"


def test_confirm_is_throttled_after_five_failures(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.post(ENROLL, token).json()["secret"]
    right = totp_code(secret, clock.now)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(5):
        assert stub.post(CONFIRM, token, json={"code": wrong}).status_code == 401
    response = stub.post(CONFIRM, token, json={"code": right})
    assert response.status_code == 429
    assert error_of(response) == "too_many_attempts"
    assert response.headers["retry-after"] == "1"


def test_confirm_needs_a_session(stub):
    response = stub.post(CONFIRM, json={"code": "123456"})
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


# --- POST /me/authenticator/disable ---------------------------------------------------------


def test_disable_with_password_disables_and_emails(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    stub.enable_app(token)
    response = stub.post(DISABLE, token, json={"password": "Sigma-demo-1"})
    assert response.status_code == 200
    assert response.json()["authenticator"]["status"] == "disabled"
    assert stub.outbox(ALICE)[0]["subject"] == "Authenticator app disabled"
    assert stub.outbox(ALICE)[0]["code"] is None
    clock.advance(30)
    assert stub.login(ALICE)["methods"] == ["email"]
    with sqlite3.connect(stub.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM authenticators").fetchone()[0] == 0


def test_disable_wrong_password_is_401(stub):
    token = stub.sign_in_by_email(ALICE)
    stub.enable_app(token)
    response = stub.post(DISABLE, token, json={"password": "not-it"})
    assert response.status_code == 401
    assert error_of(response) == "invalid_credentials"
    assert stub.get(ME, token).json()["authenticator"]["status"] == "enabled"


def test_disable_wrong_passwords_are_throttled(stub):
    token = stub.sign_in_by_email(ALICE)
    stub.enable_app(token)
    for _ in range(5):
        assert stub.post(DISABLE, token, json={"password": "not-it"}).status_code == 401
    response = stub.post(DISABLE, token, json={"password": "Sigma-demo-1"})
    assert response.status_code == 429
    assert error_of(response) == "too_many_attempts"


@pytest.mark.parametrize("enrol_first", [False, True])
def test_disable_when_not_enabled_is_409(stub, enrol_first):
    token = stub.sign_in_by_email(ALICE)
    if enrol_first:
        stub.post(ENROLL, token)  # pending is not enabled
    response = stub.post(DISABLE, token, json={"password": "Sigma-demo-1"})
    assert response.status_code == 409
    assert error_of(response) == "not_enabled"


def test_disable_malformed_body_is_400(stub):
    token = stub.sign_in_by_email(ALICE)
    response = stub.post(DISABLE, token, json={"password": 1234})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_disable_needs_a_session(stub):
    response = stub.post(DISABLE, json={"password": "Sigma-demo-1"})
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"
