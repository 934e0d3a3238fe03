#!/usr/bin/env python3
"""Gather the licence texts of the third-party pieces the bundle ships into resources/licenses/.

    .venv/bin/python tools/collect_licenses.py      (after a dependency change; commit the output)

It walks the installed sigma-authenticator's requirements (with the `zbar` extra) through the
installed distributions' metadata, and writes one file per distribution: name, version, declared
licence, then every licence, copying and notice file the distribution carries. Python itself
(the bundle ships its interpreter and standard library) gets one too. Files of distributions no
longer required are removed, so the folder always matches the environment it was run in.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
PROJECT = "sigma-authenticator"
PROJECT_EXTRAS = ("zbar",)  # optional pieces a bundle may carry
LICENCE_FILE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
# Wheels that carry no licence file: the texts of the licence their metadata names, from the
# system's copy (Debian: /usr/share/common-licenses). LGPL-3.0 is written as additions to
# GPL-3.0, so it comes with it.
COMMON_LICENSES = Path("/usr/share/common-licenses")
FALLBACK_TEXTS = {
    "pyside6-essentials": ("LGPL-3", "GPL-3"),
    "shiboken6": ("LGPL-3", "GPL-3"),
}
RULE = "=" * 78


def required_distributions() -> dict[str, metadata.Distribution]:
    """The project's run-time dependency closure (plus PROJECT_EXTRAS), by canonical name."""
    found: dict[str, metadata.Distribution] = {}
    queue: list[tuple[str, tuple[str, ...]]] = [(PROJECT, PROJECT_EXTRAS)]
    while queue:
        name, extras = queue.pop()
        distribution = metadata.distribution(name)
        for text in distribution.requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker and not any(marker.evaluate({"extra": e}) for e in ("", *extras)):
                continue
            key = canonicalize_name(requirement.name)
            if key not in found:
                found[key] = metadata.distribution(requirement.name)
                queue.append((requirement.name, tuple(sorted(requirement.extras))))
    return found


def declared_licence(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    short = (meta.get("License") or "").strip()
    return "; ".join(classifiers) or (short if short and "\n" not in short else "see below")


def licence_texts(key: str, distribution: metadata.Distribution) -> list[tuple[str, str]]:
    texts = [
        (str(path), path.locate().read_text(encoding="utf-8", errors="replace"))
        for path in sorted(distribution.files or [], key=str)
        if LICENCE_FILE_NAME.search(path.name) and path.locate().is_file()
    ]
    # The same text in the package and in its .dist-info (OpenCV) once is enough.
    unique = {text: name for name, text in reversed(texts)}
    texts = sorted((name, text) for text, name in unique.items())
    if not texts and key in FALLBACK_TEXTS:
        for name in FALLBACK_TEXTS[key]:
            path = COMMON_LICENSES / name
            texts.append((f"{path} (the wheel ships no licence file)", path.read_text()))
    if not texts:
        raise SystemExit(f"no licence text found for {key}: add it to FALLBACK_TEXTS")
    return texts


def document(title: str, licence: str, texts: list[tuple[str, str]]) -> str:
    parts = [f"{title}\nLicence: {licence}\n"]
    for source, text in texts:
        parts.append(f"{RULE}\n{source}\n{RULE}\n{text.strip()}\n")
    return "\n".join(parts)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for key, distribution in sorted(required_distributions().items()):
        title = f"{distribution.metadata['Name']} {distribution.version}"
        text = document(title, declared_licence(distribution), licence_texts(key, distribution))
        (OUT / f"{key}.txt").write_text(text, encoding="utf-8")
        written.add(f"{key}.txt")
    stdlib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    python_licence = stdlib / "LICENSE.txt"
    if not python_licence.is_file():  # Windows and some distributions keep it elsewhere
        python_licence = Path(sys.base_prefix) / "LICENSE.txt"
    title = f"Python {'.'.join(map(str, sys.version_info[:3]))}"
    texts = [(python_licence.name, python_licence.read_text(encoding="utf-8"))]
    (OUT / "python.txt").write_text(document(title, "PSF-2.0", texts), encoding="utf-8")
    written.add("python.txt")
    for stale in sorted(p for p in OUT.glob("*.txt") if p.name not in written):
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)} (no longer required)")
    print(f"wrote {len(written)} licence files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
