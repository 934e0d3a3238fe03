"""The main job of `./dev run`: the Sigma stub with demo data, its admin window, and the
authenticator, together; closing the authenticator stops the stub it started.

    python -m desktop_app.launcher [--no-stub] [--port 8765]
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.core.local_stub import DEFAULT_PORT, LocalStubError, start_local_stub
from desktop_app.ui.app import main as run_authenticator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sigma-demo", description=__doc__.splitlines()[0])
    parser.add_argument("--no-stub", action="store_true", help="run the authenticator alone")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the stub's port")
    args, qt_args = parser.parse_known_args(argv)
    if args.no_stub:
        return run_authenticator([sys.argv[0], *qt_args])
    try:
        stub = start_local_stub(args.port, ("--demo", "--admin"))
    except LocalStubError as error:
        print(f"sigma-demo: {error}", file=sys.stderr)
        return 1
    if stub.process is None:
        print(f"Using the Sigma stub already running at {stub.url}.", flush=True)
    try:
        return run_authenticator([sys.argv[0], *qt_args], sigma_server=stub.url)
    finally:
        stub.stop()


if __name__ == "__main__":
    sys.exit(main())
