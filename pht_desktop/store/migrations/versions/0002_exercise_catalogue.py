"""exercise catalogue

Seeds the built-in exercise catalogue (R2, R2.1, R2.2, R2.5, R2.6) so that databases
created before it existed get it on upgrade.

The rows are a FROZEN COPY of ``pht_desktop.domain.catalogue.CATALOGUE`` as of this
revision: a migration must never import live app code, or a later edit of the
catalogue would silently change what an old migration does. A test checks the copy
still agrees with the domain. Rows are inserted only when their slug is missing, so
user data and any earlier seed are left alone.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_exercises = sa.table(
    "exercises",
    sa.column("id", sa.Integer()),
    sa.column("slug", sa.String()),
    sa.column("name", sa.String()),
    sa.column("stage", sa.Integer()),
    sa.column("how_to", sa.Text()),
    sa.column("dose_type", sa.String()),
    sa.column("default_sets", sa.Integer()),
    sa.column("default_reps", sa.Integer()),
    sa.column("default_hold_s", sa.Integer()),
    sa.column("default_rest_s", sa.Integer()),
    sa.column("compressive", sa.Boolean()),
    sa.column("avoid_early", sa.Boolean()),
    sa.column("hsr", sa.Boolean()),
    sa.column("builtin", sa.Boolean()),
    sa.column("archived", sa.Boolean()),
)
_sessions = sa.table("exercise_sessions", sa.column("exercise_id", sa.Integer()))


def _row(
    slug: str,
    name: str,
    stage: int,
    how_to: str,
    dose_type: str,
    dose: tuple[int, int, int | None, int],
    *,
    compressive: bool,
    avoid_early: bool,
    hsr: bool,
) -> dict[str, Any]:
    """One catalogue row; ``dose`` is (sets, reps, hold seconds or None, rest seconds)."""
    sets, reps, hold_s, rest_s = dose
    return {
        "slug": slug,
        "name": name,
        "stage": stage,
        "how_to": how_to,
        "dose_type": dose_type,
        "default_sets": sets,
        "default_reps": reps,
        "default_hold_s": hold_s,
        "default_rest_s": rest_s,
        "compressive": compressive,
        "avoid_early": avoid_early,
        "hsr": hsr,
        "builtin": True,
        "archived": False,
    }


CATALOGUE_ROWS: tuple[dict[str, Any], ...] = (
    _row(
        "standing-band-hip-extension-hold",
        "Standing hip extension against a band",
        1,
        (
            "Stand tall with a band behind the ankle and push the straight leg back a little,"
            " then hold at about 70 % effort. Keep the hip near neutral, not flexed."
        ),
        "hold",
        (5, 1, 40, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "prone-hip-extension-hold",
        "Prone hip-extension hold",
        1,
        (
            "Lie face down, bend the knee slightly and lift the thigh just off the floor, "
            "then hold at about 70 % effort."
        ),
        "hold",
        (5, 1, 40, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "bridge-hold-low-flexion",
        "Bridge hold (low hip flexion)",
        1,
        (
            "Lie on your back, heels on the floor well away from the hips, lift into a bridge"
            " and hold at about 70 % effort."
        ),
        "hold",
        (5, 1, 40, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "supine-heel-dig-hold",
        "Supine heel-dig hold",
        1,
        (
            "Lie on your back, knee slightly bent, and press the heel down and back into the "
            "floor at about 70 % effort."
        ),
        "hold",
        (5, 1, 40, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "wall-hamstring-isometric",
        "Wall hamstring isometric",
        1,
        (
            "Lie on your back with the heel on a wall and the knee bent, hip well short of "
            "90°, and press the heel into the wall at about 70 % effort."
        ),
        "hold",
        (5, 1, 40, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "hsr-double-leg-bridge",
        "Bridge (slow, loaded)",
        2,
        (
            "Bridge up and down slowly, about 3 s each way, with a weight on the hips. Start "
            "near a 15-rep maximum."
        ),
        "reps",
        (3, 15, None, 150),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "hsr-single-leg-bridge",
        "Single-leg bridge (slow)",
        2,
        ("Bridge on one leg, about 3 s up and 3 s down, keeping the pelvis level."),
        "reps",
        (3, 12, None, 150),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "hsr-prone-hamstring-curl",
        "Prone hamstring curl",
        2,
        (
            "Lying face down (machine or band), curl the heel up and lower it, about 3 s each"
            " way. Start near a 15-rep maximum."
        ),
        "reps",
        (3, 15, None, 150),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "hsr-rdl-limited-depth",
        "Romanian deadlift to limited depth",
        2,
        (
            "Hinge at the hips with soft knees, lowering the weight only to just above the "
            "knees, about 3 s each way."
        ),
        "reps",
        (3, 15, None, 150),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "single-leg-rdl",
        "Single-leg Romanian deadlift",
        3,
        (
            "Stand on one leg and hinge forward with a flat back, reaching only as deep as "
            "control allows, then stand tall."
        ),
        "reps",
        (3, 10, None, 120),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "step-up",
        "Step-up",
        3,
        ("Step up onto a knee-height box, driving through the front heel, and step down slowly."),
        "reps",
        (3, 10, None, 90),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "hip-thrust",
        "Hip thrust",
        3,
        (
            "Shoulders on a bench, weight across the hips, drive the hips up to neutral and "
            "lower slowly."
        ),
        "reps",
        (3, 10, None, 120),
        compressive=False,
        avoid_early=False,
        hsr=True,
    ),
    _row(
        "single-leg-hip-thrust",
        "Single-leg hip thrust",
        3,
        ("Shoulders on a bench, thrust up on one leg keeping the pelvis level, and lower slowly."),
        "reps",
        (3, 8, None, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "deep-rdl",
        "Romanian deadlift, full depth",
        4,
        (
            "Hinge with soft knees and lower the weight to mid-shin, as deep as the tendon "
            "tolerates, then stand tall."
        ),
        "reps",
        (3, 10, None, 120),
        compressive=True,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "walking-lunge",
        "Walking lunge",
        4,
        (
            "Take long steps forward, lowering the back knee toward the floor with the trunk "
            "leaning slightly forward."
        ),
        "reps",
        (3, 10, None, 90),
        compressive=True,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "rear-foot-elevated-split-squat",
        "Rear-foot-elevated split squat",
        4,
        ("Back foot on a bench, lower until the front hip is flexed beyond 90° and drive back up."),
        "reps",
        (3, 8, None, 120),
        compressive=True,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "goblet-squat-full-depth",
        "Goblet squat to full depth",
        4,
        ("Hold a weight at the chest and squat until the hips pass below the knees, then stand."),
        "reps",
        (3, 10, None, 120),
        compressive=True,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "run-walk",
        "Run-walk",
        5,
        ("Alternate 1 min of easy running with 1 min of walking on flat ground."),
        "run",
        (1, 10, None, 60),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "continuous-run",
        "Continuous easy run",
        5,
        ("Run at an easy, conversational pace on flat ground."),
        "run",
        (1, 1, None, 0),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "hill-strides",
        "Hill strides",
        5,
        (
            "Run up a gentle hill for about 15 s at a strong but relaxed effort; walk back "
            "down to recover."
        ),
        "run",
        (1, 6, None, 90),
        compressive=True,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "speed-intervals",
        "Speed intervals",
        5,
        ("Run about 200 m fast but controlled on flat ground, then walk or jog to recover."),
        "run",
        (1, 6, None, 120),
        compressive=False,
        avoid_early=False,
        hsr=False,
    ),
    _row(
        "seated-toe-reach-stretch",
        "Seated toe-reach hamstring stretch",
        5,
        (
            "Sitting, knee straight, reach toward the toes. Avoid early: this compresses the "
            "tendon while stretching it."
        ),
        "hold",
        (3, 1, 30, 30),
        compressive=True,
        avoid_early=True,
        hsr=False,
    ),
    _row(
        "seated-figure-four-stretch",
        "Seated figure-four stretch",
        5,
        (
            "Sitting, one ankle over the other knee, lean forward. Avoid early: this "
            "compresses the tendon while stretching it."
        ),
        "hold",
        (3, 1, 30, 30),
        compressive=True,
        avoid_early=True,
        hsr=False,
    ),
)
"""The catalogue as of revision 0002 (frozen; never edit, add a new migration instead)."""


def upgrade() -> None:
    """Insert each built-in exercise whose slug is not in the table yet."""
    connection = op.get_bind()
    present = set(connection.execute(sa.select(_exercises.c.slug)).scalars())
    missing = [row for row in CATALOGUE_ROWS if row["slug"] not in present]
    if missing:
        connection.execute(sa.insert(_exercises), missing)


def downgrade() -> None:
    """Remove the seeded rows nobody has logged against (history is never deleted)."""
    used = sa.select(_sessions.c.exercise_id).where(_sessions.c.exercise_id.is_not(None))
    op.get_bind().execute(
        sa.delete(_exercises).where(
            _exercises.c.slug.in_([row["slug"] for row in CATALOGUE_ROWS]),
            _exercises.c.builtin.is_(True),
            _exercises.c.id.not_in(used),
        )
    )
