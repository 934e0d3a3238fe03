"""create_app(config): the FastAPI application factory; tests build one per test."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI

from server_stub import __version__
from server_stub.api import install_api
from server_stub.domain.clock import Clock
from server_stub.domain.context import DomainContext
from server_stub.domain.demo import seed_demo
from server_stub.domain.passwords import PasswordChecker, PasswordParams
from server_stub.domain.secret_box import SecretBox
from server_stub.domain.services import StubServices, bind_server_key
from server_stub.domain.throttle import AttemptLocks
from server_stub.store import Database
from server_stub.store.keyfile import key_path_for, load_or_create_key


@dataclass(frozen=True)
class StubConfig:
    db_path: Path
    dev_mode: bool = True  # the outbox is readable over HTTP
    clock: Clock = time.time
    password_params: PasswordParams = field(default_factory=PasswordParams)
    seed_demo: bool = False
    key_path: Path | None = None  # default: beside the database, "<db name>.key"


def create_app(config: StubConfig) -> FastAPI:
    """Open (or create and migrate) the database and the key, and build the app.

    Raises StoreError for a database or key file that cannot be used.
    """
    db = Database(config.db_path)
    try:
        box = SecretBox(load_or_create_key(config.key_path or key_path_for(config.db_path)))
        bind_server_key(db, box)
        passwords = PasswordChecker(config.password_params)
        ctx = DomainContext(db, config.clock, passwords, box, AttemptLocks())
        if config.seed_demo:
            seed_demo(db, passwords, config.clock())
    except BaseException:
        db.close()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="Sigma stub server",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.services = StubServices(ctx, dev_mode=config.dev_mode)
    install_api(app)
    return app
