"""Every error leaves as {"error": {"code", "message"}} with the contract's status.

Handlers here cover the domain's refusals, request validation (never FastAPI's 422 shape) and
Starlette's own 404/405. Messages are built from our field names and fixed sentences only:
nothing the client sent is echoed, so a password in the wrong field cannot leak back or into logs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server_stub.api.schemas import ErrorEnvelope
from server_stub.domain.errors import DEFAULT_MESSAGES, ErrorCode, ServiceError

STATUS_BY_CODE: dict[ErrorCode, int] = {
    ErrorCode.INVALID_REQUEST: 400,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.INVALID_MFA_TOKEN: 401,
    ErrorCode.INVALID_CODE: 401,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.SSO_REQUIRED: 403,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.ALREADY_ENABLED: 409,
    ErrorCode.NO_PENDING_ENROLLMENT: 409,
    ErrorCode.NOT_ENABLED: 409,
    ErrorCode.ENROLLMENT_EXPIRED: 410,
    ErrorCode.TOO_MANY_ATTEMPTS: 429,
    ErrorCode.INTERNAL_ERROR: 500,
}
_CODE_BY_HTTP_STATUS = {
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
}
_FIELD_NAME = re.compile(r"[a-z_]{1,40}")
_SOURCES = {"body", "query", "path", "header", "cookie"}


def error_response(
    code: ErrorCode, message: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code.value, "message": message or DEFAULT_MESSAGES[code]}}
    return JSONResponse(body, status_code=STATUS_BY_CODE[code], headers=headers)


def service_error_response(exc: ServiceError) -> JSONResponse:
    headers: dict[str, str] = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    if exc.code is ErrorCode.UNAUTHENTICATED:
        headers["WWW-Authenticate"] = "Bearer"
    return error_response(exc.code, exc.message, headers)


def _field(loc: Sequence[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in _SOURCES]
    if not parts or not all(_FIELD_NAME.fullmatch(p) for p in parts):
        return None
    return ".".join(parts)


def _is_json(request: Request) -> bool:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def describe_validation_error(errors: Sequence[Any], request: Request) -> str:
    """One sentence about the first problem, from our own field names only."""
    if not errors:
        return DEFAULT_MESSAGES[ErrorCode.INVALID_REQUEST]
    first = errors[0]
    kind = str(first.get("type", ""))
    loc = tuple(first.get("loc", ()))
    ctx = first.get("ctx") or {}
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if loc and loc[0] == "body" and not _is_json(request) and request.headers.get(
        "content-length", "0"
    ) != "0":
        return "Send the body as JSON, with the header Content-Type: application/json."
    field = _field(loc)
    if field is None:
        if loc == ("body",) and kind == "missing":
            return "A JSON object body is required."
        return "The request body must be a JSON object with the documented fields."
    if kind == "missing":
        return f"'{field}' is required."
    if kind == "string_type":
        return f"'{field}' must be a string."
    if kind in ("string_too_short", "string_too_long"):
        low, high = ctx.get("min_length", 1), ctx.get("max_length")
        if kind == "string_too_short":
            return f"'{field}' must be at least {low} characters long."
        return f"'{field}' must be at most {high} characters long."
    if kind == "string_pattern_mismatch" and field.endswith("code"):
        return f"'{field}' must be exactly 6 digits (0-9)."
    if kind == "literal_error":
        return f"'{field}' must be {ctx.get('expected', 'one of the documented values')}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{field}' must be a whole number."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"'{field}' is out of range."
    if kind == "string_unicode":
        return f"'{field}' must be valid Unicode text."
    return f"'{field}' is invalid."


def install_error_handlers(app: FastAPI) -> None:
    async def on_service_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ServiceError)
        return service_error_response(exc)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        message = describe_validation_error(exc.errors(), request)
        return error_response(ErrorCode.INVALID_REQUEST, message)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code >= 500:
            return error_response(ErrorCode.INTERNAL_ERROR)
        # 404 and 405 (with its Allow header) keep their status; other 4xx are a bad request.
        code = _CODE_BY_HTTP_STATUS.get(exc.status_code, ErrorCode.INVALID_REQUEST)
        return error_response(code, None, dict(exc.headers or {}))

    app.add_exception_handler(ServiceError, on_service_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)


def error_responses(*codes: ErrorCode) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: one entry per status, naming the codes it may carry."""
    by_status: dict[int, list[str]] = {}
    for code in codes:
        by_status.setdefault(STATUS_BY_CODE[code], []).append(code.value)
    responses: dict[int | str, dict[str, Any]] = {}
    for status, names in sorted(by_status.items()):
        entry: dict[str, Any] = {
            "model": ErrorEnvelope,
            "description": "Error code: " + " or ".join(f"`{name}`" for name in names),
        }
        if status == 429:
            entry["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before the next attempt.",
                    "schema": {"type": "integer"},
                }
            }
        responses[status] = entry
    return responses
