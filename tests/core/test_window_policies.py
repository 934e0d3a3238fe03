"""The Qt-free decisions behind the window: clipboard clearing, idle lock, clock check, codes."""

from __future__ import annotations

import pytest
from helpers.fake_clock import FakeClock

from desktop_app.core import account_list as ops
from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.clipboard_policy import ClipboardPolicy
from desktop_app.core.clock import NOT_BEFORE, ClockCheck
from desktop_app.core.code_cache import CodeCache
from desktop_app.core.idle_lock import IdleLockPolicy, LockReason
from desktop_app.core.otp import hotp
from desktop_app.core.password_strength import estimate

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890", RFC 6238 test key


def account(issuer="GitHub", name="alice", secret=RFC_SECRET, **extra) -> Account:
    return Account(issuer=issuer, name=name, secret=secret, **extra)


# ----- clipboard ---------------------------------------------------------------------------------
def test_clipboard_clears_after_the_delay_only_if_still_ours():
    clock = FakeClock(1000)
    policy = ClipboardPolicy(clock, clear_after_seconds=30)
    policy.copied("123456")
    clock.advance(29.9)
    assert not policy.should_clear_now("123456")
    clock.advance(0.1)
    assert policy.should_clear_now("123456")
    assert not policy.pending  # decided once


def test_clipboard_left_alone_when_the_user_copied_something_else():
    clock = FakeClock(1000)
    policy = ClipboardPolicy(clock, clear_after_seconds=30)
    policy.copied("123456")
    clock.advance(31)
    assert not policy.should_clear_now("my other password")
    assert not policy.pending


def test_clipboard_timer_off_still_clears_on_lock():
    clock = FakeClock(1000)
    policy = ClipboardPolicy(clock, clear_after_seconds=0)
    policy.copied("123456")
    clock.advance(10_000)
    assert policy.seconds_until_due() is None
    assert not policy.should_clear_now("123456")
    assert policy.should_clear_on_lock("123456")
    assert not policy.should_clear_on_lock("123456")  # forgotten after the first decision


def test_clipboard_policy_keeps_no_plain_copy():
    policy = ClipboardPolicy(FakeClock(), 30)
    policy.copied("918273")
    assert "918273" not in repr(vars(policy))


# ----- idle lock ---------------------------------------------------------------------------------
def test_idle_lock_after_the_configured_minutes_without_input():
    clock = FakeClock(0)
    policy = IdleLockPolicy(clock, idle_minutes=5)
    for _ in range(9):  # 4.5 minutes of ticks, no input
        clock.advance(30)
        assert policy.reason_to_lock() is None
    clock.advance(30)
    assert policy.reason_to_lock() is LockReason.IDLE


def test_input_postpones_the_idle_lock():
    clock = FakeClock(0)
    policy = IdleLockPolicy(clock, idle_minutes=1)
    clock.advance(50)
    assert policy.reason_to_lock() is None
    policy.touch()
    clock.advance(50)
    assert policy.reason_to_lock() is None  # 100 s since start, but only 50 s since the input
    clock.advance(10)
    assert policy.reason_to_lock() is LockReason.IDLE


def test_idle_lock_disabled_with_zero_minutes_but_suspend_still_locks():
    clock = FakeClock(0)
    policy = IdleLockPolicy(clock, idle_minutes=0)
    for _ in range(100):
        clock.advance(60)
        assert policy.reason_to_lock() is None
    clock.advance(3600)  # no tick for an hour: the machine slept
    assert policy.reason_to_lock() is LockReason.SUSPEND
    policy.lock_after_suspend = False
    clock.advance(3600)
    assert policy.reason_to_lock() is None


# ----- clock check -------------------------------------------------------------------------------
def test_clock_check_warns_before_the_build_date_and_on_skew():
    clock = FakeClock(NOT_BEFORE - 86_400)
    check = ClockCheck(clock)
    assert "past" in check.warning()
    clock.set(NOT_BEFORE + 10 * 86_400)
    assert check.warning() is None
    check.set_reference_time(clock() - 20)  # the server says it is 20 s earlier
    assert check.skew == pytest.approx(20)
    assert "20 s ahead" in check.warning()
    check.set_reference_time(clock() + 16)
    assert "16 s behind" in check.warning()
    check.set_reference_time(clock() + 14)
    assert check.warning() is None
    check.clear_reference()
    assert check.skew is None


# ----- code cache --------------------------------------------------------------------------------
def test_code_cache_computes_each_code_once_per_period():
    cache = CodeCache()
    acct = account(digits=8)
    assert cache.code(acct, 59) == "94287082"  # RFC 6238 appendix B, SHA1, T=59
    for t in range(30, 60):
        assert cache.code(acct, t) == "94287082"
    assert cache.computed == 1
    assert cache.next_code(acct, 59) == hotp(acct.key, 2, digits=8)
    assert cache.computed == 2
    assert cache.code(acct, 60) == cache.next_code(acct, 59)
    assert cache.computed == 2  # the next code became the current one without recomputing


def test_code_cache_notices_an_edit_that_keeps_the_id():
    cache = CodeCache()
    acct = account()
    first = cache.code(acct, 100)
    edited = Account(**{**acct.to_dict(), "secret": "JBSWY3DPEHPK3PXP"})
    assert edited.id == acct.id
    assert cache.code(edited, 100) != first


def test_code_cache_hotp_follows_the_counter_and_stays_bounded():
    cache = CodeCache(max_entries=4)
    acct = account(type=OtpType.HOTP, counter=0, digits=6)
    assert cache.code(acct, 0) == "755224"  # RFC 4226 appendix D, count 0
    assert cache.next_code(acct, 0) == "287082"  # count 1
    for step in range(10):
        cache.code(acct, step * 30.0, steps_ahead=step)
    assert len(cache) <= 4


# ----- list operations ---------------------------------------------------------------------------
def test_sorting_modes():
    a = account("beta", "x", use_count=1, last_used=5)
    b = account("Alpha", "y", use_count=3, last_used=1)
    c = account("gamma", "z", use_count=3, last_used=9)
    accounts = [a, b, c]
    assert ops.sorted_accounts(accounts, ops.SortMode.MANUAL) == [a, b, c]
    assert ops.sorted_accounts(accounts, ops.SortMode.ALPHABETICAL) == [b, a, c]
    assert ops.sorted_accounts(accounts, ops.SortMode.MOST_USED) == [c, b, a]


def test_move_insert_remove_by_id():
    a, b, c = account("a"), account("b"), account("c")
    assert ops.move([a, b, c], a.id, 2) == [b, c, a]
    assert ops.move([a, b, c], c.id, 0) == [c, a, b]
    assert ops.move([a, b, c], b.id, 99) == [a, c, b]
    removed = ops.remove_by_id([a, b, c], b.id)
    assert ops.insert_at(removed, b, 1) == [a, b, c]
    with pytest.raises(KeyError):
        ops.index_of([a], b.id)


def test_use_and_counter_updates_and_duplicates():
    hotp_account = account(type=OtpType.HOTP, counter=4)
    assert ops.with_next_counter(hotp_account).counter == 5
    with pytest.raises(ValueError):
        ops.with_next_counter(account())
    used = ops.with_use_recorded(account(), 1234.0)
    assert (used.use_count, used.last_used) == (1, 1234.0)
    original = account()
    twin = account("Other", "name")  # same secret and parameters, other labels
    assert ops.duplicates_of(twin, [original]) == [original]
    assert ops.duplicates_of(account(secret="JBSWY3DPEHPK3PXP"), [original]) == []
    assert ops.duplicates_of(original, [original]) == []  # itself is not a duplicate


def test_undo_stack_is_bounded_and_last_in_first_out():
    stack = ops.UndoStack(limit=2)
    items = [ops.DeletedAccount(account(str(i)), i) for i in range(3)]
    for item in items:
        stack.push(item)
    assert len(stack) == 2
    assert stack.pop() is items[2]
    assert stack.pop() is items[1]
    assert stack.pop() is None


# ----- password strength -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("password", "score"),
    [("", 0), ("short", 0), ("password", 0), ("abcdefgh", 1), ("correct horse battery staple", 4)],
)
def test_password_strength(password, score):
    assert estimate(password).score == score
