"""classify(): what a scanned text means, for every kind of text a QR code can hold."""

from __future__ import annotations

import pytest

from desktop_app.core import qr
from desktop_app.core.accounts import Account
from desktop_app.core.importers.google_migration import OtpParameters, build_migration_uri

URI = "otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme"


def test_an_otpauth_uri_is_an_account() -> None:
    content = qr.classify(URI)
    assert isinstance(content, qr.OtpauthAccount)
    assert (content.account.issuer, content.account.name) == ("Acme", "alice@example.com")
    assert content.text == URI and content.kind == "account"


def test_a_migration_export_carries_its_accounts_and_batch() -> None:
    accounts = [
        Account(issuer="A", name="x", secret="JBSWY3DPEHPK3PXP"),
        Account(issuer="B", name="y", secret="GEZDGNBVGY3TQOJQ"),
    ]
    text = build_migration_uri(accounts, batch_size=2, batch_index=1, batch_id=77)
    content = qr.classify(text)
    assert isinstance(content, qr.MigrationExport)
    assert [a.issuer for a in content.result.accounts] == ["A", "B"]
    assert (content.result.batch.batch_index, content.result.batch.batch_size) == (1, 2)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("otpauth://totp/Acme:alice", "no secret"),
        ("otpauth://steam/Acme:alice?secret=JBSWY3DPEHPK3PXP", "unknown OTP type 'steam'"),
        ("otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", "unknown algorithm"),
        ("OTPAUTH://totp/A?secret=" + "A" * 5000, "too long"),
        ("otpauth-migration://offline?data=%%%", "not valid base64"),
        ("otpauth-migration://offline", "no data parameter"),
    ],
)
def test_an_unusable_authenticator_code_says_why(text: str, error: str) -> None:
    content = qr.classify(text)
    assert isinstance(content, qr.InvalidOtpauth)
    assert error in content.error
    assert content.text == text


def test_a_migration_entry_error_keeps_the_other_accounts() -> None:
    entries = [
        OtpParameters(secret=b"k" * 10, name="ok", issuer="I"),
        OtpParameters(secret=b"k" * 10, name="old", issuer="J", algorithm=4),
    ]
    content = qr.classify(build_migration_uri(entries))
    assert isinstance(content, qr.MigrationExport)
    assert [a.name for a in content.result.accounts] == ["ok"]
    assert "MD5" in str(content.result.errors[0])


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/login",
        "WIFI:S:home;T:WPA;P:secret;;",
        "",
        "otpauth",
        "x" * 3000,
        "\x00\x01binary\xff",
    ],
)
def test_anything_else_is_not_an_authenticator_code_and_keeps_its_text(text: str) -> None:
    content = qr.classify(text)
    assert isinstance(content, qr.NotAuthenticatorQr)
    assert content.text == text


def test_preview_makes_any_text_showable_on_one_line() -> None:
    assert qr.preview("line1\nline2\x00") == "line1\\nline2\\x00"
    long = qr.preview("é" * 500, limit=50)
    assert len(long) == 50 and long.endswith("…")
    assert qr.preview("short") == "short"
