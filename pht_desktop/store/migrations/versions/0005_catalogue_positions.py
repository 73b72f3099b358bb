"""catalogue positions (issue 11)

Corrects two built-in exercises that put the hip at 90° or more under load, which R2.5
calls compressive, while they sit in stage 3 (kinetic chain):

* ``step-up``: a box about mid-shin high instead of knee height;
* ``single-leg-rdl``: hinge only until the hands reach knee height, knee soft, instead of
  "as deep as control allows".

Only the built-in rows' how-to text changes (a frozen copy below, never the live
catalogue); their ids, the users' logs, their own exercises and any rename or archive
stay as they are. The compressive flags already agree with R2.5 for every row, now that
the domain derives them from each position in every stage.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_exercises = sa.table(
    "exercises",
    sa.column("slug", sa.String()),
    sa.column("how_to", sa.Text()),
    sa.column("builtin", sa.Boolean()),
)

# slug -> (how-to before, how-to after)
HOW_TO: dict[str, tuple[str, str]] = {
    "step-up": (
        "Step up onto a knee-height box, driving through the front heel, and step down slowly.",
        "Step up onto a box about mid-shin high (hip well short of 90°), driving through the "
        "front heel, and step down slowly.",
    ),
    "single-leg-rdl": (
        "Stand on one leg and hinge forward with a flat back, reaching only as deep as control "
        "allows, then stand tall.",
        "Stand on one leg, knee soft, and hinge forward with a flat back only until your hands "
        "reach knee height (hip well short of 90°), then stand tall.",
    ),
}


def _set(index: int) -> None:
    connection = op.get_bind()
    for slug, texts in HOW_TO.items():
        connection.execute(
            sa.update(_exercises)
            .where(_exercises.c.slug == slug, _exercises.c.builtin.is_(True))
            .values(how_to=texts[index])
        )


def upgrade() -> None:
    _set(1)


def downgrade() -> None:
    _set(0)
