"""The demo orgs and users of the contract (`serve --demo`); seeding them twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.domain.accounts import NewUser, add_org, add_user, normalize_email
from server_stub.domain.passwords import PasswordChecker
from server_stub.store import Database

DEMO_PASSWORD = "Sigma-demo-1"  # noqa: S105 - published demo credential, documented in API.md


@dataclass(frozen=True)
class DemoAccount:
    org: str
    auth_method: str
    email: str
    name: str
    account_type: str


DEMO_ACCOUNTS = (
    DemoAccount("Acme Analytics", "password", "admin@acme.test", "Ada Admin", "admin"),
    DemoAccount("Acme Analytics", "password", "alice@acme.test", "Alice Anders", "creator"),
    DemoAccount("Acme Analytics", "password", "bob@acme.test", "Bob Brown", "viewer"),
    DemoAccount("Globex", "password", "admin@globex.test", "Gus Admin", "admin"),
    DemoAccount("Globex", "password", "carol@globex.test", "Carol Chen", "creator"),
    DemoAccount("Initech", "sso", "dave@initech.test", "Dave Diaz", "creator"),
)


def seed_demo(db: Database, passwords: PasswordChecker, now: float) -> list[DemoAccount]:
    """Create whatever of the demo data is missing; returns the accounts it created."""
    created = []
    for account in DEMO_ACCOUNTS:
        with db.read() as tx:
            org = tx.orgs.find_by_name(account.org)
            user = tx.users.find_by_email(normalize_email(account.email))
        if org is None:
            add_org(db, account.org, account.auth_method, now)
        if user is None:
            new = NewUser(account.org, account.email, account.name, account.account_type,
                          DEMO_PASSWORD)
            add_user(db, passwords, new, now)
            created.append(account)
    return created
