"""PySide's per-import source scan, made cheap: same answers, nothing kept in memory."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pht_desktop.ui import pyside_scan
from pht_desktop.ui.pyside_scan import FEATURE_MODULE, make_feature_scan_cheap


def _never_called(module: ModuleType) -> bool:
    raise AssertionError(f"PySide's own scan was asked about {module.__name__}")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from PySide6.QtCore import QObject  # noqa\n", True),
        ("import PySide6\n", True),
        ("'''Mentions PySide6 in a docstring, which PySide counts too.'''\n", True),
        ("import json\n", False),
        ("# pyside6 in lower case is not the package name\n", False),
    ],
)
def test_the_cheap_scan_answers_from_the_file_and_keeps_no_lines(
    tmp_path: Path, source: str, expected: bool
) -> None:
    path = tmp_path / "scanned_module.py"
    path.write_text(source, encoding="utf-8")
    module = ModuleType("scanned_module")
    module.__file__ = str(path)
    linecache.clearcache()
    assert pyside_scan.uses_pyside_cheaply(_never_called)(module) is expected
    assert str(path) not in linecache.cache


def test_modules_without_a_source_file_go_to_pysides_own_scan(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    cheap = pyside_scan.uses_pyside_cheaply(original)
    assert cheap(sys) is False  # built-in: no __file__
    compiled = ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.cpython-311-x86_64-linux-gnu.so")
    assert cheap(compiled) is False
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "deleted.py")
    assert cheap(gone) is False  # unreadable source: PySide's answer, without asking it
    assert asked == ["sys", "compiled"]


def test_after_the_swap_an_import_is_scanned_without_filling_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtCore  # noqa: F401  (installs PySide's import hook)

    feature = sys.modules[FEATURE_MODULE]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    assert make_feature_scan_cheap() is True
    assert make_feature_scan_cheap() is True  # a second call does not wrap it twice
    assert getattr(feature._mod_uses_pyside, "cheap", False)
    (tmp_path / "pht_probe_uses.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "pht_probe_plain.py").write_text("import json\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    for name in ("pht_probe_uses", "pht_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        monkeypatch.delitem(feature.pyside_feature_dict, name, raising=False)
        __import__(name)  # PySide hooks the import statement, not importlib
    assert feature.pyside_feature_dict["pht_probe_uses"] == 0
    assert feature.pyside_feature_dict["pht_probe_plain"] == -1
    assert not [name for name in linecache.cache if "pht_probe" in name]
