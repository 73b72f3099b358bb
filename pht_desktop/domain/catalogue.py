"""The built-in exercise catalogue: the five-stage protocol as data (R2, R2.1–R2.6).

Every entry carries its stage and the flags the rules need: ``compressive`` (R2.1, R2.5:
hip flexion of 90° or more, or hip flexion with knee extension or adduction, under load or
stretch), ``avoid_early`` (R2.2: seated hamstring stretches) and ``hsr`` (R2.6: heavy slow
resistance, spaced 48 h apart). Defaults and their sources are listed row by row in
``docs/clinical-sources.md``. The default dose of a stage 1–4 exercise is its dose
ladder's entry rung (R2.9, ``dose_ladder``): one starting dose, stored and planned alike
(``tests/domain/test_catalogue.py`` holds the two together; migration 0006 moved the
stored rows).

Slugs are stable identifiers: a migration seeds the database from a frozen copy of this
data, so a slug is never renamed or reused; retire an entry by archiving it in the store.

For ``dose_type == "run"`` the numbers mean: ``default_reps`` repetitions (intervals or
strides; 1 for a continuous run) and ``default_rest_s`` the walk recovery between them.
The seated stretches sit in stage 5, the most conservative place for the position the
seed calls "the worst load combination" (compression plus tension).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

DoseType = Literal["hold", "reps", "run"]
DOSE_TYPES: Final[tuple[DoseType, ...]] = ("hold", "reps", "run")

STAGE_NAMES: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "Isometric",
        2: "Isotonic (heavy slow resistance)",
        3: "Kinetic chain",
        4: "Compressive load",
        5: "Energy storage",
    }
)
"""The five stages of the protocol (R2 table; Rich, Cook, Hahne, Ford 2025)."""

COMPRESSIVE_FROM_STAGE: Final = 4
"""Compressive positions are introduced at stage 4 (R2, R2.1): before it, logging one warns."""

DEEP_FLEXION_DEG: Final = 90
FLEXION_WITH_STRETCH_DEG: Final = 60


def compressive_position(
    hip_flexion_deg: int, knee_extended: bool = False, adducted: bool = False
) -> bool:
    """R2.5: hip flexion of 90° or more, or hip flexion (here: 60° or more) combined with a
    straight knee (a hamstring stretch) or with adduction (Goom et al. 2016).

    The 60° line is this project's reading of "hip flexion combined with": a hinge with
    soft knees to just above the knee (the stage-2 RDL) stays below it; a seated
    toe-reach does not.
    """
    if hip_flexion_deg >= DEEP_FLEXION_DEG:
        return True
    return hip_flexion_deg >= FLEXION_WITH_STRETCH_DEG and (knee_extended or adducted)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX_LENGTH: Final = 64
NAME_MAX_LENGTH: Final = 120
HOW_TO_MAX_LENGTH: Final = 240


@dataclass(frozen=True, slots=True)
class CatalogueExercise:
    """One built-in exercise with its default dose (R2, R2.3, R2.6).

    ``default_hold_s`` is set only for ``hold`` exercises. Construction checks the
    invariants so a typo in this table fails at import time, not in a user's log.
    """

    slug: str
    name: str
    stage: int
    how_to: str
    dose_type: DoseType
    default_sets: int
    default_reps: int
    default_hold_s: int | None
    default_rest_s: int
    compressive: bool = False
    avoid_early: bool = False
    hsr: bool = False
    hip_flexion_deg: int = 0
    """The most hip flexion the exercise reaches under load or stretch (R2.5)."""
    knee_extended: bool = False
    adducted: bool = False

    def __post_init__(self) -> None:
        problems = [why for broken, why in self._rules() if broken]
        if problems:
            raise ValueError(f"catalogue entry {self.slug!r}: " + "; ".join(problems))

    def _rules(self) -> tuple[tuple[bool, str], ...]:
        """Each invariant as (broken, why): every broken one is reported at once."""
        hold = self.default_hold_s
        return (
            (
                not _SLUG.match(self.slug) or len(self.slug) > SLUG_MAX_LENGTH,
                "slug must be lowercase words joined by hyphens, at most 64",
            ),
            (not self.name or len(self.name) > NAME_MAX_LENGTH, "name must be 1-120 characters"),
            (self.stage not in STAGE_NAMES, "stage must be 1-5"),
            (
                not self.how_to or len(self.how_to) > HOW_TO_MAX_LENGTH,
                "how_to must be 1-240 characters",
            ),
            (self.dose_type not in DOSE_TYPES, f"dose_type must be one of {DOSE_TYPES}"),
            (
                self.default_sets < 1 or self.default_reps < 1 or self.default_rest_s < 0,
                "sets and reps must be >= 1 and rest >= 0",
            ),
            (
                (self.dose_type == "hold") != (hold is not None),
                "default_hold_s is set for hold exercises and only for them",
            ),
            (hold is not None and not 1 <= hold <= 600, "default_hold_s must be 1-600"),
            (
                self.avoid_early and not self.compressive,
                "an avoid-early stretch is compressive (R2.2, R2.5)",
            ),
            (
                self.compressive
                != compressive_position(self.hip_flexion_deg, self.knee_extended, self.adducted),
                "the compressive flag must follow the position (R2.5), any stage",
            ),
            (
                self.hsr and self.stage not in (2, 3),
                "heavy slow resistance belongs to stages 2-3 (R2.6)",
            ),
        )

    @property
    def stage_name(self) -> str:
        """The stage's name for the UI."""
        return STAGE_NAMES[self.stage]


ISOMETRIC_HOLD_S: Final = 30
"""R2.3: 30–45 s per hold (Rio 2015 used 45 s); 30 s is the isometric ladder's entry rung
(5 × 30 s at about 70 %, R2.9), the longer holds are its later rungs."""
ISOMETRIC_HOLDS: Final = 5
ISOMETRIC_REST_S: Final = 120


def _isometric(slug: str, name: str, how_to: str, hip_flexion_deg: int = 0) -> CatalogueExercise:
    """A stage-1 hold: 5 × 30 s at about 70 % effort, 2 min rest, hip near neutral (R2.3)."""
    return CatalogueExercise(
        slug=slug,
        name=name,
        stage=1,
        how_to=how_to,
        dose_type="hold",
        default_sets=ISOMETRIC_HOLDS,
        default_reps=1,
        default_hold_s=ISOMETRIC_HOLD_S,
        default_rest_s=ISOMETRIC_REST_S,
        hip_flexion_deg=hip_flexion_deg,
    )


# Stage 2: heavy slow resistance, start near 15RM, 3–4 sets, 2–3 min rest (R2.6).
HSR_REST_S: Final = 150

CATALOGUE: Final[tuple[CatalogueExercise, ...]] = (
    # --- Stage 1: isometric, non-compressed -----------------------------------------------
    _isometric(
        "standing-band-hip-extension-hold",
        "Standing hip extension against a band",
        "Stand tall with a band behind the ankle and push the straight leg back "
        "a little, then hold at about 70 % effort. Keep the hip near neutral, not flexed.",
    ),
    _isometric(
        "prone-hip-extension-hold",
        "Prone hip-extension hold",
        "Lie face down, bend the knee slightly and lift the thigh just off the floor, "
        "then hold at about 70 % effort.",
    ),
    _isometric(
        "bridge-hold-low-flexion",
        "Bridge hold (low hip flexion)",
        "Lie on your back, heels on the floor well away from the hips, lift into a "
        "bridge and hold at about 70 % effort.",
        hip_flexion_deg=10,
    ),
    _isometric(
        "supine-heel-dig-hold",
        "Supine heel-dig hold",
        "Lie on your back, knee slightly bent, and press the heel down and back into "
        "the floor at about 70 % effort.",
        hip_flexion_deg=30,
    ),
    _isometric(
        "wall-hamstring-isometric",
        "Wall hamstring isometric",
        "Lie on your back with the heel on a wall and the knee bent, hip well short "
        "of 90°, and press the heel into the wall at about 70 % effort.",
        hip_flexion_deg=60,
    ),
    # --- Stage 2: isotonic, heavy slow resistance ------------------------------------------
    CatalogueExercise(
        slug="hsr-double-leg-bridge",
        name="Bridge (slow, loaded)",
        stage=2,
        how_to="Bridge up and down slowly, about 3 s each way, with a weight on the hips. "
        "Start near a 15-rep maximum.",
        dose_type="reps",
        default_sets=3,
        default_reps=15,
        default_hold_s=None,
        default_rest_s=HSR_REST_S,
        hsr=True,
        hip_flexion_deg=30,
    ),
    CatalogueExercise(
        slug="hsr-single-leg-bridge",
        name="Single-leg bridge (slow)",
        stage=2,
        how_to="Bridge on one leg, about 3 s up and 3 s down, keeping the pelvis level.",
        dose_type="reps",
        default_sets=3,
        default_reps=15,
        default_hold_s=None,
        default_rest_s=HSR_REST_S,
        hsr=True,
        hip_flexion_deg=30,
    ),
    CatalogueExercise(
        slug="hsr-prone-hamstring-curl",
        name="Prone hamstring curl",
        stage=2,
        how_to="Lying face down (machine or band), curl the heel up and lower it, about 3 s "
        "each way. Start near a 15-rep maximum.",
        dose_type="reps",
        default_sets=3,
        default_reps=15,
        default_hold_s=None,
        default_rest_s=HSR_REST_S,
        hsr=True,
    ),
    CatalogueExercise(
        slug="hsr-rdl-limited-depth",
        name="Romanian deadlift to limited depth",
        stage=2,
        how_to="Hinge at the hips with soft knees, lowering the weight only to just above "
        "the knees, about 3 s each way.",
        dose_type="reps",
        default_sets=3,
        default_reps=15,
        default_hold_s=None,
        default_rest_s=HSR_REST_S,
        hsr=True,
        hip_flexion_deg=70,
    ),
    # --- Stage 3: kinetic chain -------------------------------------------------------------
    CatalogueExercise(
        slug="single-leg-rdl",
        name="Single-leg Romanian deadlift",
        stage=3,
        how_to="Stand on one leg, knee soft, and hinge forward with a flat back only until "
        "your hands reach knee height (hip well short of 90°), then stand tall.",
        dose_type="reps",
        default_sets=3,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        hsr=True,
        hip_flexion_deg=60,
    ),
    CatalogueExercise(
        slug="step-up",
        name="Step-up",
        stage=3,
        how_to="Step up onto a box about mid-shin high (hip well short of 90°), driving "
        "through the front heel, and step down slowly.",
        dose_type="reps",
        default_sets=3,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        hip_flexion_deg=60,
    ),
    CatalogueExercise(
        slug="hip-thrust",
        name="Hip thrust",
        stage=3,
        how_to="Shoulders on a bench, weight across the hips, drive the hips up to neutral "
        "and lower slowly.",
        dose_type="reps",
        default_sets=3,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        hsr=True,
        hip_flexion_deg=80,
    ),
    CatalogueExercise(
        slug="single-leg-hip-thrust",
        name="Single-leg hip thrust",
        stage=3,
        how_to="Shoulders on a bench, thrust up on one leg keeping the pelvis level, and "
        "lower slowly.",
        dose_type="reps",
        default_sets=3,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        hip_flexion_deg=80,
    ),
    # --- Stage 4: compressive load ----------------------------------------------------------
    CatalogueExercise(
        slug="deep-rdl",
        name="Romanian deadlift, full depth",
        stage=4,
        how_to="Hinge with soft knees and lower the weight to mid-shin, as deep as the "
        "tendon tolerates, then stand tall.",
        dose_type="reps",
        default_sets=2,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        compressive=True,
        hip_flexion_deg=100,
    ),
    CatalogueExercise(
        slug="walking-lunge",
        name="Walking lunge",
        stage=4,
        how_to="Take long steps forward, lowering the back knee toward the floor with the "
        "trunk leaning slightly forward.",
        dose_type="reps",
        default_sets=2,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        compressive=True,
        hip_flexion_deg=100,
    ),
    CatalogueExercise(
        slug="rear-foot-elevated-split-squat",
        name="Rear-foot-elevated split squat",
        stage=4,
        how_to="Back foot on a bench, lower until the front hip is flexed beyond 90° and "
        "drive back up.",
        dose_type="reps",
        default_sets=2,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        compressive=True,
        hip_flexion_deg=100,
    ),
    CatalogueExercise(
        slug="goblet-squat-full-depth",
        name="Goblet squat to full depth",
        stage=4,
        how_to="Hold a weight at the chest and squat until the hips pass below the knees, "
        "then stand.",
        dose_type="reps",
        default_sets=2,
        default_reps=8,
        default_hold_s=None,
        default_rest_s=120,
        compressive=True,
        hip_flexion_deg=120,
    ),
    # --- Stage 5: energy storage ------------------------------------------------------------
    CatalogueExercise(
        slug="run-walk",
        name="Run-walk",
        stage=5,
        how_to="Alternate 1 min of easy running with 1 min of walking on flat ground.",
        dose_type="run",
        default_sets=1,
        default_reps=10,
        default_hold_s=None,
        default_rest_s=60,
        hip_flexion_deg=30,
    ),
    CatalogueExercise(
        slug="continuous-run",
        name="Continuous easy run",
        stage=5,
        how_to="Run at an easy, conversational pace on flat ground.",
        dose_type="run",
        default_sets=1,
        default_reps=1,
        default_hold_s=None,
        default_rest_s=0,
        hip_flexion_deg=30,
    ),
    CatalogueExercise(
        slug="hill-strides",
        name="Hill strides",
        stage=5,
        how_to="Run up a gentle hill for about 15 s at a strong but relaxed effort; walk "
        "back down to recover.",
        dose_type="run",
        default_sets=1,
        default_reps=6,
        default_hold_s=None,
        default_rest_s=90,
        compressive=True,
        hip_flexion_deg=90,
    ),
    CatalogueExercise(
        slug="speed-intervals",
        name="Speed intervals",
        stage=5,
        how_to="Run about 200 m fast but controlled on flat ground, then walk or jog to recover.",
        dose_type="run",
        default_sets=1,
        default_reps=6,
        default_hold_s=None,
        default_rest_s=120,
        hip_flexion_deg=70,
    ),
    CatalogueExercise(
        slug="seated-toe-reach-stretch",
        name="Seated toe-reach hamstring stretch",
        stage=5,
        how_to="Sitting, knee straight, reach toward the toes. Avoid early: this compresses "
        "the tendon while stretching it.",
        dose_type="hold",
        default_sets=3,
        default_reps=1,
        default_hold_s=30,
        default_rest_s=30,
        compressive=True,
        avoid_early=True,
        hip_flexion_deg=110,
        knee_extended=True,
    ),
    CatalogueExercise(
        slug="seated-figure-four-stretch",
        name="Seated figure-four stretch",
        stage=5,
        how_to="Sitting, one ankle over the other knee, lean forward. Avoid early: this "
        "compresses the tendon while stretching it.",
        dose_type="hold",
        default_sets=3,
        default_reps=1,
        default_hold_s=30,
        default_rest_s=30,
        compressive=True,
        avoid_early=True,
        hip_flexion_deg=100,
        adducted=True,
    ),
)
"""All built-in exercises, in stage order."""


STANDING_SLUGS: Final = frozenset({"standing-band-hip-extension-hold"})
"""Holds done standing: the only ones that fit a standing break (issue 11 break offer)."""


def by_slug(slug: str) -> CatalogueExercise:
    """The built-in exercise with this slug; ``KeyError`` if there is none."""
    for exercise in CATALOGUE:
        if exercise.slug == slug:
            return exercise
    raise KeyError(slug)


def for_stage(stage: int) -> tuple[CatalogueExercise, ...]:
    """The built-in exercises of one stage, in catalogue order."""
    return tuple(e for e in CATALOGUE if e.stage == stage)
