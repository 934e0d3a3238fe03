"""What scanned QR texts give: candidates with duplicates flagged, problems, export progress."""

from __future__ import annotations

import pytest

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.camera import CameraError, CameraProblem
from desktop_app.core.camera_advice import advise, permission_hint
from desktop_app.core.importers.google_migration import OtpParameters, build_migration_uri
from desktop_app.core.otp import Algorithm
from desktop_app.core.scan_results import (
    ExportProgress,
    ScanCollector,
    ScanStatusKind,
    account_details,
    describe_parts,
    scan_result,
)

SECRET = "JBSWY3DPEHPK3PXP"
GITHUB_URI = f"otpauth://totp/GitHub:alice%40example.com?secret={SECRET}&issuer=GitHub"
ACME = Account(issuer="Acme", name="alice", secret="GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
BANK = Account(issuer="Bank", name="bob", secret="MFRGGZDFMZTWQ2LK", digits=8,
               algorithm=Algorithm.SHA256)  # fmt: skip
CAROL = Account(issuer="", name="carol", secret="ONSWG4TFOQYTEMZUGU3DOOBZ",
                type=OtpType.HOTP, counter=5)  # fmt: skip


def export_parts(*groups: list[Account], batch_id: int = 7) -> list[str]:
    return [
        build_migration_uri(group, batch_size=len(groups), batch_index=i, batch_id=batch_id)
        for i, group in enumerate(groups)
    ]


def test_an_otpauth_code_gives_one_new_candidate():
    result = scan_result([GITHUB_URI])
    [candidate] = result.candidates
    assert candidate.account.label == "GitHub (alice@example.com)"
    assert not candidate.is_duplicate and result.new_accounts == (candidate.account,)
    assert result.problems == () and result.other_texts == ()


def test_keys_already_saved_or_repeated_in_the_scan_are_flagged():
    saved = Account(issuer="GitHub", name="old name", secret=SECRET)
    export = build_migration_uri([ACME, ACME, BANK])
    result = scan_result([GITHUB_URI, export], existing=[saved])
    notes = [c.duplicate_note for c in result.candidates]
    assert notes == ["Already saved as “GitHub (old name)”", "", "Same key as “Acme (alice)” above",
                     ""]  # fmt: skip
    assert [a.label for a in result.new_accounts] == ["Acme (alice)", "Bank (bob)"]


def test_a_text_seen_again_changes_nothing():
    collector = ScanCollector()
    for _ in range(3):
        collector.feed([GITHUB_URI, GITHUB_URI])
    assert len(collector.result().candidates) == 1


def test_a_multi_part_export_is_gathered_in_any_order_with_progress():
    parts = export_parts([ACME], [BANK], [CAROL])
    collector = ScanCollector()
    status = collector.feed([parts[1]])
    assert status.kind is ScanStatusKind.PARTIAL
    assert "export: part 2 of 3 scanned; still missing: 1, 3. Show the next" in status.message
    status = collector.feed([parts[0], "https://example.com"])
    assert status.kind is ScanStatusKind.PARTIAL
    assert "parts 1 and 2 of 3 scanned; still missing: 3." in status.message
    assert not collector.complete
    assert collector.feed([parts[2]]).kind is ScanStatusKind.DONE
    result = collector.result()
    assert [a.label for a in result.accounts] == ["Acme (alice)", "Bank (bob)", "carol"]
    assert result.incomplete_exports == ()
    assert len(result.other_texts) == 1


def test_an_incomplete_export_still_offers_its_accounts_and_says_what_is_missing():
    parts = export_parts([ACME], [BANK], [CAROL])
    result = scan_result([parts[2]])
    assert [a.label for a in result.accounts] == ["carol"]
    assert result.incomplete_exports == (ExportProgress(3, (2,), (0, 1)),)
    assert "part 3 of 3 scanned; still missing: 1, 2" in result.export_notes()[0]


def test_parts_of_two_exports_never_mix():
    first = export_parts([ACME], [BANK], batch_id=1)
    second = export_parts([CAROL], batch_id=2)
    collector = ScanCollector()
    collector.add_all([first[0], *second])
    assert [p.batch_size for p in collector.waiting_for_parts] == [2]
    collector.add(first[1])
    assert collector.complete
    assert [a.label for a in collector.result().accounts] == ["Acme (alice)", "Bank (bob)", "carol"]


def test_export_entries_that_cannot_be_used_are_problems_and_the_rest_still_come():
    md5 = OtpParameters(secret=b"0123456789", name="Old:md5", algorithm=4, digits=1, type=2)
    result = scan_result([build_migration_uri([OtpParameters.from_account(ACME), md5])])
    assert [a.label for a in result.accounts] == ["Acme (alice)"]
    assert result.problems == ("Old (md5): it uses MD5, which this app does not support.",)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("otpauth://totp/x?secret=123", "the secret key is not valid base32"),
        (f"otpauth://steam/Steam:me?secret={SECRET}", "unknown OTP type 'steam'"),
        ("otpauth-migration://offline?data=%%%", "not valid base64"),
    ],
)
def test_an_unusable_otpauth_code_says_why_without_its_text(text, reason):
    collector = ScanCollector()
    status = collector.feed([text])
    assert status.kind is ScanStatusKind.INVALID
    assert status.message.startswith("This QR code cannot be used: ")
    assert reason in status.message
    result = collector.result()
    assert result.candidates == () and reason in result.problems[0]
    assert reason in result.nothing_to_add_message()
    assert "secret=" not in status.message + result.nothing_to_add_message()


def test_a_code_for_something_else_is_quoted_safely_and_cut():
    junk = "https://example.com/\x1b[31m" + "x" * 3000
    collector = ScanCollector()
    status = collector.feed([junk])
    assert status.kind is ScanStatusKind.OTHER
    assert "not for an authenticator app" in status.message
    assert "\\x1b" in status.message and "\x1b" not in status.message
    assert len(status.message) < 250 and status.message.endswith("…”")
    assert collector.feed([]) is None  # a frame without a code says nothing
    assert not collector.complete


def test_an_account_wins_over_other_codes_in_the_same_frame():
    collector = ScanCollector()
    status = collector.feed(["https://example.com", GITHUB_URI])
    assert status.kind is ScanStatusKind.DONE


def test_nothing_found_and_details_in_words():
    assert not scan_result([]).found_anything
    assert scan_result([]).nothing_to_add_message() == "No QR code found."
    assert account_details(ACME) == "TOTP · 6 digits · every 30 s"
    assert account_details(BANK) == "TOTP · 8 digits · every 30 s · SHA256"
    assert account_details(CAROL) == "HOTP · 6 digits · counter 5"
    assert [describe_parts(n) for n in ([], [2], [1, 3], [1, 2, 4])] == [
        "", "2", "1 and 3", "1, 2 and 4"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "platform,words",
    [("win32", "Privacy & security > Camera"), ("darwin", "System Settings"),
     ("linux", "video")],
)  # fmt: skip
def test_a_denied_camera_gets_the_hint_of_its_operating_system(platform, words):
    advice = advise(CameraError("Access denied.", CameraProblem.PERMISSION_DENIED), platform)
    assert advice.title == "Camera access is not allowed"
    assert advice.hint == permission_hint(platform) and words in advice.hint


def test_camera_problems_have_plain_titles():
    busy = advise(CameraError("In use.", CameraProblem.BUSY))
    assert busy.title == "The camera is busy" and "Close other programs" in busy.hint
    missing = advise(CameraError("No camera found.", CameraProblem.NO_CAMERA))
    assert missing.title == "No camera found" and "screen" in missing.hint
    offered = advise(CameraError("No camera. Scan the screen instead.", CameraProblem.NO_CAMERA))
    assert offered.hint == ""  # said once, not twice
