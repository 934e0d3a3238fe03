"""The open vault as seen by the window: unlock/create off the UI thread, edits, undo, lock.

Every edit goes through `Vault.update`, which merges what the `sigma-auth` command line saved in
the meantime; the fresh list comes back through `accounts_changed`. Failures become `failed`
with the vault error's own sentence, for the window to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core import account_list as ops
from desktop_app.core.accounts import Account
from desktop_app.core.clock import Clock
from desktop_app.core.vault import Vault, VaultError, VaultNotFoundError
from desktop_app.ui.tasks import TaskRunner

USE_SAVE_DELAY_MS = 2000


class VaultSession(QObject):
    accounts_changed = Signal(object)  # tuple[Account, ...], in manual order
    opened = Signal()
    closed = Signal()
    open_failed = Signal(str)  # message for the unlock or create page
    vault_missing = Signal()  # unlocking found no vault file: offer to create one
    failed = Signal(str)  # an edit could not be saved
    deleted = Signal(object)  # the Account just deleted (the window offers Undo)
    restored = Signal(object)  # the Account an undo brought back

    def __init__(self, path: Path, clock: Clock, tasks: TaskRunner,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.path = path
        self._clock = clock
        self._tasks = tasks
        self._vault: Vault | None = None
        self.undo_stack = ops.UndoStack()
        # Use counts are saved in one batch shortly after copying, not on the click itself:
        # with 10,000 accounts a save takes a few hundred ms (tests/bench/ui_bench.py).
        self._pending_uses: dict[str, tuple[int, float]] = {}
        self._use_timer = QTimer(self)
        self._use_timer.setSingleShot(True)
        self._use_timer.setInterval(USE_SAVE_DELAY_MS)
        self._use_timer.timeout.connect(self.flush_uses)

    # ----- opening and closing -------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def vault_exists(self) -> bool:
        return Vault.exists(self.path)

    def unlock(self, password: str) -> None:
        """Derive the key on a worker thread; `opened` or `open_failed` follows."""
        path = self.path
        self._tasks.run(lambda: Vault.open(path, password), self._attach, self._open_error)

    def create(self, password: str) -> None:
        path = self.path
        self._tasks.run(lambda: Vault.create(path, password), self._attach, self._open_error)

    def _attach(self, vault: Vault) -> None:
        self._vault = vault
        self.undo_stack.clear()
        self.opened.emit()
        self.accounts_changed.emit(vault.accounts)

    def _open_error(self, error: BaseException) -> None:
        if isinstance(error, VaultNotFoundError):
            self.vault_missing.emit()
        elif isinstance(error, VaultError):
            self.open_failed.emit(str(error))
        else:  # a bug, not a user situation; say so rather than pretend
            self.open_failed.emit(f"Unexpected error while opening the vault: {error!r}")

    def lock(self) -> None:
        """Save pending use counts, then drop the key and the decrypted accounts."""
        self.flush_uses()
        if self._vault is not None:
            self._vault.close()
            self._vault = None
        self.undo_stack.clear()
        self.closed.emit()

    @property
    def accounts(self) -> tuple[Account, ...]:
        return self._vault.accounts if self._vault is not None else ()

    # ----- edits ---------------------------------------------------------------------------
    def _change(self, change: Callable[[list[Account]], list[Account]]) -> bool:
        if self._vault is None:
            self.failed.emit("The vault is locked.")
            return False
        try:
            accounts = self._vault.update(change)
        except VaultError as exc:
            self.failed.emit(str(exc))
            return False
        except KeyError:
            # The account vanished meanwhile (deleted from the command line): show the truth.
            self.failed.emit("That account no longer exists; the list was refreshed.")
            self.reload()
            return False
        self.accounts_changed.emit(accounts)
        return True

    def reload(self) -> None:
        if self._vault is None:
            return
        try:
            self.accounts_changed.emit(self._vault.reload())
        except VaultError as exc:
            self.failed.emit(str(exc))

    def add(self, account: Account) -> bool:
        return self._change(lambda accounts: [*accounts, account])

    def add_many(self, new: Sequence[Account]) -> bool:
        """Several accounts in one save (an export's accounts go in together or not at all)."""
        return self._change(lambda accounts: [*accounts, *new])

    def update_account(self, account: Account) -> bool:
        def change(accounts: list[Account]) -> list[Account]:
            ops.index_of(accounts, account.id)  # raises KeyError when it is gone
            return ops.replace_by_id(accounts, account)

        return self._change(change)

    def delete(self, account_id: str) -> bool:
        removed: list[ops.DeletedAccount] = []

        def change(accounts: list[Account]) -> list[Account]:
            index = ops.index_of(accounts, account_id)
            removed.append(ops.DeletedAccount(accounts[index], index))
            return ops.remove_by_id(accounts, account_id)

        if not self._change(change):
            return False
        self.undo_stack.push(removed[-1])
        self.deleted.emit(removed[-1].account)
        return True

    def undo_delete(self) -> Account | None:
        item = self.undo_stack.pop()
        if item is None:
            return None
        if not self._change(lambda accounts: ops.insert_at(accounts, item.account, item.index)):
            self.undo_stack.push(item)
            return None
        self.restored.emit(item.account)
        return item.account

    def move(self, account_id: str, new_index: int) -> bool:
        return self._change(lambda accounts: ops.move(accounts, account_id, new_index))

    def record_use(self, account_id: str) -> None:
        """Count a copy; saved with the next batch (see USE_SAVE_DELAY_MS), lock or quit."""
        count, _last = self._pending_uses.get(account_id, (0, 0.0))
        self._pending_uses[account_id] = (count + 1, self._clock())
        self._use_timer.start()

    @property
    def has_pending_uses(self) -> bool:
        return bool(self._pending_uses)

    def flush_uses(self) -> bool:
        self._use_timer.stop()
        pending, self._pending_uses = self._pending_uses, {}
        if not pending or self._vault is None:
            return True

        def change(accounts: list[Account]) -> list[Account]:
            updated = []
            for account in accounts:  # an account deleted meanwhile simply loses its count
                if account.id in pending:
                    count, last_used = pending[account.id]
                    account = ops.with_use_recorded(account, last_used, count)
                updated.append(account)
            return updated

        return self._change(change)

    def next_counter(self, account_id: str) -> bool:
        def change(accounts: list[Account]) -> list[Account]:
            current = accounts[ops.index_of(accounts, account_id)]
            return ops.replace_by_id(accounts, ops.with_next_counter(current))

        return self._change(change)

    def duplicates_of(self, account: Account) -> list[Account]:
        return ops.duplicates_of(account, self.accounts)
