"""The main job of `./dev run`: the authenticator window (the stub and admin window join later)."""

from __future__ import annotations

import sys

from desktop_app.ui.app import main as run_authenticator


def main(argv: list[str] | None = None) -> int:
    return run_authenticator(argv)


if __name__ == "__main__":
    sys.exit(main())
