"""Health, server time and, in dev mode, the outbox where all email goes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from server_stub.api.dependencies import Services
from server_stub.api.errors import error_responses
from server_stub.api.schemas import (
    HealthResponse,
    OutboxMessageOut,
    OutboxResponse,
    TimeResponse,
)
from server_stub.domain.errors import ErrorCode as E
from server_stub.domain.errors import ServiceError

router = APIRouter(prefix="/api/v1", tags=["service"])


@router.get("/health", response_model=HealthResponse, summary="Liveness")
def health() -> HealthResponse:
    return HealthResponse()


@router.get("/time", response_model=TimeResponse, summary="The server clock (for skew warnings)")
def server_time(services: Services) -> TimeResponse:
    return TimeResponse(epoch=round(services.now(), 3))


@router.get(
    "/dev/outbox",
    response_model=OutboxResponse,
    responses=error_responses(E.INVALID_REQUEST, E.NOT_FOUND),
    summary="Emails the stub 'sent', newest first (dev mode only; 404 otherwise)",
)
def outbox(
    services: Services,
    to: Annotated[str | None, Query(max_length=320, description="Recipient email")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> OutboxResponse:
    if not services.dev_mode:
        raise ServiceError(E.NOT_FOUND)
    messages = services.outbox(to, limit)
    return OutboxResponse(messages=[OutboxMessageOut.model_validate(asdict(m)) for m in messages])
