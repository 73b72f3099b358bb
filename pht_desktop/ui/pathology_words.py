"""The stored pathology values (R4) as shown, marked for translation (context "StageForm").

Shared by Settings ▸ Rehab and the first-start welcome; its own module so the welcome
needs none of the Settings pane and its forms.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

PATHOLOGY_WORDS: dict[str, str] = {
    "reactive": str(QT_TRANSLATE_NOOP("StageForm", "Reactive")),
    "dysrepair": str(QT_TRANSLATE_NOOP("StageForm", "Dysrepair")),
    "degenerative": str(QT_TRANSLATE_NOOP("StageForm", "Degenerative")),
    "unknown": str(QT_TRANSLATE_NOOP("StageForm", "Unknown")),
}


def pathology_word(value: str) -> str:
    """The translated word for a stored pathology value (an unknown one capitalised)."""
    word = PATHOLOGY_WORDS.get(value)
    return value.capitalize() if word is None else QCoreApplication.translate("StageForm", word)
