"""Read a source tree's imports with ast, to check the layering rules of ARCHITECTURE.md."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(*parts: str) -> list[Path]:
    """Every .py file under ROOT/parts; asserts there is at least one, so a rule never checks
    an empty tree by mistake."""
    found = sorted(ROOT.joinpath(*parts).rglob("*.py"))
    assert found, f"no modules under {'/'.join(parts)}"
    return found


def offending(
    paths: list[Path], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()
) -> list[str]:
    """`path imports name` for each import starting with a forbidden prefix and not allowed."""
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in paths
        for name in sorted(imports_of(path))
        if (name.split(".")[0] in forbidden or name.startswith(forbidden))
        and not name.startswith(allowed)
    ]
