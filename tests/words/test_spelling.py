"""Every visible text through a spell checker, with the project's own word list.

codespell (in the dev dependencies) always runs: it knows common misspellings and never
flags a rare correct word. hunspell, where installed (en_US), also checks every word
against a dictionary plus ``tests/words/words.txt`` (clinical and product terms).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import MainWindow
from tests.progress.helpers import seed_demo
from tests.qt_input import shown
from tests.words.test_no_codes_in_the_ui import all_texts

WORDS = Path(__file__).with_name("words.txt")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")


@pytest.fixture
def texts(qtbot: QtBot, services: Services, qsettings: QSettings, tmp_path: Path) -> Path:
    seed_demo(services)
    window = shown(qtbot, MainWindow(services, qsettings), (1024, 700))
    path = str(services.database_path)  # the path shown in Settings is no prose
    unique = sorted({text.replace(path, "") for _where, text in all_texts(window)})
    out = tmp_path / "visible.txt"
    out.write_text("\n".join(unique), encoding="utf-8")
    return out


def test_codespell_finds_no_misspelling(texts: Path) -> None:
    codespell = Path(sys.executable).with_name("codespell")
    result = subprocess.run(
        [str(codespell), "--ignore-words", str(WORDS), str(texts)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout


def _own_words() -> set[str]:
    return {line.strip().lower() for line in WORDS.read_text().splitlines() if line.strip()}


def _hunspell_ready() -> bool:
    if shutil.which("hunspell") is None:
        return False
    listed = subprocess.run(["hunspell", "-D"], capture_output=True, text=True, input="")
    return "en_US" in listed.stderr + listed.stdout


@pytest.mark.skipif(not _hunspell_ready(), reason="hunspell with en_US is not installed")
def test_hunspell_knows_every_word(texts: Path) -> None:
    words = sorted(set(_WORD.findall(texts.read_text(encoding="utf-8"))))
    # hunspell's -p list is case-sensitive for capitalised words; the list is lower case.
    words = [w for w in words if w.lower() not in _own_words()]
    result = subprocess.run(
        ["hunspell", "-d", "en_US", "-p", str(WORDS), "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        timeout=120,
    )
    unknown = sorted(set(result.stdout.split()))
    assert unknown == [], " ".join(unknown)
