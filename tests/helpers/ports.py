"""Loopback ports for tests that start real servers (or need one where nothing listens)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on right now (also: the address of a stopped server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
