"""Craft vault files the way a damaged disk or an attacker would."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from desktop_app.core.vault.file_format import _PREFIX, MAGIC, decode_file, encode_file


def rewrite_header(path: Path, edit) -> None:
    """Apply `edit(header_dict)` and re-seal the checksum, so only the crypto can object."""
    parsed = decode_file(path.read_bytes())
    header = json.loads(parsed.header_bytes)
    edit(header)
    path.write_bytes(encode_file(json.dumps(header).encode(), parsed.content))


def with_version(path: Path, version: int) -> bytes:
    """The file's bytes relabelled with another format version and a valid checksum."""
    parsed = decode_file(path.read_bytes())
    body = _PREFIX.pack(MAGIC, version, len(parsed.header_bytes)) + parsed.header_bytes
    body += parsed.content
    return body + hashlib.sha256(body).digest()
