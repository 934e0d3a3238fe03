"""Parse and build `otpauth://` Key URIs (the format Google Authenticator defined).

    otpauth://TYPE/LABEL?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30&counter=N

Parsing is strict where a mistake would produce wrong codes (secret, algorithm, digits, period,
counter) and tolerant where real-world generators differ (case, spaces in the secret, a `%3A` or
literal colon in the label, `+` for a space in the query). Every failure is an OtpauthError.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from desktop_app.core.accounts import Account, AccountError, OtpType
from desktop_app.core.otp import Algorithm

SCHEME = "otpauth://"
MAX_URI_LENGTH = 4096
_HEX = "0123456789abcdefABCDEF"
_DECIMAL = re.compile(r"[0-9]{1,20}")


class OtpauthError(ValueError):
    """The text is not a usable otpauth:// URI; the message says why."""


def _percent_decode(text: str, what: str, plus_is_space: bool) -> str:
    out = bytearray()
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%":
            pair = text[i + 1 : i + 3]
            if len(pair) != 2 or pair[0] not in _HEX or pair[1] not in _HEX:
                raise OtpauthError(f"bad percent escape {text[i : i + 3]!r} in the {what}")
            out.append(int(pair, 16))
            i += 3
            continue
        if char == "+" and plus_is_space:
            out.append(0x20)
        else:
            out.extend(char.encode("utf-8", errors="surrogatepass"))
        i += 1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise OtpauthError(f"the {what} is not valid UTF-8 after percent-decoding") from None


def _parse_query(query: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for part in query.split("&"):
        if not part:
            continue
        raw_key, _, raw_value = part.partition("=")
        key = _percent_decode(raw_key, "parameter names", plus_is_space=True).lower()
        if key in params:
            raise OtpauthError(f"the parameter {key!r} appears more than once")
        params[key] = _percent_decode(raw_value, f"{key!r} parameter", plus_is_space=True)
    return params


def _parse_int(params: dict[str, str], key: str, default: int | None) -> int | None:
    raw = params.get(key)
    if raw is None:
        return default
    if not _DECIMAL.fullmatch(raw.strip()):
        raise OtpauthError(f"{key} must be a whole number, not {raw[:20]!r}")
    return int(raw)


def parse(uri: str) -> Account:
    """The Account an otpauth:// URI describes. Raises OtpauthError."""
    if not isinstance(uri, str):
        raise OtpauthError("an otpauth URI must be text")
    uri = uri.strip()
    if len(uri) > MAX_URI_LENGTH:
        raise OtpauthError(f"the URI is too long ({len(uri)} characters, at most {MAX_URI_LENGTH})")
    if uri[: len(SCHEME)].lower() != SCHEME:
        if uri[:22].lower().startswith("otpauth-migration://"):
            raise OtpauthError(
                "this is a Google Authenticator export (otpauth-migration://), not a single account"
            )
        raise OtpauthError("not an otpauth:// URI")
    rest = uri[len(SCHEME) :]
    rest, _, _fragment = rest.partition("#")
    head, _, query = rest.partition("?")
    kind, slash, raw_label = head.partition("/")
    kind = kind.lower()
    if kind not in ("totp", "hotp"):
        shown = kind[:20] or "(none)"
        raise OtpauthError(f"unknown OTP type {shown!r}: expected totp or hotp")
    if not slash:
        raise OtpauthError("the URI has no label (otpauth://TYPE/LABEL?...)")

    label = _percent_decode(raw_label, "label", plus_is_space=False)
    params = _parse_query(query)

    prefix, colon, account_name = label.partition(":")
    if not colon:
        prefix, account_name = "", label
    issuer = params.get("issuer", prefix).strip()

    secret = params.get("secret")
    if secret is None or not secret.strip():
        raise OtpauthError("the URI has no secret")

    algorithm = params.get("algorithm", "SHA1").strip().upper().replace("-", "")
    if algorithm not in Algorithm.__members__:
        raise OtpauthError(
            f"unknown algorithm {params['algorithm'][:20]!r}: expected SHA1, SHA256 or SHA512"
        )
    digits = _parse_int(params, "digits", 6)
    period = _parse_int(params, "period", 30)
    counter = _parse_int(params, "counter", None)
    otp_type = OtpType(kind)
    if otp_type is OtpType.HOTP and counter is None:
        raise OtpauthError("an HOTP URI needs a counter parameter")

    try:
        return Account(
            issuer=issuer,
            name=account_name.strip(),
            secret=secret,
            type=otp_type,
            algorithm=Algorithm(algorithm),
            digits=digits,
            period=period,
            counter=counter or 0,
        )
    except AccountError as exc:
        raise OtpauthError(str(exc)) from None


def build(account: Account) -> str:
    """The otpauth:// URI for an account; parse(build(a)) gives back the same OTP parameters."""
    # A colon inside the issuer cannot live in the label prefix; the issuer parameter carries it.
    label_issuer = account.issuer if ":" not in account.issuer else ""
    name = quote(account.name, safe="@")
    if label_issuer or ":" in account.name:
        label = f"{quote(label_issuer, safe='@')}:{name}"
    else:
        label = name
    params = [("secret", account.secret)]
    if account.issuer:
        params.append(("issuer", account.issuer))
    params += [("algorithm", account.algorithm.value), ("digits", str(account.digits))]
    if account.type is OtpType.HOTP:
        params.append(("counter", str(account.counter)))
    else:
        params.append(("period", str(account.period)))
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params)
    return f"{SCHEME}{account.type.value}/{label}?{query}"


def looks_like_otpauth(text: str) -> bool:
    """Cheap test used by paste handlers and the QR scanner before a full parse."""
    head = text.lstrip()[:20].lower()
    return head.startswith(SCHEME) or head.startswith("otpauth-migration://")
