"""SigmaClient against the real stub over HTTP (loopback, free port, a clock the test moves)."""

import logging
import socket
import threading

import pyotp
import pytest
from helpers.ports import free_port

from desktop_app.core import otpauth
from desktop_app.core.sigma_client import (
    AlreadyEnabled,
    EnrollmentExpired,
    Forbidden,
    InvalidCode,
    InvalidCredentials,
    InvalidMfaToken,
    InvalidRequest,
    NoPendingEnrollment,
    NotEnabled,
    NotFound,
    ServerError,
    ServerUnreachable,
    SigmaClient,
    SigmaError,
    SsoRequired,
    TooManyAttempts,
    Unauthenticated,
    normalize_server_url,
)

PASSWORD = "Sigma-demo-1"


def sign_in_by_email(client: SigmaClient, email: str):
    challenge = client.login(email, PASSWORD)
    if challenge.app_available:
        client.send_email_code(challenge.mfa_token)
    code = client.outbox(email)[0].code
    return client.verify(challenge.mfa_token, "email", code)


def code_at(secret: str, now: float, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(now + 30 * steps)


@pytest.fixture
def client(live_stub):
    return SigmaClient(live_stub.url)


def test_service_calls(client, live_stub):
    assert client.health() is True
    assert client.server_time() == live_stub.clock.now


def test_sign_in_by_email_then_profile(client):
    user = sign_in_by_email(client, "alice@acme.test")
    assert (user.email, user.name, user.account_type) == (
        "alice@acme.test",
        "Alice Anders",
        "creator",
    )
    assert (user.org.name, user.org.auth_method) == ("Acme Analytics", "password")
    assert user.authenticator.status == "disabled"
    assert client.me() == user
    assert not user.is_admin


def test_enrol_verify_sign_in_with_the_app_and_disable(client, live_stub):
    sign_in_by_email(client, "alice@acme.test")
    enrolment = client.enroll()
    account = otpauth.parse(enrolment.otpauth_uri)
    assert (account.issuer, account.name, account.secret) == ("Sigma", "alice@acme.test",
                                                               enrolment.secret)  # fmt: skip
    assert enrolment.qr_png.startswith(b"\x89PNG")
    assert enrolment.secret not in repr(enrolment)
    now = live_stub.clock.now
    state = client.confirm_enrollment(code_at(enrolment.secret, now, -1))
    assert state.status == "enabled"
    with pytest.raises(AlreadyEnabled):
        client.enroll()

    client.logout()
    assert client.session_token is None
    challenge = client.login("alice@acme.test", PASSWORD)
    assert challenge.methods == ("app", "email")
    user = client.verify(challenge.mfa_token, "app", code_at(enrolment.secret, now))
    assert user.authenticator.status == "enabled"

    with pytest.raises(InvalidCredentials):
        client.disable("not the password")
    assert client.disable(PASSWORD).status == "disabled"
    with pytest.raises(NotEnabled):
        client.disable(PASSWORD)


def test_a_replayed_code_is_an_invalid_code(client, live_stub):
    sign_in_by_email(client, "alice@acme.test")
    secret = client.enroll().secret
    client.confirm_enrollment(code_at(secret, live_stub.clock.now, -1))
    code = code_at(secret, live_stub.clock.now)
    first = client.login("alice@acme.test", PASSWORD)
    client.verify(first.mfa_token, "app", code)
    second = client.login("alice@acme.test", PASSWORD)
    with pytest.raises(InvalidCode) as refused:
        client.verify(second.mfa_token, "app", code)
    assert refused.value.status == 401 and refused.value.message


def test_enrolment_errors(client, live_stub):
    sign_in_by_email(client, "bob@acme.test")
    with pytest.raises(NoPendingEnrollment):
        client.confirm_enrollment("123456")
    secret = client.enroll().secret
    with pytest.raises(InvalidRequest):
        client.confirm_enrollment("12345")
    live_stub.clock.advance(11 * 60)
    with pytest.raises(EnrollmentExpired):
        client.confirm_enrollment(code_at(secret, live_stub.clock.now))


def test_login_errors_are_typed(client):
    with pytest.raises(InvalidCredentials) as wrong:
        client.login("alice@acme.test", "nope")
    assert wrong.value.code == "invalid_credentials" and wrong.value.status == 401
    with pytest.raises(SsoRequired):
        client.login("dave@initech.test", PASSWORD)
    with pytest.raises(InvalidMfaToken):
        client.verify("forged-token", "email", "123456")


def test_throttling_carries_the_seconds_to_wait(client):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            client.login("carol@globex.test", "wrong")
    with pytest.raises(TooManyAttempts) as throttled:
        client.login("carol@globex.test", PASSWORD)
    assert throttled.value.retry_after >= 1
    assert throttled.value.status == 429


def test_an_idle_session_expires_and_the_client_forgets_it(client, live_stub):
    sign_in_by_email(client, "alice@acme.test")
    live_stub.clock.advance(12 * 3600 + 1)
    with pytest.raises(Unauthenticated):
        client.me()
    assert client.session_token is None
    with pytest.raises(Unauthenticated, match="signed out"):
        client.me()  # refused locally, no request without a token


def test_admin_calls_and_org_scoping(live_stub):
    admin = SigmaClient(live_stub.url)
    sign_in_by_email(admin, "admin@acme.test")
    users = {u.email: u for u in admin.admin_users()}
    assert set(users) == {"admin@acme.test", "alice@acme.test", "bob@acme.test"}
    alice = users["alice@acme.test"]
    assert admin.admin_user(alice.id) == alice
    assert admin.admin_reset(alice.id).authenticator.status == "disabled"
    assert any(e.action == "authenticator.reset" for e in admin.admin_audit())

    other = SigmaClient(live_stub.url)
    sign_in_by_email(other, "admin@globex.test")
    with pytest.raises(NotFound):
        other.admin_user(alice.id)
    viewer = SigmaClient(live_stub.url)
    sign_in_by_email(viewer, "bob@acme.test")
    with pytest.raises(Forbidden):
        viewer.admin_users()


def test_a_stopped_server_is_unreachable_with_a_plain_message():
    port = free_port()
    client = SigmaClient(f"http://127.0.0.1:{port}")
    with pytest.raises(ServerUnreachable, match="Cannot reach the server") as failed:
        client.health()
    assert failed.value.code == "unreachable"


def test_a_server_that_never_answers_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    try:
        client = SigmaClient(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=(1, 0.2))
        with pytest.raises(ServerUnreachable, match="did not answer in time"):
            client.health()
    finally:
        listener.close()


def serve_once(status_line: str, body: bytes, content_type: str = "text/html") -> str:
    """A one-shot HTTP server answering `body`: what a wrong server at the address would do."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer():
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(
                f"HTTP/1.1 {status_line}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body
            )
        listener.close()

    threading.Thread(target=answer, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_a_server_that_is_not_sigma_gives_a_clear_error():
    with pytest.raises(ServerError, match="not JSON"):
        SigmaClient(serve_once("200 OK", b"<html>hello</html>")).server_time()
    with pytest.raises(ServerError, match="HTTP 502"):
        SigmaClient(serve_once("502 Bad Gateway", b"<html>bad gateway</html>")).health()
    with pytest.raises(ServerError, match="lacks the field epoch"):
        SigmaClient(serve_once("200 OK", b'{"time": 1}', "application/json")).server_time()


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("127.0.0.1:8765", "http://127.0.0.1:8765"),
        (" http://localhost:9000/ ", "http://localhost:9000"),
        ("https://sigma.example", "https://sigma.example"),
    ],
)
def test_server_addresses_are_normalised(typed, expected):
    assert normalize_server_url(typed) == expected


@pytest.mark.parametrize("typed", ["", "ftp://x", "http://", "http://host:99999", "http://h:x"])
def test_impossible_server_addresses_are_refused(typed):
    with pytest.raises(SigmaError):
        normalize_server_url(typed)


def test_nothing_secret_reaches_the_logs(client, live_stub, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in_by_email(client, "alice@acme.test")
    enrolment = client.enroll()
    code = code_at(enrolment.secret, live_stub.clock.now, -1)
    client.confirm_enrollment(code)
    logged = caplog.text
    for secret in (PASSWORD, enrolment.secret, client.session_token, code):
        assert secret not in logged
