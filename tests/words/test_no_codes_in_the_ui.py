"""No rule codes (R1–R5) or "seed" in any text a user can see (issue 13, Words).

The walk opens every pane and the Progress charts' second tab, on the demo history and
on a fresh folder, and reads every widget's text, tooltip and accessible name.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import PANE_NAMES, MainWindow
from tests.progress.helpers import seed_demo
from tests.qt_input import shown
from tests.words.visible_text import visible_texts

RULE_CODE = re.compile(r"\bR[1-5](\.\d+)?\b")
SEED = re.compile(r"\bseed", re.IGNORECASE)


def all_texts(window: MainWindow) -> list[tuple[str, str]]:
    for name in PANE_NAMES:
        window.show_pane(name)
    window.progress_pane.show_sitting_panel()
    return list(visible_texts(window))


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "fresh"])
def test_no_rule_code_or_seed_in_any_visible_text(
    qtbot: QtBot, services: Services, qsettings: QSettings, demo: bool
) -> None:
    if demo:
        seed_demo(services)
    window = shown(qtbot, MainWindow(services, qsettings), (1024, 700))
    texts = all_texts(window)
    assert len(texts) > 200  # the walk really reached the panes
    found = [(where, text) for where, text in texts if RULE_CODE.search(text) or SEED.search(text)]
    assert found == [], "\n".join(f"{w}: {t}" for w, t in found)
