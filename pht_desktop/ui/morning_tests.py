"""The morning-test choice as the forms offer it (R3.11): everyday tests first, then the
user's own, then the deep-flexion examination tests under "Other / advanced" with a note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox

from pht_desktop.domain.morning import ADVANCED_NOTE, ADVANCED_TESTS, offered_tests
from pht_desktop.ui.style import compact_choice

MIN_CHARS = 28


def add_test_items(box: QComboBox) -> None:
    """Fill ``box``; advanced items carry the R3.11 note as their tooltip. The longer
    advanced names do not widen the form: the popup shows them whole."""
    compact_choice(box, MIN_CHARS)
    for member in offered_tests():
        if member is ADVANCED_TESTS[0]:
            box.insertSeparator(box.count())
        label = member.label
        if member in ADVANCED_TESTS:
            label = QCoreApplication.translate("MorningTests", "{test} (advanced)").format(
                test=label
            )
        box.addItem(label, member.value)
        if member in ADVANCED_TESTS:
            box.setItemData(box.count() - 1, ADVANCED_NOTE, Qt.ItemDataRole.ToolTipRole)
