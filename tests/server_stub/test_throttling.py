"""Throttling as the contract says: 5 free failures, then a doubling wait from 1 s capped at 15
minutes; a refused attempt is not evaluated and does not count; success resets; one throttle per
user across sessions and across password, app-code and email-code failures."""

from __future__ import annotations

import pytest
from helpers.stub_app import error_of, totp_code

from server_stub.domain.throttle import seconds_to_wait, wait_after
from server_stub.store.records import ThrottleRecord

LOGIN = "/api/v1/auth/login"
VERIFY = "/api/v1/auth/verify"
ALICE = "alice@acme.test"


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        (0, 0),
        (4, 0),
        (5, 1),
        (6, 2),
        (7, 4),
        (10, 32),
        (14, 512),
        (15, 900),
        (16, 900),
        (10_000, 900),
    ],
)
def test_wait_doubles_from_one_second_and_caps_at_15_minutes(failures, wait):
    assert wait_after(failures) == wait


def test_seconds_to_wait_rounds_up_and_ends_on_time():
    record = ThrottleRecord("user:1", failures=6, last_failure_at=100.0, throttle_noted_at=None)
    assert seconds_to_wait(None, 100.0) == 0
    assert seconds_to_wait(record, 100.0) == 2
    assert seconds_to_wait(record, 100.5) == 2
    assert seconds_to_wait(record, 101.2) == 1
    assert seconds_to_wait(record, 102.0) == 0


def wrong_password(stub):
    return stub.client.post(LOGIN, json={"email": ALICE, "password": "wrong"})


def test_full_schedule_over_http(stub, clock):
    for _ in range(5):
        assert wrong_password(stub).status_code == 401
    for expected_wait in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900):
        refused = wrong_password(stub)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == str(expected_wait)
        clock.advance(expected_wait - 0.5)
        assert wrong_password(stub).status_code == 429
        clock.advance(0.5)
        assert wrong_password(stub).status_code == 401  # evaluated again, and failed


def test_attempt_during_the_wait_is_not_evaluated_and_does_not_count(stub, clock):
    for _ in range(5):
        wrong_password(stub)
    for _ in range(20):  # hammering during the wait changes nothing
        right = stub.client.post(LOGIN, json={"email": ALICE, "password": "Sigma-demo-1"})
        assert right.status_code == 429  # even the right password is not looked at
    clock.advance(1)
    assert wrong_password(stub).status_code == 401
    assert wrong_password(stub).headers["retry-after"] == "2"  # 6 failures, not 26


def test_full_sign_in_resets_the_count(stub, clock):
    for _ in range(5):
        wrong_password(stub)
    clock.advance(1)
    stub.sign_in_by_email(ALICE)
    for _ in range(5):
        assert wrong_password(stub).status_code == 401  # five free failures again
    assert wrong_password(stub).status_code == 429


def test_correct_password_alone_does_not_reset_the_count(stub, clock):
    for _ in range(4):
        wrong_password(stub)
    stub.login(ALICE)  # right password, no second factor
    assert wrong_password(stub).status_code == 401  # the fifth failure
    assert wrong_password(stub).status_code == 429


def test_password_app_and_email_failures_share_one_count_across_sessions(stub, clock):
    stub.enable_app(stub.sign_in_by_email(ALICE))
    clock.advance(30)
    first, second = stub.login(ALICE), stub.login(ALICE)  # two sign-in attempts in parallel
    assert wrong_password(stub).status_code == 401  # 1
    for challenge, method in ((first, "app"), (second, "email"), (first, "email")):  # 2-4
        response = stub.post(
            VERIFY, json={"mfa_token": challenge["mfa_token"], "method": method, "code": "000000"}
        )
        assert error_of(response) == "invalid_code"
    assert wrong_password(stub).status_code == 401  # 5
    blocked = stub.post(
        VERIFY, json={"mfa_token": second["mfa_token"], "method": "app", "code": "000000"}
    )
    assert blocked.status_code == 429


def test_throttled_app_code_is_refused_even_when_right(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE))
    challenge = stub.login(ALICE)
    right = totp_code(secret, clock.now)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    body = {"mfa_token": challenge["mfa_token"], "method": "app"}
    for _ in range(5):
        assert stub.post(VERIFY, json={**body, "code": wrong}).status_code == 401
    assert stub.post(VERIFY, json={**body, "code": right}).status_code == 429
    clock.advance(1)
    assert stub.post(VERIFY, json={**body, "code": right}).status_code == 200


def test_throttle_is_per_user(stub):
    for _ in range(6):
        wrong_password(stub)
    assert wrong_password(stub).status_code == 429
    assert stub.login("bob@acme.test")["status"] == "mfa_required"


def test_login_throttled_is_audited_once_per_wait(stub, clock):
    admin = stub.sign_in_by_email("admin@acme.test")
    for _ in range(5):
        wrong_password(stub)
    for _ in range(3):
        wrong_password(stub)  # three refusals in the same wait
    clock.advance(1)
    wrong_password(stub)  # evaluated: failure 6, a new wait
    wrong_password(stub)  # refused: a new audit entry
    events = stub.get("/api/v1/admin/audit", admin).json()["events"]
    actions = [e["action"] for e in events if e["target"] == ALICE]
    assert actions.count("login.throttled") == 2
    assert actions.count("login.failed") == 6


def test_counts_idle_for_a_day_start_again(stub, clock):
    for _ in range(8):
        wrong_password(stub)
        clock.advance(600)
    clock.advance(24 * 3600)
    for _ in range(5):
        assert wrong_password(stub).status_code == 401
    assert wrong_password(stub).status_code == 429
