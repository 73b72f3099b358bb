"""PySide's per-import feature hook is switched off at start-up (issue 16: ~3 % of it).

The hook exists only for ``from __feature__ import ...``; the app asks for none, so the
start hands every import straight to what the hook calls when no feature is asked for.
"""

from __future__ import annotations

import ast
import builtins
import sys
from pathlib import Path

import pytest

from pht_desktop.ui.pyside_import_hook import switch_off_feature_hook
from tests.python_run import smoke_start_then

ROOT = Path(__file__).resolve().parents[2]


def test_the_hook_is_switched_off_and_imports_go_on_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtCore  # noqa: F401  (installs PySide's hook, as at start-up)

    monkeypatch.setattr(builtins, "__import__", builtins.__import__)  # restored after
    assert builtins.__import__ is vars(builtins)["__feature_import__"]
    assert switch_off_feature_hook() is True
    assert builtins.__import__ is vars(builtins)["__orig_import__"]
    assert switch_off_feature_hook() is False  # already off: nothing to do
    (tmp_path / "pht_probe_after_hook.py").write_text(
        "from PySide6.QtCore import QObject\nNAME = QObject().objectName()\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "pht_probe_after_hook", raising=False)
    probe = __import__("pht_probe_after_hook")  # an import statement's own path
    assert probe.NAME == ""
    feature = sys.modules["shibokensupport.feature"]
    assert "pht_probe_after_hook" not in feature.pyside_feature_dict  # never searched


def test_an_import_someone_else_wrapped_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import PySide6.QtCore  # noqa: F401

    hooked = builtins.__import__

    def wrapped(*args: object, **kwargs: object) -> object:
        return hooked(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", wrapped)
    assert switch_off_feature_hook() is False
    assert builtins.__import__ is wrapped


def test_no_module_asks_for_a_pyside_feature() -> None:
    """The switch is sound only while nothing uses ``from __feature__ import ...``."""
    asking = []
    for path in sorted((ROOT / "pht_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if "__feature__" in names:
                asking.append(str(path.relative_to(ROOT)))
    assert asking == []


def test_the_app_starts_with_the_hook_off(tmp_path: Path) -> None:
    """A real start to ready: the app's modules were imported past the hook."""
    printed = smoke_start_then(
        tmp_path,
        "feature = sys.modules['shibokensupport.feature']; "
        "print(builtins.__import__ is builtins.__orig_import__, "
        "'pht_desktop.app' in sys.modules, 'pht_desktop.app' in feature.pyside_feature_dict)",
    )
    assert printed[-1] == "True True False"
