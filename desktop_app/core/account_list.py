"""Pure operations on the account list: ordering, sorting, and the edits the window makes.

The vault's own list order is the user's manual (drag) order, so it is shared with the command
line and survives without a separate setting. Every edit is a function of the freshest list
(`Vault.update` applies it after merging other processes' changes), so it works by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop_app.core.accounts import Account, OtpType


class SortMode(StrEnum):
    MANUAL = "manual"
    ALPHABETICAL = "alphabetical"
    MOST_USED = "most_used"


def _alphabetical_key(account: Account) -> tuple[str, str]:
    return (account.issuer.casefold() or account.name.casefold(), account.name.casefold())


def sorted_accounts(accounts: Sequence[Account], mode: SortMode) -> list[Account]:
    if mode is SortMode.ALPHABETICAL:
        return sorted(accounts, key=_alphabetical_key)
    if mode is SortMode.MOST_USED:
        # Stable sort: ties keep alphabetical order.
        by_name = sorted(accounts, key=_alphabetical_key)
        return sorted(by_name, key=lambda a: (-a.use_count, -a.last_used))
    return list(accounts)


def index_of(accounts: Sequence[Account], account_id: str) -> int:
    for index, account in enumerate(accounts):
        if account.id == account_id:
            return index
    raise KeyError(account_id)


def move(accounts: list[Account], account_id: str, new_index: int) -> list[Account]:
    """The list with one account moved to `new_index` (clamped to the list)."""
    result = list(accounts)
    moving = result.pop(index_of(result, account_id))
    result.insert(max(0, min(new_index, len(result))), moving)
    return result


def replace_by_id(accounts: list[Account], updated: Account) -> list[Account]:
    return [updated if a.id == updated.id else a for a in accounts]


def remove_by_id(accounts: list[Account], account_id: str) -> list[Account]:
    return [a for a in accounts if a.id != account_id]


def insert_at(accounts: list[Account], account: Account, index: int) -> list[Account]:
    result = [a for a in accounts if a.id != account.id]
    result.insert(max(0, min(index, len(result))), account)
    return result


def with_use_recorded(account: Account, now: float, uses: int = 1) -> Account:
    return replace(account, use_count=account.use_count + uses, last_used=now)


def with_next_counter(account: Account) -> Account:
    if account.type is not OtpType.HOTP:
        raise ValueError("only HOTP accounts have a counter")
    return replace(account, counter=account.counter + 1)


def duplicates_of(candidate: Account, accounts: Sequence[Account]) -> list[Account]:
    """Saved accounts that produce the same codes as `candidate` (other than itself)."""
    return [a for a in accounts if a.id != candidate.id and a.same_credential(candidate)]


@dataclass(frozen=True)
class DeletedAccount:
    account: Account
    index: int  # position in the manual order, to put it back where it was


class UndoStack:
    """Recently deleted accounts, newest last; bounded so it cannot grow forever."""

    def __init__(self, limit: int = 20) -> None:
        self._items: list[DeletedAccount] = []
        self._limit = limit

    def push(self, item: DeletedAccount) -> None:
        self._items.append(item)
        del self._items[: -self._limit]

    def pop(self) -> DeletedAccount | None:
        return self._items.pop() if self._items else None

    def peek(self) -> DeletedAccount | None:
        return self._items[-1] if self._items else None

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
