"""PySide6 user interface: thin widgets over desktop_app.core."""
