"""Two pure ASGI guards around the app.

BodyGuard reads the body first: over 64 KiB (uvicorn sets no limit), or JSON that Python cannot
parse at all (too deep for the recursion limit, invalid UTF-8, an integer of 5,000 digits), is a
400 envelope with a plain reason before FastAPI sees it. FastAPI only catches JSONDecodeError by
name and lumps the rest into a generic error; this keeps the answer clear and independent of
how a given FastAPI version treats a RecursionError.

CatchAll is the last line: any exception still unhandled becomes a bare 500 envelope, and the
log gets the exception type and where it happened, never the exception's message or source text
(either could quote a value). Starlette's own handler would re-raise and let the server print
the message.
"""

from __future__ import annotations

import json
import logging
import traceback

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server_stub.api.errors import error_response
from server_stub.domain.errors import ErrorCode

MAX_BODY_BYTES = 64 * 1024

logger = logging.getLogger("server_stub.api")


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _is_json(content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class BodyGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = None
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            problem = "The request body is larger than 64 KiB."
            body: bytes | None = b""
        else:
            body, too_large = await self._read_body(receive)
            if body is None:
                return  # the client went away mid-body: nobody to answer
            if too_large:
                problem = "The request body is larger than 64 KiB."
            elif body and _is_json(_header(scope, b"content-type")):
                try:
                    json.loads(body)
                except (ValueError, RecursionError):
                    problem = "The request body is not valid JSON."
        if problem is not None:
            await error_response(ErrorCode.INVALID_REQUEST, problem)(scope, receive, send)
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _read_body(receive: Receive) -> tuple[bytes | None, bool]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None, False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False


class CatchAll:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            # Where, not what: file, line and function of each frame, no source text or values.
            stack = "\n".join(
                f"  {frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(exc.__traceback__)
            )
            logger.error(
                "unhandled %s in %s %s\n%s",
                type(exc).__name__, scope.get("method"), scope.get("path"), stack,
            )
            if not started:
                await error_response(ErrorCode.INTERNAL_ERROR)(scope, receive, tracking_send)
