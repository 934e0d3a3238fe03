"""Contract rows of /api/v1/admin/*: own org only, 403 for non-admins, 404 across orgs."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.stub_app import error_of

USERS = "/api/v1/admin/users"
AUDIT = "/api/v1/admin/audit"
ACME_ADMIN = "admin@acme.test"
ALICE = "alice@acme.test"


def user_id(stub, admin_token: str, email: str) -> int:
    users = stub.get(USERS, admin_token).json()["users"]
    return next(u["id"] for u in users if u["email"] == email)


def reset_path(uid: int) -> str:
    return f"{USERS}/{uid}/authenticator/reset"


@pytest.fixture
def admin_token(stub) -> str:
    return stub.sign_in_by_email(ACME_ADMIN)


@pytest.fixture
def globex_carol_id(stub) -> int:
    token = stub.sign_in_by_email("admin@globex.test")
    return user_id(stub, token, "carol@globex.test")


# --- GET /admin/users -----------------------------------------------------------------------


def test_list_users_shows_only_the_admins_org(stub, admin_token):
    response = stub.get(USERS, admin_token)
    assert response.status_code == 200
    users = response.json()["users"]
    assert sorted(u["email"] for u in users) == [ACME_ADMIN, ALICE, "bob@acme.test"]
    assert all(u["org"]["name"] == "Acme Analytics" for u in users)
    assert all(
        set(u) == {"id", "email", "name", "account_type", "org", "authenticator"} for u in users
    )


def test_list_users_needs_a_session(stub):
    response = stub.get(USERS)
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


@pytest.mark.parametrize("email", [ALICE, "bob@acme.test"])
def test_list_users_is_forbidden_to_non_admins(stub, email):
    response = stub.get(USERS, stub.sign_in_by_email(email))
    assert response.status_code == 403
    assert error_of(response) == "forbidden"


# --- GET /admin/users/{id} ------------------------------------------------------------------


def test_get_user_of_own_org(stub, admin_token):
    uid = user_id(stub, admin_token, ALICE)
    response = stub.get(f"{USERS}/{uid}", admin_token)
    assert response.status_code == 200
    assert response.json()["email"] == ALICE


def test_get_user_of_another_org_is_404(stub, admin_token, globex_carol_id):
    response = stub.get(f"{USERS}/{globex_carol_id}", admin_token)
    assert response.status_code == 404
    assert error_of(response) == "not_found"


@pytest.mark.parametrize("uid", [999, 2**63 - 1])
def test_get_unknown_user_is_404(stub, admin_token, uid):
    response = stub.get(f"{USERS}/{uid}", admin_token)
    assert response.status_code == 404
    assert error_of(response) == "not_found"


@pytest.mark.parametrize("uid", ["abc", "0", "-1", str(2**63), "1.5", "%00"])
def test_get_user_with_a_malformed_id_is_400(stub, admin_token, uid):
    response = stub.get(f"{USERS}/{uid}", admin_token)
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_get_user_is_forbidden_to_non_admins(stub, admin_token):
    uid = user_id(stub, admin_token, ACME_ADMIN)
    response = stub.get(f"{USERS}/{uid}", stub.sign_in_by_email(ALICE))
    assert response.status_code == 403
    assert error_of(response) == "forbidden"


# --- POST /admin/users/{id}/authenticator/reset ---------------------------------------------


def test_reset_deletes_the_secret_clears_throttle_audits_and_emails(stub, admin_token, clock):
    alice = stub.sign_in_by_email(ALICE)
    stub.enable_app(alice)
    for _ in range(6):  # throttled now
        stub.client.post("/api/v1/auth/login", json={"email": ALICE, "password": "wrong"})
    uid = user_id(stub, admin_token, ALICE)

    response = stub.post(reset_path(uid), admin_token)

    assert response.status_code == 200
    assert response.json()["authenticator"] == {"status": "disabled", "enrolled_at": None}
    assert response.json()["email"] == ALICE
    with sqlite3.connect(stub.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM authenticators").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM throttles").fetchone()[0] == 0
    notice = stub.outbox(ALICE)[0]
    assert notice["subject"] == "Authenticator app reset" and notice["code"] is None
    event = stub.get(AUDIT, admin_token).json()["events"][0]
    assert event["action"] == "authenticator.reset"
    assert (event["actor"], event["target"]) == (ACME_ADMIN, ALICE)
    assert stub.login(ALICE)["methods"] == ["email"]  # not throttled any more


def test_reset_removes_a_pending_enrolment_too(stub, admin_token):
    alice = stub.sign_in_by_email(ALICE)
    stub.post("/api/v1/me/authenticator/enroll", alice)
    response = stub.post(reset_path(user_id(stub, admin_token, ALICE)), admin_token)
    assert response.json()["authenticator"]["status"] == "disabled"
    confirm = stub.post("/api/v1/me/authenticator/verify", alice, json={"code": "123456"})
    assert error_of(confirm) == "no_pending_enrollment"


def test_reset_of_another_orgs_user_is_404_and_changes_nothing(stub, admin_token, clock):
    carol = stub.sign_in_by_email("carol@globex.test")
    stub.enable_app(carol)
    globex_admin = stub.sign_in_by_email("admin@globex.test")
    carol_id = user_id(stub, globex_admin, "carol@globex.test")
    response = stub.post(reset_path(carol_id), admin_token)
    assert response.status_code == 404
    assert error_of(response) == "not_found"
    assert stub.get("/api/v1/me", carol).json()["authenticator"]["status"] == "enabled"


def test_reset_is_forbidden_to_non_admins(stub, admin_token):
    uid = user_id(stub, admin_token, ALICE)
    response = stub.post(reset_path(uid), stub.sign_in_by_email("bob@acme.test"))
    assert response.status_code == 403
    assert error_of(response) == "forbidden"


def test_reset_of_unknown_user_is_404(stub, admin_token):
    response = stub.post(reset_path(12345), admin_token)
    assert response.status_code == 404


def test_reset_needs_a_session(stub):
    response = stub.post(reset_path(1))
    assert response.status_code == 401
    assert error_of(response) == "unauthenticated"


# --- GET /admin/audit -----------------------------------------------------------------------


def test_audit_lists_the_orgs_events_newest_first(stub, admin_token, clock):
    alice = stub.sign_in_by_email(ALICE)
    clock.advance(1)
    stub.enable_app(alice)
    clock.advance(1)
    stub.post("/api/v1/me/authenticator/disable", alice, json={"password": "Sigma-demo-1"})
    clock.advance(1)
    stub.client.post("/api/v1/auth/login", json={"email": ALICE, "password": "wrong"})
    stub.sign_in_by_email("carol@globex.test")  # another org: must not appear

    response = stub.get(AUDIT, admin_token)

    assert response.status_code == 200
    events = response.json()["events"]
    assert all(set(e) == {"at", "actor", "action", "target"} for e in events)
    alice_actions = [e["action"] for e in events if e["target"] == ALICE]
    assert alice_actions == [
        "login.failed",
        "authenticator.disabled",
        "authenticator.enrolled",
        "login.succeeded",
    ]
    assert "carol@globex.test" not in {e["target"] for e in events}
    times = [e["at"] for e in events]
    assert times == sorted(times, reverse=True)


def test_audit_limit_is_validated(stub, admin_token):
    assert stub.get(AUDIT, admin_token, params={"limit": 1}).status_code == 200
    response = stub.get(AUDIT, admin_token, params={"limit": 0})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_audit_is_forbidden_to_non_admins(stub):
    response = stub.get(AUDIT, stub.sign_in_by_email(ALICE))
    assert response.status_code == 403
    assert error_of(response) == "forbidden"


def test_audit_needs_a_session(stub):
    assert stub.get(AUDIT).status_code == 401
