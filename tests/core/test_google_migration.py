"""Google Authenticator export (otpauth-migration://) import, build and multi-part tracking."""

from __future__ import annotations

import base64
import contextlib
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import importers
from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.importers import google_migration as gm
from desktop_app.core.otp import Algorithm

ACCOUNTS = [
    Account(issuer="Acme", name="alice@example.com", secret="JBSWY3DPEHPK3PXP"),
    Account(
        issuer="Bank",
        name="bob",
        secret="GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        algorithm=Algorithm.SHA256,
        digits=8,
    ),
    Account(
        issuer="",
        name="carol",
        secret="MFRGGZDFMZTWQ2LK",
        type=OtpType.HOTP,
        counter=42,
        algorithm=Algorithm.SHA512,
    ),
]


def uri_with_payload(payload: bytes, *, urlsafe: bool = False, encode: bool = True) -> str:
    data = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(payload).decode()
    return f"otpauth-migration://offline?data={quote(data, safe='') if encode else data}"


def test_several_accounts_round_trip_with_their_parameters() -> None:
    result = gm.parse_migration_uri(gm.build_migration_uri(ACCOUNTS))
    assert result.errors == ()
    assert len(result.accounts) == 3
    for got, want in zip(result.accounts, ACCOUNTS, strict=True):
        assert (got.issuer, got.name) == (want.issuer, want.name)
        assert got.same_credential(want)
        assert got.counter == want.counter
    assert result.batch == gm.BatchInfo(version=1, batch_size=1, batch_index=0, batch_id=0)


def test_the_registry_imports_the_same_text() -> None:
    text = gm.build_migration_uri(ACCOUNTS)
    assert importers.find_format(text).name == "google-migration"
    assert len(importers.import_text(text).accounts) == 3


def test_the_registry_refuses_text_no_format_recognises() -> None:
    assert importers.find_format("hello") is None
    with pytest.raises(importers.ImporterError, match="not in any format"):
        importers.import_text("hello")


def test_registering_a_name_twice_is_refused() -> None:
    existing = importers.formats()[0]
    with pytest.raises(ValueError, match="already registered"):
        importers.register(existing)


@pytest.mark.parametrize("urlsafe", [False, True], ids=["standard", "url-safe"])
@pytest.mark.parametrize("encode", [True, False], ids=["percent-encoded", "raw"])
def test_both_base64_alphabets_with_or_without_percent_encoding(urlsafe, encode) -> None:
    # Secrets chosen so the base64 text contains '+' and '/' (or '-' and '_').
    entries = [gm.OtpParameters(secret=bytes([0xFB, 0xFF, 0xBF] * 7), name="n", issuer="i")]
    payload = gm.encode_payload(entries)
    text = uri_with_payload(payload, urlsafe=urlsafe, encode=encode)
    (account,) = gm.parse_migration_uri(text).accounts
    assert account.key == bytes([0xFB, 0xFF, 0xBF] * 7)


def test_missing_padding_and_a_mangled_plus_are_accepted() -> None:
    payload = gm.encode_payload([gm.OtpParameters(secret=b"\xfb\xef" * 8, name="n")])
    data = base64.b64encode(payload).decode().rstrip("=").replace("+", " ")
    assert gm.parse_migration_uri(f"otpauth-migration://offline?data={data}").accounts


@pytest.mark.parametrize(
    ("name", "issuer", "want"),
    [
        ("Acme:alice", "", ("Acme", "alice")),
        ("Acme:alice", "Acme", ("Acme", "alice")),
        ("Acme: alice@x.org", "Acme Corp", ("Acme Corp", "alice@x.org")),
        ("alice", "Acme", ("Acme", "alice")),
        ("alice", "", ("", "alice")),
        ("a:b:c", "", ("a", "b:c")),
    ],
)
def test_issuer_account_names_are_split(name, issuer, want) -> None:
    entry = gm.OtpParameters(secret=b"0123456789", name=name, issuer=issuer)
    (account,) = gm.parse_payload(gm.encode_payload([entry])).accounts
    assert (account.issuer, account.name) == want


def test_unspecified_enums_take_google_authenticators_defaults() -> None:
    entry = gm.OtpParameters(secret=b"0123456789", name="x", algorithm=0, digits=0, type=0)
    (account,) = gm.parse_payload(gm.encode_payload([entry])).accounts
    assert (account.type, account.algorithm, account.digits, account.period) == (
        OtpType.TOTP,
        Algorithm.SHA1,
        6,
        30,
    )


def test_bad_entries_are_reported_one_by_one_and_the_rest_import() -> None:
    entries = [
        gm.OtpParameters(secret=b"0123456789", name="good", issuer="A"),
        gm.OtpParameters(secret=b"0123456789", name="legacy", issuer="B", algorithm=4),
        gm.OtpParameters(secret=b"", name="empty", issuer="C"),
        gm.OtpParameters(secret=b"0123456789", name="weird", issuer="D", digits=7),
        gm.OtpParameters(secret=b"0123456789", name="", issuer=""),
        gm.OtpParameters(secret=b"0123456789", name="bad\x01name", issuer="E"),
        gm.OtpParameters(secret=b"0123456789", name="also good", issuer="F", type=1, counter=3),
    ]
    result = gm.parse_payload(gm.encode_payload(entries))
    assert [a.name for a in result.accounts] == ["good", "also good"]
    assert [(e.index, e.label) for e in result.errors] == [
        (1, "B (legacy)"),
        (2, "C (empty)"),
        (3, "D (weird)"),
        (4, "entry 5"),
        (5, "E (bad\x01name)"),
    ]
    messages = [e.message for e in result.errors]
    assert "MD5" in messages[0] and "no secret" in messages[1]
    assert "digit count" in messages[2] and "issuer or an account name" in messages[3]
    assert "control characters" in messages[4]


def test_a_malformed_entry_is_an_entry_error_not_a_failed_import() -> None:
    good = gm.encode_payload([gm.OtpParameters(secret=b"0123456789", name="ok")])
    broken_entry = b"\x0a\x03\x08\xff\xff"  # field 1 holding a varint cut short
    result = gm.parse_payload(good + broken_entry)
    assert [a.name for a in result.accounts] == ["ok"]
    assert "ends inside a number" in result.errors[0].message


def test_a_field_of_the_wrong_type_is_reported() -> None:
    entry = b"\x08\x01"  # an OtpParameters whose secret (field 1) is the varint 1
    result = gm.parse_payload(b"\x0a\x02" + entry)
    assert "secret field has the wrong type" in result.errors[0].message


def test_unknown_fields_from_newer_versions_are_skipped() -> None:
    entry = gm.encode_payload([gm.OtpParameters(secret=b"0123456789", name="x")])
    extra = bytes([9 << 3 | 0]) + b"\x05"  # field 9, varint
    assert len(gm.parse_payload(entry + extra).accounts) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("otpauth://totp/x?secret=A", "not a Google Authenticator export"),
        ("otpauth-migration://offline?foo=bar", "no data parameter"),
        ("otpauth-migration://offline?data=AA&data=BB", "more than one data parameter"),
        ("otpauth-migration://offline?data=@@@@", "not valid base64"),
        ("otpauth-migration://offline?data=", "no data parameter"),
        (uri_with_payload(b""), "no data parameter"),
        (uri_with_payload(b"\x10\x01"), "contains no accounts"),
        (uri_with_payload(b"\x0a\x10abc"), "damaged"),
        (uri_with_payload(gm.encode_payload([], gm.BatchInfo(1, 2, 2, 5))), "out of range"),
        (uri_with_payload(gm.encode_payload([], gm.BatchInfo(1, -3, 0, 5))), "out of range"),
        ("otpauth-migration://offline?data=" + "A" * 1_000_001, "too long"),
    ],
)
def test_unreadable_exports_raise_migration_error(text: str, message: str) -> None:
    with pytest.raises(gm.MigrationError, match=message):
        gm.parse_migration_uri(text)


def test_migration_errors_are_importer_errors() -> None:
    assert issubclass(gm.MigrationError, importers.ImporterError)


def test_accounts_google_cannot_export_are_refused_when_building() -> None:
    with pytest.raises(gm.MigrationError, match="30-second"):
        gm.OtpParameters.from_account(Account(issuer="a", name="b", secret="JBSWY3DP", period=60))
    with pytest.raises(gm.MigrationError, match="6 or 8 digits"):
        gm.OtpParameters.from_account(Account(issuer="a", name="b", secret="JBSWY3DP", digits=7))


def part(index: int, size: int = 3, batch_id: int = 9) -> gm.MigrationImport:
    account = Account(issuer="I", name=f"part{index}", secret="JBSWY3DPEHPK3PXP")
    uri = gm.build_migration_uri([account], batch_size=size, batch_index=index, batch_id=batch_id)
    return gm.parse_migration_uri(uri)


def test_missing_parts_of_a_multi_code_export() -> None:
    assert gm.missing_parts([part(0).batch, part(2).batch]) == [1]
    assert gm.missing_parts([part(i).batch for i in range(3)]) == []
    assert gm.missing_parts([]) == []
    assert part(1).batch.describe() == "part 2 of 3"


def test_parts_of_different_exports_are_not_mixed() -> None:
    with pytest.raises(gm.MigrationError, match="different exports"):
        gm.missing_parts([part(0).batch, part(1, batch_id=10).batch])


def test_the_collector_gathers_parts_in_any_order_once_each() -> None:
    collector = gm.MigrationCollector()
    assert not collector.complete
    assert collector.add(part(2)) is True
    assert collector.missing == [0, 1]
    assert collector.add(part(2)) is False
    assert collector.add(part(0)) is True
    with pytest.raises(gm.MigrationError):
        collector.add(part(1, batch_id=10))
    assert collector.add(part(1)) is True
    assert collector.complete and collector.missing == []
    assert [a.name for a in collector.accounts] == ["part0", "part1", "part2"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_payload_bytes_raise_only_migration_error(data: bytes) -> None:
    try:
        result = gm.parse_payload(data)
    except gm.MigrationError:
        return
    assert len(result.accounts) + len(result.errors) >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_after_the_scheme_raises_only_migration_error(text: str) -> None:
    with contextlib.suppress(gm.MigrationError):
        gm.parse_migration_uri("otpauth-migration://offline?data=" + text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            gm.OtpParameters,
            secret=st.binary(max_size=40),
            name=st.text(max_size=30),
            issuer=st.text(max_size=30),
            algorithm=st.integers(-1, 6),
            digits=st.integers(-1, 4),
            type=st.integers(-1, 4),
            counter=st.integers(-(2**63), 2**63 - 1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_encoded_entries_parse_to_accounts_or_entry_errors(entries) -> None:
    result = gm.parse_payload(gm.encode_payload(entries))
    assert len(result.accounts) + len(result.errors) == len(entries)
