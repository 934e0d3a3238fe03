"""TOTP rules of the stub: six ASCII digits, ±1 step window, nothing at or before the last step."""

from __future__ import annotations

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st

from server_stub.domain import app_codes

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_700_000_015.0
STEP = int(NOW // 30)


def code(offset: int) -> str:
    return pyotp.TOTP(SECRET).at(NOW + 30 * offset)


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_window_is_one_step_either_side(offset):
    assert app_codes.check_code(SECRET, code(offset), NOW, -1) == app_codes.CodeCheck(
        STEP + offset, replayed=False
    )


@pytest.mark.parametrize("offset", [-2, 2])
def test_outside_the_window_is_no_match(offset):
    assert code(offset) not in {code(-1), code(0), code(1)}  # true for this fixed secret
    assert app_codes.check_code(SECRET, code(offset), NOW, -1) == app_codes.CodeCheck(
        None, replayed=False
    )


def test_steps_at_or_before_the_last_accepted_are_replays():
    check = app_codes.check_code
    assert check(SECRET, code(0), NOW, STEP) == app_codes.CodeCheck(None, replayed=True)
    assert check(SECRET, code(-1), NOW, STEP) == app_codes.CodeCheck(None, replayed=True)
    assert check(SECRET, code(0), NOW, STEP - 1).step == STEP
    assert check(SECRET, code(1), NOW, STEP).step == STEP + 1


def test_pyotp_alone_would_take_full_width_digits_but_we_do_not():
    full_width = "".join(chr(ord(c) - ord("0") + ord("０")) for c in code(0))
    assert pyotp.TOTP(SECRET).verify(full_width, for_time=NOW)  # the hole this module closes
    assert not app_codes.is_well_formed(full_width)
    assert app_codes.check_code(SECRET, full_width, NOW, -1).step is None


@given(st.text(max_size=12))
def test_only_six_ascii_digits_are_well_formed(text):
    expected = len(text) == 6 and all(c in "0123456789" for c in text)
    assert app_codes.is_well_formed(text) is expected


def test_new_secrets_are_160_bit_base32_without_padding():
    secrets = {app_codes.new_secret() for _ in range(50)}
    assert len(secrets) == 50
    for secret in secrets:
        assert len(secret) == 32 and "=" not in secret
        assert len(pyotp.TOTP(secret).byte_secret()) == 20


def test_provisioning_uri_is_the_contract_format():
    uri = app_codes.provisioning_uri("a+b@x.test", SECRET)
    assert uri == (
        f"otpauth://totp/Sigma:a%2Bb%40x.test?secret={SECRET}"
        "&issuer=Sigma&algorithm=SHA1&digits=6&period=30"
    )
    parsed = pyotp.parse_uri(uri)
    assert parsed.secret == SECRET and parsed.issuer == "Sigma" and parsed.name == "a+b@x.test"
