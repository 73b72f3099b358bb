"""The prompt is as tall as the page shown, at normal and large text (issue 13).

A QStackedWidget is as tall as its tallest page, which left an empty strip along the
bottom of the shorter page; the first fix (size policy Ignored) dropped the pages'
height-for-width and clipped the ask page's wrapped disclaimer. Both faults are checked
here: the window's height is what the shown page needs, and no wrapped label is given
fewer lines than it needs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.plan import BreakOffer
from pht_desktop.domain.scheduler import PromptDue
from pht_desktop.ui.prompt_window import PromptWindow, needed_height

OFFER = BreakOffer(7, "Standing hip extension against a band", 2, 30, 60, 70)


@pytest.fixture(params=[1.0, 1.6], ids=["normal-text", "large-text"])
def text_scale(request: pytest.FixtureRequest) -> Iterator[float]:
    """The app's font at the desktop's size and at 160 % (a large-text setting)."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    original = QFont(qapp.font())
    large = QFont(original)
    large.setPointSizeF(original.pointSizeF() * request.param)
    qapp.setFont(large)
    yield request.param
    qapp.setFont(original)


def _window(qtbot: QtBot, clock: FakeClock) -> PromptWindow:
    window = PromptWindow()
    qtbot.addWidget(window)
    now = clock.now()
    window.show_prompt(PromptDue(now, now, 32 * 60.0, 0, True, 0, True), False, 5)
    qtbot.waitExposed(window)
    return window


def _strip(window: PromptWindow) -> int:
    """How much taller the shown page is than it needs: the stray strip."""
    page = window.pages.currentWidget()
    assert page is not None
    return page.height() - needed_height(page, page.width())


def _clipped(window: PromptWindow) -> list[str]:
    """Visible wrapped labels given less height than their text needs."""
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.heightForWidth(label.width()) > label.height()
    ]


@pytest.mark.parametrize("offer", [None, OFFER], ids=["no-hold", "hold-offer"])
def test_each_page_fits_the_window(
    qtbot: QtBot, clock: FakeClock, text_scale: float, offer: BreakOffer | None
) -> None:
    window = _window(qtbot, clock)
    window.set_hold_offer(offer)
    assert window.asking
    assert abs(_strip(window)) <= 2
    assert _clipped(window) == []

    window.show_stand(180.0)
    assert window.standing
    assert abs(_strip(window)) <= 2
    assert _clipped(window) == []
    window.show_prompt(PromptDue(clock.now(), clock.now(), 40 * 60.0, 0, True, 0, True), False, 5)
    assert window.asking
    assert abs(_strip(window)) <= 2
    assert _clipped(window) == []


def test_an_offer_arriving_while_standing_refits(qtbot: QtBot, clock: FakeClock) -> None:
    window = _window(qtbot, clock)
    window.show_stand(180.0)
    short = window.height()
    window.set_hold_offer(OFFER)
    assert window.height() > short
    assert abs(_strip(window)) <= 2
    assert _clipped(window) == []
