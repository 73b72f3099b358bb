"""catalogue start doses (issue 11, R2.9)

The built-in exercises of stages 1-4 stored a default dose that disagreed with the entry
rung of their dose ladder (5 × 40 s holds where the ladder starts at 5 × 30 s, 3 × 10
where the kinetic-chain ladder starts at 3 × 8, ...). The ladder is the one source of the
starting dose (R2.9), so the stored defaults now equal it.

Only built-in rows still holding the old default change (a frozen copy below, never the
live catalogue); users' own exercises, logs and any rename or archive stay as they are.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_exercises = sa.table(
    "exercises",
    sa.column("slug", sa.String()),
    sa.column("builtin", sa.Boolean()),
    sa.column("default_sets", sa.Integer()),
    sa.column("default_reps", sa.Integer()),
    sa.column("default_hold_s", sa.Integer()),
    sa.column("default_rest_s", sa.Integer()),
)

Dose = tuple[int, int, int | None, int]
"""(sets, reps, hold seconds, rest seconds)."""

_HOLD_BEFORE: Dose = (5, 1, 40, 120)
_HOLD_AFTER: Dose = (5, 1, 30, 120)

# slug -> (dose before, dose after)
DOSES: dict[str, tuple[Dose, Dose]] = {
    "standing-band-hip-extension-hold": (_HOLD_BEFORE, _HOLD_AFTER),
    "prone-hip-extension-hold": (_HOLD_BEFORE, _HOLD_AFTER),
    "bridge-hold-low-flexion": (_HOLD_BEFORE, _HOLD_AFTER),
    "supine-heel-dig-hold": (_HOLD_BEFORE, _HOLD_AFTER),
    "wall-hamstring-isometric": (_HOLD_BEFORE, _HOLD_AFTER),
    "hsr-single-leg-bridge": ((3, 12, None, 150), (3, 15, None, 150)),
    "single-leg-rdl": ((3, 10, None, 120), (3, 8, None, 120)),
    "step-up": ((3, 10, None, 90), (3, 8, None, 120)),
    "hip-thrust": ((3, 10, None, 120), (3, 8, None, 120)),
    "deep-rdl": ((3, 10, None, 120), (2, 8, None, 120)),
    "walking-lunge": ((3, 10, None, 90), (2, 8, None, 120)),
    "rear-foot-elevated-split-squat": ((3, 8, None, 120), (2, 8, None, 120)),
    "goblet-squat-full-depth": ((3, 10, None, 120), (2, 8, None, 120)),
}


def _columns(dose: Dose) -> dict[str, int | None]:
    sets, reps, hold_s, rest_s = dose
    return {
        "default_sets": sets,
        "default_reps": reps,
        "default_hold_s": hold_s,
        "default_rest_s": rest_s,
    }


def _move(old: int, new: int) -> None:
    """Built-in rows still at dose ``old`` of their pair get dose ``new``."""
    connection = op.get_bind()
    t = _exercises.c
    for slug, doses in DOSES.items():
        sets, reps, hold_s, rest_s = doses[old]
        held = t.default_hold_s.is_(None) if hold_s is None else t.default_hold_s == hold_s
        connection.execute(
            sa.update(_exercises)
            .where(
                t.slug == slug,
                t.builtin.is_(True),
                t.default_sets == sets,
                t.default_reps == reps,
                held,
                t.default_rest_s == rest_s,
            )
            .values(**_columns(doses[new]))
        )


def upgrade() -> None:
    _move(0, 1)


def downgrade() -> None:
    _move(1, 0)
