"""The shape of the code (issue 16): no module over 500 lines, no function over 80.

Measured on the source's syntax tree: a module's length is its physical lines, a
function's runs from its ``def`` to its last line (methods and nested functions count on
their own). Data is exempt, named below: migrations are a frozen record of the schema.

``DEBT`` lists what was over a limit when the rule came in (issue 16) with its size
then. It may only shrink: a listed item that grows fails, and one that is back under
the limit fails too until its line here is deleted, so the list never goes stale.
Anything not listed must be within the limits.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pht_desktop"

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80

#: Data, not code: exempt from both limits.
DATA_MODULES: tuple[str, ...] = ("pht_desktop/store/migrations/versions/",)

#: Over a limit when the rule came in, with the size then; may only shrink (see above).
DEBT: dict[str, int] = {}


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function and method with its qualified name and length in lines."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{prefix}{node.name}"
            end = node.end_lineno or node.lineno
            yield name, end - node.lineno + 1
            yield from _functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def oversized(root: Path, package: Path) -> dict[str, int]:
    """What is over a limit under ``package``: ``path`` (module) or ``path:name``
    (function) → its length in lines. Data modules are left out."""
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(root).as_posix()
        if where.startswith(DATA_MODULES):
            continue
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found[where] = lines
        for name, length in _functions(ast.parse(text, filename=str(path))):
            if length > MAX_FUNCTION_LINES:
                found[f"{where}:{name}"] = length
    return found


def shape_problems(found: dict[str, int], debt: dict[str, int]) -> list[str]:
    """Sentences for every breach: new, grown, or paid off but still listed."""
    problems = []
    for item, size in sorted(found.items()):
        limit = debt.get(item)
        if limit is None:
            problems.append(f"{item}: {size} lines, over the limit (split it)")
        elif size > limit:
            problems.append(f"{item}: grew from {limit} to {size} lines (debt may only shrink)")
    problems += [
        f"{item}: now within the limit; delete its line from DEBT"
        for item in sorted(debt)
        if item not in found
    ]
    return problems


def test_no_module_over_500_lines_and_no_function_over_80() -> None:
    assert shape_problems(oversized(ROOT, PACKAGE), DEBT) == []


def test_data_modules_exist() -> None:
    """The exemption names real folders, so it cannot silently cover nothing."""
    for prefix in DATA_MODULES:
        assert (ROOT / prefix).is_dir(), prefix


@pytest.fixture
def fake_package(tmp_path: Path) -> Path:
    package = tmp_path / "pht_desktop"
    (package / "store" / "migrations" / "versions").mkdir(parents=True)
    (package / "ui").mkdir()
    return package


def _function(name: str, body_lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(body_lines))
    return f"{indent}def {name}() -> None:\n{body}"


def test_the_check_catches_a_long_function_a_long_module_and_growth(
    fake_package: Path,
) -> None:
    """The probe: a temporary package with each kind of breach, and a data module."""
    root = fake_package.parent
    ui = fake_package / "ui"
    (ui / "ok.py").write_text(_function("short", MAX_FUNCTION_LINES - 1))
    (ui / "long_function.py").write_text(
        "class Form:\n" + _function("__init__", MAX_FUNCTION_LINES, indent="    ")
    )
    (ui / "long_module.py").write_text("".join(f"X{i} = {i}\n" for i in range(501)))
    (ui / "grown.py").write_text(_function("build", 90))
    migration = fake_package / "store" / "migrations" / "versions" / "0001_x.py"
    migration.write_text(_function("upgrade", 300) + "\n" * 600)

    found = oversized(root, fake_package)

    assert found == {
        "pht_desktop/ui/long_function.py:Form.__init__": 81,
        "pht_desktop/ui/long_module.py": 501,
        "pht_desktop/ui/grown.py:build": 91,
    }
    problems = shape_problems(
        found, {"pht_desktop/ui/grown.py:build": 85, "pht_desktop/ui/paid_off.py": 600}
    )
    assert problems == [
        "pht_desktop/ui/grown.py:build: grew from 85 to 91 lines (debt may only shrink)",
        "pht_desktop/ui/long_function.py:Form.__init__: 81 lines, over the limit (split it)",
        "pht_desktop/ui/long_module.py: 501 lines, over the limit (split it)",
        "pht_desktop/ui/paid_off.py: now within the limit; delete its line from DEBT",
    ]
