"""Replay: a user's accepted time steps only move forward, and the same code raced from many
threads is accepted exactly once."""

from __future__ import annotations

import threading

from helpers.stub_app import error_of, totp_code

VERIFY = "/api/v1/auth/verify"
ALICE = "alice@acme.test"


def app_verify(stub, code: str):
    challenge = stub.login(ALICE)
    return stub.post(
        VERIFY, json={"mfa_token": challenge["mfa_token"], "method": "app", "code": code}
    )


def test_a_code_is_accepted_once(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE))  # confirmed with step -1
    code = totp_code(secret, clock.now)
    assert app_verify(stub, code).status_code == 200
    replayed = app_verify(stub, code)
    assert replayed.status_code == 401
    assert error_of(replayed) == "invalid_code"
    assert "already used" in replayed.json()["error"]["message"]  # says what to do: wait


def test_the_enrolment_code_cannot_sign_in(stub, clock):
    token = stub.sign_in_by_email(ALICE)
    secret = stub.enable_app(token, step_offset=0)
    response = app_verify(stub, totp_code(secret, clock.now))
    assert response.status_code == 401
    assert error_of(response) == "invalid_code"


def test_steps_never_move_back(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE), step_offset=-1)
    assert app_verify(stub, totp_code(secret, clock.now, 1)).status_code == 200  # step +1
    earlier = app_verify(stub, totp_code(secret, clock.now, 0))  # step 0 is in the window...
    assert earlier.status_code == 401  # ...but not later than the last accepted step
    clock.advance(60)  # now step +1 is the previous step, +2 current, +3 next
    assert app_verify(stub, totp_code(secret, clock.now, 0)).status_code == 200


def test_a_new_step_after_waiting_is_accepted(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE))
    for _ in range(3):
        clock.advance(30)
        assert app_verify(stub, totp_code(secret, clock.now)).status_code == 200


def test_the_same_code_raced_from_threads_wins_once(stub, clock):
    secret = stub.enable_app(stub.sign_in_by_email(ALICE))
    code = totp_code(secret, clock.now)
    # Six separate sign-in attempts: five losers stay within the free failures, so each loser
    # must be answered invalid_code (a replay), never throttled.
    challenges = [stub.login(ALICE) for _ in range(6)]
    barrier = threading.Barrier(len(challenges))
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(challenge: dict) -> None:
        barrier.wait()
        response = stub.post(
            VERIFY, json={"mfa_token": challenge["mfa_token"], "method": "app", "code": code}
        )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in challenges]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] + [401] * 5


def test_the_step_update_is_conditional_in_the_store(stub):
    """The store itself refuses to move a step back, whatever the caller read before."""
    db = stub.client.app.state.services.ctx.db
    with db.write() as tx:
        uid = tx.users.find_by_email(ALICE).id
        assert tx.users.advance_totp_step(uid, 100)
        assert not tx.users.advance_totp_step(uid, 100)
        assert not tx.users.advance_totp_step(uid, 99)
        assert tx.users.advance_totp_step(uid, 101)


def test_one_mfa_token_raced_with_email_code_wins_once(stub):
    challenge = stub.login(ALICE)
    code = stub.last_code(ALICE)
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def attempt() -> None:
        barrier.wait()
        response = stub.post(
            VERIFY, json={"mfa_token": challenge["mfa_token"], "method": "email", "code": code}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] + [401] * 5
