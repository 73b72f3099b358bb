"""The layers of docs/architecture.md, checked on the source (AST).

``LAYERS`` is the one table of allowed arrows: for each layer, the layers of this app it
may import and the libraries it must not import. docs/architecture.md shows the same
table; change both together. Every import form counts: ``import a.b``, ``from a import
b`` (``from pht_desktop import store`` is an import of the store), relative imports,
imports inside functions or ``TYPE_CHECKING`` blocks, and ``importlib.import_module``
with a literal name.
"""

from __future__ import annotations

import ast
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pht_desktop"
ROOT_NAME = "pht_desktop"


@dataclass(frozen=True)
class Layer:
    may_import: frozenset[str]
    banned_libraries: tuple[str, ...] = ()


def _layer(*may_import: str, banned: tuple[str, ...] = ()) -> Layer:
    # Every layer may import itself and the package's own __init__ (the version).
    return Layer(frozenset({*may_import, "package"}), banned)


_EVERYTHING = ("domain", "store", "services", "platform", "ui", "support", "cli", "root")
_NO_QT = ("PySide6", "shiboken6")
_NO_SQL = ("sqlalchemy", "alembic")
_NO_PLOTS = ("matplotlib", "numpy")

#: The allowed arrows (the one table; docs/architecture.md draws it).
LAYERS: dict[str, Layer] = {
    "domain": _layer("domain", banned=(*_NO_QT, *_NO_SQL, *_NO_PLOTS)),
    "store": _layer("store", "domain", "support", banned=(*_NO_QT, *_NO_PLOTS)),
    "services": _layer("services", "store", "domain", "support", banned=_NO_PLOTS),
    "platform": _layer("platform", "services", "domain", banned=(*_NO_SQL, *_NO_PLOTS)),
    "ui": _layer("ui", "services", "domain", "support", banned=_NO_SQL),
    "support": _layer("support", banned=(*_NO_QT, *_NO_SQL, *_NO_PLOTS)),
    # The terminal's entry points: open the database, render through ui's charts.
    "cli": _layer("cli", "services", "store", "domain", "ui", "support"),
    # The composition roots: build every adapter and hand it in.
    "root": _layer(*_EVERYTHING),
}

#: Top-level modules (``pht_desktop/<name>.py``) and the layer each belongs to.
TOP_LEVEL: dict[str, str] = {
    "__init__": "package",
    "paths": "support",
    "resources": "support",
    "logs": "support",
    "safe_files": "support",
    "startup_errors": "cli",
    "cli": "cli",
    "cli_data": "cli",
    "cli_runs": "cli",
    "demo": "cli",
    "app": "root",
    "__main__": "root",
    "smoke": "root",
    "start_memory": "root",
}


def layer_of_module(dotted: str) -> str | None:
    """The layer of an app module name ('pht_desktop.ui.tray' → 'ui'); None if not ours."""
    parts = dotted.split(".")
    if parts[0] != ROOT_NAME:
        return None
    if len(parts) == 1:
        return "package"
    head = parts[1]
    if head in LAYERS and head not in TOP_LEVEL:
        return head
    return TOP_LEVEL.get(head, f"unknown:{head}")


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(importer: str, is_package: bool, level: int, module: str | None) -> str:
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, module] if module else base)


def imported_modules(path: Path) -> set[str]:
    """Every module name ``path`` imports, absolute, in any of the forms Python allows."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    importer = module_name(path)
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _resolve_relative(importer, is_package, node.level, node.module)
            else:
                base = node.module or ""
            names.add(base)
            # ``from pkg import name`` may import the submodule ``pkg.name``.
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif (
            isinstance(node, ast.Call)
            and _is_dynamic_import(node.func)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def _is_name_in_package(dotted: str) -> bool:
    """``pht_desktop.__version__``-style names imported from the package's __init__."""
    parts = dotted.split(".")
    return (
        len(parts) == 2
        and parts[0] == ROOT_NAME
        and not (PACKAGE / parts[1]).exists()
        and not (PACKAGE / f"{parts[1]}.py").exists()
    )


def problems_in(path: Path) -> list[str]:
    here = layer_of_module(module_name(path))
    shown = path.relative_to(PACKAGE.parent)
    if here is None or here.startswith("unknown:"):
        return [f"{shown} is in no layer: add it to TOP_LEVEL"]
    if here == "package":
        return []
    rule = LAYERS[here]
    found = []
    for name in sorted(imported_modules(path)):
        target = layer_of_module(name)
        if target is None:
            if name.split(".")[0] in rule.banned_libraries:
                found.append(f"{shown} ({here}) imports {name}")
            continue
        if _is_name_in_package(name):
            target = "package"
        if target not in rule.may_import:
            found.append(f"{shown} ({here}) imports {name} ({target})")
    return found


def all_modules() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))


def test_every_module_respects_the_layers() -> None:
    found = [problem for path in all_modules() for problem in problems_in(path)]
    assert found == []


def test_the_table_names_only_known_layers() -> None:
    known = set(LAYERS) | {"package"}
    for layer in LAYERS.values():
        assert layer.may_import <= known
    assert set(TOP_LEVEL.values()) <= known


BAD_IN_UI = {
    "plain import": "import pht_desktop.store.db\n",
    "from import": "from pht_desktop.store.db import open_database\n",
    "from the package": "from pht_desktop import store\n",
    "from the package, platform": "from pht_desktop import platform\n",
    "relative sibling package": "from ..store import db\n",
    "relative package import": "from .. import platform\n",
    "relative deep": "from ..platform.idle import UnknownIdle\n",
    "inside a function": "def f():\n    from pht_desktop.platform import idle\n    return idle\n",
    "under TYPE_CHECKING": (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pht_desktop.store.models import Base\n"
    ),
    "import_module": "import importlib\nimportlib.import_module('pht_desktop.platform.idle')\n",
    "a banned library": "def f():\n    import sqlalchemy.orm\n",
    "the composition root": "from pht_desktop.app import PhtApp\n",
}


@pytest.mark.parametrize("form", sorted(BAD_IN_UI))
def test_a_module_in_ui_with_a_bad_import_is_caught(form: str) -> None:
    probe = PACKAGE / "ui" / f"_layer_probe_{uuid.uuid4().hex}.py"
    probe.write_text(BAD_IN_UI[form], encoding="utf-8")
    try:
        assert problems_in(probe), form
    finally:
        probe.unlink()


GOOD_IN_UI = (
    "from pht_desktop import __version__\n"
    "from . import style\n"
    "from .ports import IdleSource\n"
    "from ..services.registry import Services\n"
    "from pht_desktop.domain import clock\n"
    "def f():\n    import PySide6.QtWidgets\n"
)


def test_a_module_in_ui_with_allowed_imports_passes() -> None:
    probe = PACKAGE / "ui" / f"_layer_probe_{uuid.uuid4().hex}.py"
    probe.write_text(GOOD_IN_UI, encoding="utf-8")
    try:
        assert problems_in(probe) == []
    finally:
        probe.unlink()


def test_a_new_top_level_module_must_be_placed_in_a_layer() -> None:
    probe = PACKAGE / f"_layer_probe_{uuid.uuid4().hex}.py"
    probe.write_text("x = 1\n", encoding="utf-8")
    try:
        assert "in no layer" in problems_in(probe)[0]
    finally:
        probe.unlink()
