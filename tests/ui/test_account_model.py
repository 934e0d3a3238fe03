"""The account model under pytest-qt's model tester, and its incremental change signals."""

from __future__ import annotations

import pytest
from helpers.fake_clock import FakeClock
from PySide6.QtCore import Qt

from desktop_app.core.account_list import SortMode, move, remove_by_id, with_use_recorded
from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.code_cache import CodeCache
from desktop_app.ui.models.account_model import AccountListModel, AccountRole

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def accounts(n: int = 5) -> list[Account]:
    names = ["delta", "Alpha", "charlie", "Bravo", "echo", "foxtrot", "golf"]
    return [
        Account(issuer=names[i % len(names)], name=f"user{i}", secret=RFC_SECRET, use_count=i % 3)
        for i in range(n)
    ]


@pytest.fixture
def model(qtmodeltester):
    model = AccountListModel(FakeClock(59))
    model.set_accounts(accounts())
    return model


def test_model_passes_the_model_tester_through_changes(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)
    data = [model.account_at(row) for row in range(model.rowCount())]
    model.set_accounts(remove_by_id(data, data[2].id))
    model.set_sort_mode(SortMode.ALPHABETICAL)
    model.set_filter("a")
    model.set_filter("")
    model.set_accounts([*data, Account(issuer="new", name="", secret=RFC_SECRET)])
    model.set_sort_mode(SortMode.MOST_USED)
    model.set_hide_codes(True)
    model.reveal(data[0].id)
    model.clear()
    qtmodeltester.check(model, force_py=True)


def test_codes_and_roles_at_the_injected_time(model):
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "delta (user0)"
    assert index.data(AccountRole.CODE) == "287 082"  # RFC 6238 T=59 truncated to 6 digits
    assert index.data(AccountRole.SECONDS_LEFT) == pytest.approx(1.0)
    assert index.data(AccountRole.NEXT_CODE)  # 1 s left: shown
    model.set_show_next_code(False)
    assert index.data(AccountRole.NEXT_CODE) == ""
    assert "287 082" not in index.data(Qt.ItemDataRole.AccessibleTextRole)  # spelled out
    assert "2 8 7 0 8 2" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.data(AccountRole.ISSUER) == "delta"
    assert index.data(AccountRole.IS_HOTP) is False


def test_only_requested_rows_compute_codes():
    cache = CodeCache()
    model = AccountListModel(FakeClock(1000), cache)
    model.set_accounts(accounts(7))
    assert cache.computed == 0  # loading computes nothing
    model.index(3).data(AccountRole.CODE)
    model.index(3).data(AccountRole.CODE)
    assert cache.computed == 1


def test_single_changes_use_fine_grained_signals(qtbot, model):
    data = [model.account_at(row) for row in range(model.rowCount())]
    with qtbot.assertNotEmitted(model.modelReset):
        with qtbot.waitSignal(model.rowsRemoved):
            model.set_accounts(remove_by_id(data, data[1].id))
        with qtbot.waitSignal(model.rowsInserted):
            model.set_accounts(data)
        with qtbot.waitSignal(model.rowsMoved):
            model.set_accounts(move(data, data[0].id, 3))
        with qtbot.waitSignal(model.dataChanged):
            model.set_accounts([with_use_recorded(a, 5) for a in move(data, data[0].id, 3)])
    assert [model.account_at(r).id for r in range(5)] == [a.id for a in move(data, data[0].id, 3)]


def test_filter_sort_and_reorderable(model):
    assert model.reorderable
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    model.set_filter("ALPHA user1")
    assert [model.account_at(r).issuer for r in range(model.rowCount())] == ["Alpha"]
    assert not model.reorderable
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    model.set_filter("")
    model.set_sort_mode(SortMode.ALPHABETICAL)
    assert [model.account_at(r).issuer for r in range(5)] == [
        "Alpha", "Bravo", "charlie", "delta", "echo",
    ]  # fmt: skip
    assert not model.reorderable


def test_hotp_rows_and_hidden_codes():
    model = AccountListModel(FakeClock(10))
    hotp_account = Account(issuer="H", name="", secret=RFC_SECRET, type=OtpType.HOTP, counter=1)
    model.set_accounts([hotp_account, *accounts(1)])
    assert model.index(0).data(AccountRole.CODE) == "287 082"
    assert model.index(0).data(AccountRole.SECONDS_LEFT) == 0.0
    model.set_hide_codes(True)
    assert model.index(0).data(AccountRole.CODE) == "••• •••"
    assert model.index(0).data(AccountRole.HIDDEN)
    assert "hidden" in model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    model.reveal(hotp_account.id)
    assert model.index(0).data(AccountRole.CODE) == "287 082"
    assert model.index(1).data(AccountRole.HIDDEN)
    model.conceal_all()
    assert model.index(0).data(AccountRole.HIDDEN)


def test_drag_data_carries_the_id_only(model):
    mime = model.mimeData([model.index(2)])
    assert bytes(mime.data("application/x-sigma-account-id")).decode() == model.account_at(2).id
    assert not mime.hasText()
