"""custom ladders (issue 11, R2.9)

A user's own exercise gets a ladder they can edit: how many rungs, the step per rung
(seconds per hold, or reps per set) and a load step in kg. Its first rung stays the
exercise's default dose. NULL columns mean the default steps (four rungs, +5 s or +2
reps), so every existing exercise, built-in or the user's own, keeps the ladder it had.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


COLUMNS: tuple[tuple[str, type[sa.Integer | sa.Float[float]]], ...] = (
    ("ladder_rungs", sa.Integer),
    ("ladder_step", sa.Integer),
    ("ladder_load_step_kg", sa.Float),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("exercises", sa.Column(name, kind(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE DROP COLUMN (SQLite 3.35+): a batch copy of ``exercises`` would
    # have to drop a table that sessions refer to, which the foreign keys refuse.
    for name, _kind in reversed(COLUMNS):
        op.drop_column("exercises", name)
