"""Composition root of the authenticator window (placeholder until the main window lands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv if argv is None else argv)
    label = QLabel("Sigma Authenticator")
    label.setMinimumSize(360, 200)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
