"""The tray icon counts the minutes to the next stand (issue 13), as the tooltip does."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.tray import ICON_PX, Tray, badge_text
from tests.breaks.conftest import User


def _image(tray: Tray) -> QImage:
    return tray.icon.icon().pixmap(ICON_PX, ICON_PX).toImage()


def _white_in_lower_half(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height() // 2, image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() > 200 and QColor(image.pixel(x, y)).alpha() > 200
    )


def test_the_icon_counts_down_with_the_tooltip(
    user: User, controller: BreakController, tray: Tray
) -> None:
    user.run(10 * 60 + 5)
    assert tray.countdown == 20
    assert "next stand in 20 min" in tray.icon.toolTip()
    twenty = _image(tray)
    assert _white_in_lower_half(twenty) > 0  # the digits, white on the dark band
    user.run(60)
    assert tray.countdown == 19
    assert "next stand in 19 min" in tray.icon.toolTip()
    assert _image(tray) != twenty  # redrawn as the minute changes


def test_no_number_while_standing_or_paused(
    user: User, controller: BreakController, tray: Tray
) -> None:
    user.run(10 * 60)
    assert tray.countdown is not None
    controller.stand_action.trigger()
    user.run(2)
    assert tray.countdown is None
    user.run(3 * 60)
    assert tray.countdown is not None  # sitting again: a fresh count
    controller.pause_actions[PauseKind("1h")].trigger()
    user.run(2)
    assert tray.countdown is None


def test_the_plain_icon_comes_back_without_a_number() -> None:
    plain = QPixmap(ICON_PX, ICON_PX)
    plain.fill(QColor("#336699"))
    icon = QIcon(plain)
    tray = Tray(icon)
    tray.set_countdown(7)
    assert _image(tray) != icon.pixmap(ICON_PX, ICON_PX).toImage()
    tray.set_countdown(None)
    assert tray.icon.icon().cacheKey() == icon.cacheKey()


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0"), (1, "1"), (9, "9"), (42, "42"), (99, "99"), (100, "99+"), (240, "99+")],
)
def test_badge_fits_a_16_px_icon(minutes: int, text: str) -> None:
    assert badge_text(minutes) == text
