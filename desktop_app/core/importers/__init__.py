"""Importers of foreign export formats, one module per format, found through a small registry.

A format registers how to recognise its text and how to load it; the UI and CLI call
`import_text`, or `find_format` to say what a pasted or scanned text is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.core.importers import google_migration
from desktop_app.core.importers.base import EntryError, ImporterError, ImportResult

__all__ = [
    "EntryError",
    "ImportFormat",
    "ImportResult",
    "ImporterError",
    "find_format",
    "formats",
    "import_text",
    "register",
]


@dataclass(frozen=True)
class ImportFormat:
    name: str
    description: str  # for a person: "Google Authenticator export (otpauth-migration://)"
    recognises: Callable[[str], bool]  # cheap check on the text; no full parse
    load: Callable[[str], ImportResult]  # raises ImporterError (or a subclass)


_FORMATS: dict[str, ImportFormat] = {}


def register(import_format: ImportFormat) -> None:
    if import_format.name in _FORMATS:
        raise ValueError(f"an import format named {import_format.name!r} is already registered")
    _FORMATS[import_format.name] = import_format


def formats() -> list[ImportFormat]:
    return list(_FORMATS.values())


def find_format(text: str) -> ImportFormat | None:
    return next((f for f in _FORMATS.values() if f.recognises(text)), None)


def import_text(text: str) -> ImportResult:
    """Accounts from a text in any registered format; ImporterError when none recognises it."""
    import_format = find_format(text)
    if import_format is None:
        raise ImporterError("this text is not in any format that can be imported")
    return import_format.load(text)


register(
    ImportFormat(
        name="google-migration",
        description="Google Authenticator export (otpauth-migration://)",
        recognises=google_migration.is_migration_uri,
        load=google_migration.parse_migration_uri,
    )
)
