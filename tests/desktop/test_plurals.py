"""Counted words through Qt's plural forms, with the English forms shipped (issue 13).

The English catalogue holds only plural forms; it must be current with the code (every
``self.tr("%n …", "", n)`` of ``pht_desktop/ui`` in it, filled in) and its compiled .qm
current with it, and the bundle must carry it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.scheduler import PromptDue
from pht_desktop.resources import resource
from pht_desktop.services.breaks import DayFigures
from pht_desktop.ui.durations import counted, minutes_text
from pht_desktop.ui.progress_pane import days_text
from pht_desktop.ui.prompt_window import PromptWindow
from pht_desktop.ui.sitting_words import figures_text
from tests.doc_tools import load_tool

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("plurals")


def test_the_english_catalogue_is_current_with_the_code(tool: ModuleType, tmp_path: Path) -> None:
    ts = tmp_path / "pht-desktop_en.ts"
    shutil.copyfile(tool.TS, ts)
    tool.lupdate(ts)  # what the code has now, merged into the committed forms
    fresh = ts.read_text(encoding="utf-8")
    assert fresh == tool.TS.read_text(encoding="utf-8"), "run docs/tools/plurals.py"
    assert "unfinished" not in fresh
    assert fresh.count('numerus="yes"') >= 7


def test_the_compiled_qm_is_current_with_the_ts(tool: ModuleType, tmp_path: Path) -> None:
    qm = tmp_path / "pht-desktop_en.qm"
    tool.lrelease(tool.TS, qm)
    assert qm.read_bytes() == tool.QM.read_bytes(), "run docs/tools/plurals.py"


def test_the_bundle_carries_the_catalogue() -> None:
    """build.spec ships resources/ whole; the app finds the .qm through resource()."""
    assert resource("translations/pht-desktop_en.qm").is_file()
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(60, "1 minute"), (120, "2 minutes"), (3600, "1 hour"), (2 * 3600 + 60, "2 hours 1 minute")],
)
def test_durations_in_words(seconds: int, words: str) -> None:
    assert minutes_text(seconds) == words


@pytest.mark.parametrize(("count", "words"), [(0, "0 days"), (1, "1 day"), (2, "2 days")])
def test_counted_days(count: int, words: str) -> None:
    assert days_text(count) == words


def test_the_sitting_figures_count_in_words() -> None:
    one = DayFigures(date(2026, 3, 2), prompts=1, taken=1, bouts_over_40=1)
    assert "1 prompt ·" in figures_text(one)
    assert "1 bout over 40 min" in figures_text(one)
    two = DayFigures(date(2026, 3, 2), prompts=2, taken=1, bouts_over_40=2)
    assert "2 prompts ·" in figures_text(two)
    assert "2 bouts over 40 min" in figures_text(two)


def test_without_the_catalogue_qt_shows_the_source(qapp: QCoreApplication) -> None:
    """What the catalogue is for: Qt alone would write "1 minute(s)"."""
    source = QCoreApplication.translate("NoSuchContext", "%n minute(s)", None, 1)
    assert source == "1 minute(s)"
    assert counted().minutes(1) == "1 minute"


def test_the_snooze_note_counts(qtbot: object, clock: FakeClock) -> None:
    window = PromptWindow()
    now = clock.now()
    window.show_prompt(PromptDue(now, now, 40 * 60.0, 2, False, 0, True), False, 5)
    assert window.snooze_note.text().startswith("You've snoozed 2 times in a row")
    window.close_quietly()
    window.deleteLater()
