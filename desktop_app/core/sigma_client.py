"""Client for the Sigma stub's HTTP contract (shared/API.md), over requests.

Every call has a timeout; every failure becomes a SigmaError subclass whose message a person can
read. Nothing here logs a password, secret, code or token.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

DEFAULT_SERVER = "http://127.0.0.1:8765"
API = "/api/v1"
# (connect, read) seconds: a loopback stub answers in milliseconds; a dead one must not hang the UI.
DEFAULT_TIMEOUT = (3.05, 15.0)


# ----- errors ---------------------------------------------------------------------------------


class SigmaError(Exception):
    """A failed call. `code` is the contract's error code (or a local one for transport errors)."""

    def __init__(self, message: str, code: str = "error", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class ServerUnreachable(SigmaError):
    pass


class InvalidRequest(SigmaError):
    pass


class InvalidCredentials(SigmaError):
    pass


class SsoRequired(SigmaError):
    pass


class InvalidCode(SigmaError):
    pass


class InvalidMfaToken(SigmaError):
    pass


class Unauthenticated(SigmaError):
    pass


class Forbidden(SigmaError):
    pass


class NotFound(SigmaError):
    pass


class AlreadyEnabled(SigmaError):
    pass


class NotEnabled(SigmaError):
    pass


class NoPendingEnrollment(SigmaError):
    pass


class EnrollmentExpired(SigmaError):
    pass


class ServerError(SigmaError):
    pass


class TooManyAttempts(SigmaError):
    def __init__(self, message: str, retry_after: int, status: int = 429) -> None:
        super().__init__(message, "too_many_attempts", status)
        self.retry_after = retry_after


_ERRORS_BY_CODE: dict[str, type[SigmaError]] = {
    "invalid_request": InvalidRequest,
    "invalid_credentials": InvalidCredentials,
    "sso_required": SsoRequired,
    "invalid_code": InvalidCode,
    "invalid_mfa_token": InvalidMfaToken,
    "unauthenticated": Unauthenticated,
    "forbidden": Forbidden,
    "not_found": NotFound,
    "already_enabled": AlreadyEnabled,
    "not_enabled": NotEnabled,
    "no_pending_enrollment": NoPendingEnrollment,
    "enrollment_expired": EnrollmentExpired,
}


# ----- response records -----------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    auth_method: str


@dataclass(frozen=True)
class AuthenticatorState:
    status: str  # disabled | pending | enabled
    enrolled_at: str | None = None


@dataclass(frozen=True)
class User:
    id: str
    email: str
    name: str
    account_type: str
    org: Org
    authenticator: AuthenticatorState

    @property
    def is_admin(self) -> bool:
        return self.account_type == "admin"


@dataclass(frozen=True)
class MfaChallenge:
    mfa_token: str
    methods: tuple[str, ...]
    expires_in: int

    @property
    def app_available(self) -> bool:
        return "app" in self.methods


@dataclass(frozen=True)
class EmailCodeSent:
    sent_to: str
    expires_in: int


@dataclass(frozen=True)
class Enrollment:
    secret: str
    otpauth_uri: str
    qr_png: bytes
    expires_in: int

    def __repr__(self) -> str:  # never show the secret in logs or tracebacks
        return f"Enrollment(otpauth_uri=<hidden>, expires_in={self.expires_in})"


@dataclass(frozen=True)
class AuditEvent:
    at: str
    actor: str
    action: str
    target: str


@dataclass(frozen=True)
class OutboxMessage:
    to: str
    subject: str
    body: str
    code: str | None
    sent_at: str


# ----- parsing helpers ------------------------------------------------------------------------


class _Shape(Exception):
    """The server answered with JSON of an unexpected shape."""


def _field(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict) or key not in data or not isinstance(data[key], kind):
        raise _Shape(key)
    return data[key]


def _optional(data: dict, key: str, kind: type) -> Any:
    value = data.get(key)
    return value if isinstance(value, kind) else None


def _user(data: Any) -> User:
    org = _field(data, "org", dict)
    authenticator = _field(data, "authenticator", dict)
    return User(
        id=str(_field(data, "id", (str, int))),
        email=_field(data, "email", str),
        name=_field(data, "name", str),
        account_type=_field(data, "account_type", str),
        org=Org(
            id=str(_field(org, "id", (str, int))),
            name=_field(org, "name", str),
            auth_method=_field(org, "auth_method", str),
        ),
        authenticator=AuthenticatorState(
            status=_field(authenticator, "status", str),
            enrolled_at=_optional(authenticator, "enrolled_at", str),
        ),
    )


def normalize_server_url(text: str) -> str:
    """`127.0.0.1:8765` -> `http://127.0.0.1:8765`; refuses what cannot be a server address."""
    text = text.strip()
    if not text:
        raise SigmaError("Enter the server address, e.g. http://127.0.0.1:8765.", "bad_url")
    if "://" not in text:
        text = "http://" + text
    text = text.rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SigmaError(f"{text} is not an http:// or https:// server address.", "bad_url")
    try:
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        raise SigmaError(f"{text} has an invalid port number.", "bad_url") from None
    return text


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def start_command(server_url: str) -> str | None:
    """The command that starts a stub at this address, or None when it is not on this machine."""
    parts = urlsplit(server_url)
    if parts.scheme != "http" or not parts.hostname or not _is_loopback(parts.hostname):
        return None
    command = "sigma-stub serve --demo"
    default = urlsplit(DEFAULT_SERVER)
    if parts.hostname != default.hostname:
        command += f" --host {parts.hostname}"
    port = parts.port or 80
    if port != default.port:
        command += f" --port {port}"
    return command


# ----- the client -----------------------------------------------------------------------------


class SigmaClient:
    """One server, one session at a time. Thread-compatible: use one client per worker."""

    def __init__(
        self,
        base_url: str = DEFAULT_SERVER,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        http: requests.Session | None = None,
    ) -> None:
        self.base_url = normalize_server_url(base_url)
        self.timeout = timeout
        self.session_token: str | None = None
        self._http = http or requests.Session()
        self._http.trust_env = False  # a proxy from the environment must not see our tokens

    # -- transport --
    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        authenticated: bool = True,
    ) -> Any:
        headers = {"Accept": "application/json"}
        if authenticated:
            if not self.session_token:
                raise Unauthenticated("You are signed out. Sign in again.", "unauthenticated")
            headers["Authorization"] = f"Bearer {self.session_token}"
        url = f"{self.base_url}{API}{path}"
        try:
            response = self._http.request(
                method, url, json=body, params=params, headers=headers, timeout=self.timeout
            )
        except requests.exceptions.SSLError:
            raise ServerUnreachable(
                f"The secure connection to {self.base_url} failed (TLS certificate problem).",
                "tls_error",
            ) from None
        except requests.exceptions.Timeout:
            raise ServerUnreachable(
                f"The server at {self.base_url} did not answer in time.", "timeout"
            ) from None
        except requests.exceptions.RequestException:
            raise ServerUnreachable(
                f"Cannot reach the server at {self.base_url}. Is it running?", "unreachable"
            ) from None
        return self._decode(response)

    def _decode(self, response: requests.Response) -> Any:
        if response.status_code == 204:
            return None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.ok:
            if data is None:
                raise ServerError(
                    f"The server answered with something that is not JSON "
                    f"(HTTP {response.status_code}).",
                    "bad_response",
                    response.status_code,
                )
            return data
        error = data.get("error") if isinstance(data, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        message = error.get("message") if isinstance(error, dict) else None
        if not isinstance(code, str) or not isinstance(message, str):
            raise ServerError(
                f"The server failed with HTTP {response.status_code}.",
                "http_error",
                response.status_code,
            )
        if code == "unauthenticated":
            self.session_token = None
        if response.status_code == 429:
            raise TooManyAttempts(message, _retry_after(response), response.status_code)
        kind = _ERRORS_BY_CODE.get(code, ServerError)
        raise kind(message, code, response.status_code)

    def _parse(self, build, data: Any):
        try:
            return build(data)
        except _Shape as missing:
            raise ServerError(
                f"The server's answer lacks the field {missing}; is this a Sigma server?",
                "bad_response",
            ) from None

    # -- service --
    def health(self) -> bool:
        data = self._call("GET", "/health", authenticated=False)
        return isinstance(data, dict) and data.get("status") == "ok"

    def server_time(self) -> float:
        data = self._call("GET", "/time", authenticated=False)
        return float(self._parse(lambda d: _field(d, "epoch", (int, float)), data))

    # -- authentication --
    def login(self, email: str, password: str) -> MfaChallenge:
        data = self._call(
            "POST", "/auth/login", {"email": email, "password": password}, authenticated=False
        )
        return self._parse(
            lambda d: MfaChallenge(
                mfa_token=_field(d, "mfa_token", str),
                methods=tuple(_field(d, "methods", list)),
                expires_in=int(_field(d, "expires_in", (int, float))),
            ),
            data,
        )

    def send_email_code(self, mfa_token: str) -> EmailCodeSent:
        data = self._call("POST", "/auth/email-code", {"mfa_token": mfa_token}, authenticated=False)
        return self._parse(
            lambda d: EmailCodeSent(
                sent_to=_field(d, "sent_to", str),
                expires_in=int(_field(d, "expires_in", (int, float))),
            ),
            data,
        )

    def verify(self, mfa_token: str, method: str, code: str) -> User:
        """Second factor; on success the client holds the new session."""
        data = self._call(
            "POST",
            "/auth/verify",
            {"mfa_token": mfa_token, "method": method, "code": code},
            authenticated=False,
        )
        token, user = self._parse(lambda d: (_field(d, "token", str), _user(d.get("user"))), data)
        self.session_token = token
        return user

    def logout(self) -> None:
        try:
            self._call("POST", "/auth/logout")
        finally:
            self.session_token = None

    # -- profile and authenticator --
    def me(self) -> User:
        return self._parse(_user, self._call("GET", "/me"))

    def enroll(self) -> Enrollment:
        data = self._call("POST", "/me/authenticator/enroll")

        def build(d: Any) -> Enrollment:
            try:
                png = base64.b64decode(_field(d, "qr_png", str), validate=True)
            except (binascii.Error, ValueError):
                raise _Shape("qr_png") from None
            return Enrollment(
                secret=_field(d, "secret", str),
                otpauth_uri=_field(d, "otpauth_uri", str),
                qr_png=png,
                expires_in=int(_field(d, "expires_in", (int, float))),
            )

        return self._parse(build, data)

    def confirm_enrollment(self, code: str) -> AuthenticatorState:
        data = self._call("POST", "/me/authenticator/verify", {"code": code})
        return self._parse(_authenticator_of, data)

    def disable(self, password: str) -> AuthenticatorState:
        data = self._call("POST", "/me/authenticator/disable", {"password": password})
        return self._parse(_authenticator_of, data)

    # -- admin --
    def admin_users(self) -> list[User]:
        data = self._call("GET", "/admin/users")
        return self._parse(lambda d: [_user(u) for u in _field(d, "users", list)], data)

    def admin_user(self, user_id: str) -> User:
        return self._parse(_user, self._call("GET", f"/admin/users/{user_id}"))

    def admin_reset(self, user_id: str) -> User:
        data = self._call("POST", f"/admin/users/{user_id}/authenticator/reset")
        return self._parse(_user, data)

    def admin_audit(self) -> list[AuditEvent]:
        data = self._call("GET", "/admin/audit")
        return self._parse(
            lambda d: [
                AuditEvent(
                    at=str(_field(e, "at", (str, int, float))),
                    actor=str(e.get("actor") or ""),
                    action=_field(e, "action", str),
                    target=str(e.get("target") or ""),
                )
                for e in _field(d, "events", list)
            ],
            data,
        )

    # -- dev --
    def outbox(self, to: str | None = None) -> list[OutboxMessage]:
        data = self._call(
            "GET", "/dev/outbox", params={"to": to} if to else None, authenticated=False
        )
        return self._parse(
            lambda d: [
                OutboxMessage(
                    to=_field(m, "to", str),
                    subject=_field(m, "subject", str),
                    body=_field(m, "body", str),
                    code=_optional(m, "code", str),
                    sent_at=str(_field(m, "sent_at", (str, int, float))),
                )
                for m in _field(d, "messages", list)
            ],
            data,
        )


def _authenticator_of(data: Any) -> AuthenticatorState:
    state = _field(data, "authenticator", dict)
    return AuthenticatorState(
        status=_field(state, "status", str), enrolled_at=_optional(state, "enrolled_at", str)
    )


def _retry_after(response: requests.Response) -> int:
    header = response.headers.get("Retry-After", "")
    try:
        return max(1, int(header))
    except ValueError:
        return 1
