"""Outcome measures over weeks: is the tendon getting stronger and more tolerant? (issue 15)

Morning pain answers "was yesterday too much?" (R3.2); these answer the question a user and
their physiotherapist ask every few weeks. Four measures, each a dated entry:

* **Sitting tolerance** — minutes on a firm chair until the first sitting-bone pain, capped
  at 30 min ("reached 30 min without pain"): the compressive tolerance R1 is about.
* **Single-leg bridge to fatigue** — repetitions each side at a set tempo; the limb
  symmetry index (LSI) is painful side ÷ other side × 100 (both sides painful: weaker ÷
  stronger). The R2.8 checklist's "strength similar left and right" reads from it.
* **Pain-free running time** — never typed: the longest run after which the next morning
  was at or below baseline, i.e. a run on a load day the one verdict engine
  (:func:`pht_desktop.domain.verdicts.compute_verdicts`) calls tolerated (R3.2).
* **VISA-H** (Cacchio et al. 2014, BJSM) — the total 0–100 (100 = no symptoms) the user
  took on paper or with their clinician; the questionnaire's items are never reproduced.

Pure values and rules: no Qt, no SQL. A single reading is never read as a diagnosis
(R5): the words here describe what a measure shows and how to repeat it, nothing more.

One concept per module: :mod:`.kinds` (the four measures, their limits and guides),
:mod:`.symmetry` (the bridge's limb symmetry), :mod:`.measure` (one validated entry),
:mod:`.running` (pain-free running time), :mod:`.due` (the reminder) and :mod:`.summary`
(what the stage-proposal dialog says of them). Callers import the package.
"""

from pht_desktop.domain.measures.due import (
    DEFAULT_INTERVAL_WEEKS,
    INTERVAL_WEEKS_RANGE,
    check_interval_weeks,
    due_kinds,
    due_sentence,
    latest_days,
)
from pht_desktop.domain.measures.kinds import (
    BRIDGE_MAX_REPS,
    DEFAULT_TEMPO_S,
    GUIDES,
    NOT_A_DIAGNOSIS,
    NOTE_MAX,
    REMINDED_KINDS,
    SITTING_CAP_MIN,
    STORED_KINDS,
    TEMPO_RANGE,
    VISA_H_RANGE,
    MeasureGuide,
    MeasureKind,
)
from pht_desktop.domain.measures.measure import Measure, minutes_text
from pht_desktop.domain.measures.running import RunItem, pain_free_running_s, pain_free_runs
from pht_desktop.domain.measures.summary import (
    Reading,
    checklist_strength_line,
    is_strength_item,
    measures_summary_since,
    readings,
)
from pht_desktop.domain.measures.symmetry import SIMILAR_PERCENT, Side, Symmetry, limb_symmetry

__all__ = [
    "BRIDGE_MAX_REPS",
    "DEFAULT_INTERVAL_WEEKS",
    "DEFAULT_TEMPO_S",
    "GUIDES",
    "INTERVAL_WEEKS_RANGE",
    "NOTE_MAX",
    "NOT_A_DIAGNOSIS",
    "REMINDED_KINDS",
    "SIMILAR_PERCENT",
    "SITTING_CAP_MIN",
    "STORED_KINDS",
    "TEMPO_RANGE",
    "VISA_H_RANGE",
    "Measure",
    "MeasureGuide",
    "MeasureKind",
    "Reading",
    "RunItem",
    "Side",
    "Symmetry",
    "check_interval_weeks",
    "checklist_strength_line",
    "due_kinds",
    "due_sentence",
    "is_strength_item",
    "latest_days",
    "limb_symmetry",
    "measures_summary_since",
    "minutes_text",
    "pain_free_running_s",
    "pain_free_runs",
    "readings",
]
