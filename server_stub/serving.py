"""Listening sockets and running the app in a background thread (demo launcher, tests, tools)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported lazily: the CLI's other commands should start fast
    from fastapi import FastAPI


def url_for(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def open_listener(host: str, port: int) -> socket.socket:
    """Bind before announcing the URL, so a busy port is a clear error, not a log line.

    The protocol is named (IPPROTO_TCP, not the default 0): asyncio switches Nagle off only
    for sockets that say they are TCP, and with Nagle on, every keep-alive response waits
    ~40 ms for the client's delayed ACK. Raises OSError.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host.strip("[]"), port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


@dataclass
class BackgroundServer:
    """The stub serving from a daemon thread; `stop()` shuts it down gracefully."""

    url: str
    server: Any  # uvicorn.Server
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=timeout)


def serve_in_background(app: FastAPI, host: str = "127.0.0.1", port: int = 0,
                        start_timeout: float = 20.0, *, listener: socket.socket | None = None,
                        **uvicorn_options: Any) -> BackgroundServer:  # fmt: skip
    """Start serving `app` (port 0: any free port, or an already bound `listener`) and return
    once it accepts connections."""
    import uvicorn

    listener = listener or open_listener(host, port)
    options = {"log_level": "warning", **uvicorn_options}
    config = uvicorn.Config(app, lifespan="on", timeout_graceful_shutdown=5, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="sigma-stub", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            listener.close()
            raise RuntimeError("the stub server did not start")
        time.sleep(0.01)
    bound_host, bound_port = listener.getsockname()[:2]
    return BackgroundServer(url_for(bound_host, bound_port), server, thread)
