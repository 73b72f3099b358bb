"""The import rules of docs/architecture.md, checked on the source (AST)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pht_desktop"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "matplotlib",
        "numpy",
        "pht_desktop.store",
        "pht_desktop.services",
        "pht_desktop.ui",
        "pht_desktop.platform",
        "pht_desktop.app",
    ),
    "store": (
        "PySide6",
        "matplotlib",
        "pht_desktop.services",
        "pht_desktop.ui",
        "pht_desktop.platform",
        "pht_desktop.app",
    ),
    "services": ("pht_desktop.ui", "pht_desktop.platform", "pht_desktop.app", "matplotlib"),
    "ui": ("pht_desktop.store", "sqlalchemy", "alembic", "pht_desktop.app"),
    "platform": ("pht_desktop.store", "sqlalchemy", "alembic", "pht_desktop.ui", "pht_desktop.app"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if module == banned or module.startswith(banned + "."):
                    found.append(f"{path.relative_to(PACKAGE)} imports {module}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_respects_import_rules(layer: str) -> None:
    assert violations(layer) == []


def test_the_checker_itself_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert {"PySide6.QtCore", "sqlalchemy.orm"} <= imported_modules(bad)
