import pytest

from desktop_app.core.otp import (
    Algorithm,
    OtpError,
    format_code,
    hotp,
    seconds_remaining,
    time_step,
    totp,
)

RFC4226_KEY = b"12345678901234567890"
RFC4226_VALUES = [
    "755224", "287082", "359152", "969429", "338314",
    "254676", "287922", "162583", "399871", "520489",
]  # fmt: skip

RFC6238_KEYS = {
    Algorithm.SHA1: b"12345678901234567890",
    Algorithm.SHA256: b"12345678901234567890123456789012",
    Algorithm.SHA512: b"1234567890" * 6 + b"1234",
}
# RFC 6238 Appendix B: (time, SHA1, SHA256, SHA512), 8 digits, 30 s period.
RFC6238_TABLE = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
RFC6238_VECTORS = [
    (now, algorithm, expected)
    for now, *codes in RFC6238_TABLE
    for algorithm, expected in zip(RFC6238_KEYS, codes, strict=True)
]


def test_the_table_holds_all_18_rfc6238_vectors():
    assert len(RFC6238_VECTORS) == 18


@pytest.mark.parametrize("counter,expected", list(enumerate(RFC4226_VALUES)))
def test_rfc4226_hotp_values(counter, expected):
    assert hotp(RFC4226_KEY, counter) == expected


@pytest.mark.parametrize("now,algorithm,expected", RFC6238_VECTORS)
def test_rfc6238_totp_values(now, algorithm, expected):
    code = totp(RFC6238_KEYS[algorithm], now, digits=8, algorithm=algorithm)
    assert code == expected


def test_six_digit_totp_is_the_low_digits_of_the_eight_digit_value():
    assert totp(RFC6238_KEYS[Algorithm.SHA1], 59) == "287082"


def test_codes_keep_leading_zeros():
    assert totp(RFC6238_KEYS[Algorithm.SHA1], 1111111109, digits=8) == "07081804"


def test_time_step_and_remaining_seconds_follow_the_period():
    assert time_step(59, 30) == 1
    assert time_step(60, 30) == 2
    assert time_step(119, 60) == 1
    assert seconds_remaining(59, 30) == 1
    assert seconds_remaining(60, 30) == 30
    assert seconds_remaining(61.5, 30) == 28.5


def test_a_non_default_period_changes_the_counter():
    key = RFC6238_KEYS[Algorithm.SHA1]
    assert totp(key, 119, period=60) == hotp(key, 1)
    assert totp(key, 120, period=60) == hotp(key, 2)


@pytest.mark.parametrize("digits", [0, 5, 9, 99])
def test_out_of_range_digits_are_refused(digits):
    with pytest.raises(OtpError, match="digits"):
        hotp(RFC4226_KEY, 0, digits=digits)


@pytest.mark.parametrize("period", [0, -30])
def test_non_positive_periods_are_refused(period):
    with pytest.raises(OtpError, match="period"):
        totp(RFC4226_KEY, 100, period=period)


def test_times_before_1970_and_bad_counters_are_refused():
    with pytest.raises(OtpError, match="1970"):
        totp(RFC4226_KEY, -31)
    with pytest.raises(OtpError, match="counter"):
        hotp(RFC4226_KEY, -1)
    with pytest.raises(OtpError, match="counter"):
        hotp(RFC4226_KEY, 2**64)
    with pytest.raises(OtpError, match="empty"):
        hotp(b"", 0)


@pytest.mark.parametrize(
    "code,shown", [("123456", "123 456"), ("1234567", "123 4567"), ("12345678", "1234 5678")]
)
def test_codes_are_grouped_for_reading(code, shown):
    assert format_code(code) == shown
