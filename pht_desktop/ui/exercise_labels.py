"""How the Exercises pane names an exercise: its markers, tooltips and the disclaimer,
and the narrow choice list the pane's widgets share (R2.1, R2.2).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from pht_desktop.services.exercises import ExerciseInfo
from pht_desktop.ui.style import compact_choice

COMPRESSIVE_MARK: Final = "◆"
AVOID_EARLY_MARK: Final = "⊘"  # in DejaVu Sans; "⦸" showed as a box
# Context of this module's text outside a widget (the constants and helpers below).
CONTEXT: Final = "ExercisesPane"
# Marked for translation; shown through ``QCoreApplication.translate(CONTEXT, …)``.
COMPRESSIVE_TIP: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "◆ Compressive: the hip bends to 90° or more (or bends with the knee straight, or "
        "across the body) under load or stretch, which presses the tendon against the "
        "sitting bone. The plan adds these from stage 4.",
    )
)
AVOID_EARLY_TIP: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "⊘ Avoid early: seated hamstring stretches compress and stretch the tendon at once; "
        "leave them out in the early stages.",
    )
)
DISCLAIMER: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "General education and self-monitoring, not individual clinical advice. "
        "Consult a registered health practitioner.",
    )
)


CHOICE_CHARS: Final = 16
"""Width of the pane's choice lists, in characters."""


def exercise_label(info: ExerciseInfo) -> str:
    """Name with its markers, e.g. "Walking lunge ◆"."""
    marks = [COMPRESSIVE_MARK] if info.compressive else []
    if info.avoid_early:
        marks.append(
            QCoreApplication.translate("ExercisesPane", "{mark} avoid early").format(
                mark=AVOID_EARLY_MARK
            )
        )
    if info.archived:
        marks.append(QCoreApplication.translate("ExercisesPane", "(archived)"))
    return " ".join([info.name, *marks])


def exercise_choice(info: ExerciseInfo) -> str:
    """The log form's choice, e.g. "Walking lunge ◆ (stage 4)"."""
    return QCoreApplication.translate("ExercisesPane", "{exercise} (stage {stage})").format(
        exercise=exercise_label(info), stage=info.stage
    )


def exercise_tooltip(info: ExerciseInfo) -> str:
    lines = [info.how_to] if info.how_to else []
    if info.compressive:
        lines.append(QCoreApplication.translate(CONTEXT, COMPRESSIVE_TIP))
    if info.avoid_early:
        lines.append(QCoreApplication.translate(CONTEXT, AVOID_EARLY_TIP))
    return "\n\n".join(lines)


def choice_box() -> QComboBox:
    """Long exercise names must not set the pane's minimum width, so opening Exercises
    never widens the window (issue 13); the popup still shows whole names."""
    box = QComboBox()
    compact_choice(box, CHOICE_CHARS)
    return box
