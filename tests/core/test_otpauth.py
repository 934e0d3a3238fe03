import string
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.accounts import Account, OtpType, bytes_to_secret
from desktop_app.core.otp import Algorithm
from desktop_app.core.otpauth import MAX_URI_LENGTH, OtpauthError, build, looks_like_otpauth, parse

SECRET = "JBSWY3DPEHPK3PXP"


def test_a_typical_uri_gives_every_field():
    account = parse(
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
        "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60"
    )
    assert account.issuer == "ACME Co"
    assert account.name == "john.doe@email.com"
    assert account.secret == "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
    assert account.type is OtpType.TOTP
    assert account.algorithm is Algorithm.SHA256
    assert (account.digits, account.period) == (8, 60)


def test_defaults_are_sha1_six_digits_thirty_seconds():
    account = parse(f"otpauth://totp/alice?secret={SECRET}")
    assert (account.algorithm, account.digits, account.period) == (Algorithm.SHA1, 6, 30)
    assert (account.issuer, account.name) == ("", "alice")


@pytest.mark.parametrize(
    "label",
    ["Example:alice@google.com", "Example%3Aalice@google.com", "Example%3a%20%20alice@google.com",
     "Example:  alice@google.com"],
)  # fmt: skip
def test_issuer_comes_from_the_label_prefix_with_either_colon(label):
    account = parse(f"otpauth://totp/{label}?secret={SECRET}")
    assert (account.issuer, account.name) == ("Example", "alice@google.com")


def test_the_issuer_parameter_wins_over_the_label_prefix():
    account = parse(f"otpauth://totp/Old:bob?secret={SECRET}&issuer=New+Name")
    assert (account.issuer, account.name) == ("New Name", "bob")


def test_a_label_without_prefix_takes_the_issuer_parameter():
    account = parse(f"otpauth://totp/bob%40example.org?secret={SECRET}&issuer=Sigma")
    assert (account.issuer, account.name) == ("Sigma", "bob@example.org")


def test_percent_decoding_handles_utf8():
    account = parse(f"otpauth://totp/Caf%C3%A9:Zo%C3%AB?secret={SECRET}")
    assert (account.issuer, account.name) == ("Café", "Zoë")


@pytest.mark.parametrize(
    "written",
    ["jbswy3dpehpk3pxp", "JBSW Y3DP EHPK 3PXP", "JBSW-Y3DP-EHPK-3PXP", "JBSWY3DPEHPK3PXP======",
     "jbsw%20y3dp%20ehpk%203pxp"],
)  # fmt: skip
def test_secrets_tolerate_case_spaces_dashes_and_padding(written):
    assert parse(f"otpauth://totp/a?secret={written}").secret == SECRET


@pytest.mark.parametrize("written", ["sha1", "Sha256", "SHA512", "sha-256"])
def test_algorithm_is_case_insensitive(written):
    assert parse(f"otpauth://totp/a?secret={SECRET}&algorithm={written}").algorithm.value in {
        "SHA1",
        "SHA256",
        "SHA512",
    }


def test_scheme_type_and_parameter_names_are_case_insensitive():
    account = parse(f"OTPAUTH://TOTP/a?SECRET={SECRET}&Digits=7")
    assert (account.secret, account.digits) == (SECRET, 7)


def test_hotp_needs_and_keeps_its_counter():
    account = parse(f"otpauth://hotp/Bank:me?secret={SECRET}&counter=42")
    assert (account.type, account.counter) == (OtpType.HOTP, 42)
    with pytest.raises(OtpauthError, match="counter"):
        parse(f"otpauth://hotp/Bank:me?secret={SECRET}")


def test_unknown_parameters_and_fragments_are_ignored():
    account = parse(f"otpauth://totp/a?secret={SECRET}&image=https%3A%2F%2Fx%2Fy.png#frag")
    assert account.secret == SECRET


@pytest.mark.parametrize(
    "uri,problem",
    [
        ("otpauth://totp/a?issuer=X", "no secret"),
        ("otpauth://totp/a?secret=", "no secret"),
        ("otpauth://totp/a?secret=%20%20", "no secret"),
        ("otpauth://totp/a?secret=JBSWY3DP1HPK3PXP", "not valid base32"),
        ("otpauth://totp/a?secret=JBSWY3DPE", "cannot encode whole bytes"),
        ("otpauth://totp/a?secret=Zm9vYmFy%3D", "not valid base32"),
        (f"otpauth://motp/a?secret={SECRET}", "unknown OTP type"),
        (f"otpauth:///a?secret={SECRET}", "unknown OTP type"),
        (f"otpauth://totp?secret={SECRET}", "no label"),
        (f"otpauth://totp/a?secret={SECRET}&algorithm=MD5", "unknown algorithm"),
        (f"otpauth://totp/a?secret={SECRET}&digits=0", "digits"),
        (f"otpauth://totp/a?secret={SECRET}&digits=99", "digits"),
        (f"otpauth://totp/a?secret={SECRET}&digits=six", "digits must be a whole number"),
        (f"otpauth://totp/a?secret={SECRET}&period=0", "period"),
        (f"otpauth://totp/a?secret={SECRET}&period=-30", "period must be a whole number"),
        (f"otpauth://totp/a?secret={SECRET}&period=1e3", "period must be a whole number"),
        (f"otpauth://hotp/a?secret={SECRET}&counter=-1", "counter must be a whole number"),
        (f"otpauth://totp/a%ZZb?secret={SECRET}", "bad percent escape"),
        (f"otpauth://totp/a%4?secret={SECRET}", "bad percent escape"),
        (f"otpauth://totp/a?secret={SECRET}&issuer=%E2%28", "not valid UTF-8"),
        (f"otpauth://totp/a?secret={SECRET}&secret={SECRET}", "more than once"),
        (f"otpauth://totp/?secret={SECRET}", "issuer or an account name"),
        (f"otpauth://totp/a%01b?secret={SECRET}", "control characters"),
        ("https://example.com/?secret=JBSWY3DPEHPK3PXP", "not an otpauth"),
        ("", "not an otpauth"),
        ("otpauth-migration://offline?data=CgA", "Google Authenticator export"),
        (f"otpauth://totp/a?secret={SECRET}&x={'A' * MAX_URI_LENGTH}", "too long"),
    ],
)
def test_bad_uris_raise_one_error_naming_the_problem(uri, problem):
    with pytest.raises(OtpauthError, match=problem):
        parse(uri)


def test_round_trip_of_a_hand_picked_awkward_account():
    account = Account(
        issuer="Weird: Co & Sons/100%",
        name="a:b?c#d e+f@g",
        secret=SECRET,
        type=OtpType.HOTP,
        algorithm=Algorithm.SHA512,
        digits=8,
        counter=7,
    )
    assert _otp_fields(parse(build(account))) == _otp_fields(account)


def test_a_built_uri_is_standard_for_phone_apps():
    account = Account(issuer="Sigma", name="alice@acme.test", secret=SECRET)
    assert build(account) == (
        f"otpauth://totp/Sigma:alice@acme.test?secret={SECRET}&issuer=Sigma"
        "&algorithm=SHA1&digits=6&period=30"
    )


def _otp_fields(account: Account) -> tuple:
    return (
        account.issuer,
        account.name,
        account.secret,
        account.type,
        account.algorithm,
        account.digits,
        account.period if account.type is OtpType.TOTP else None,
        account.counter if account.type is OtpType.HOTP else None,
    )


label_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40
)
accounts = st.builds(
    Account,
    issuer=label_text,
    name=label_text.filter(str.strip),
    secret=st.binary(min_size=1, max_size=64).map(bytes_to_secret),
    type=st.sampled_from(list(OtpType)),
    algorithm=st.sampled_from(list(Algorithm)),
    digits=st.integers(6, 8),
    period=st.integers(1, 86_400),
    counter=st.integers(0, 2**64 - 1),
)


@settings(max_examples=400)
@given(accounts)
def test_build_then_parse_is_identity(account):
    assert _otp_fields(parse(build(account))) == _otp_fields(account)


uri_pieces = st.sampled_from(
    ["otpauth://", "totp", "hotp", "/", "?", "&", "=", ":", "%", "%3A", "%ZZ", "secret",
     "issuer", "digits", "period", "counter", "algorithm", SECRET, "8", "-1", "SHA256", "#",
     "+", " ", "\x00", "é", "%C3", "otpauth-migration://"]
)  # fmt: skip
hostile_uris = st.one_of(
    st.text(max_size=300),
    st.lists(uri_pieces, max_size=30).map("".join),
    st.lists(st.one_of(uri_pieces, st.text(max_size=5)), max_size=30).map(
        lambda parts: "otpauth://" + "".join(parts)
    ),
)


@settings(max_examples=1500)
@given(hostile_uris)
def test_parser_raises_nothing_but_its_own_error(text):
    try:
        account = parse(text)
    except OtpauthError as exc:
        assert str(exc)  # every refusal says why
    else:
        assert isinstance(account, Account)
        assert set(account.secret) <= set(string.ascii_uppercase + "234567")


def test_looks_like_otpauth_is_a_cheap_prefix_test():
    assert looks_like_otpauth("  OTPAUTH://totp/x")
    assert looks_like_otpauth("otpauth-migration://offline?data=x")
    assert not looks_like_otpauth("https://otpauth://")


def test_replace_revalidates_an_account():
    account = Account(issuer="A", name="b", secret=SECRET)
    with pytest.raises(ValueError, match="digits"):
        replace(account, digits=10)
