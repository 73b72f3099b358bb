"""run file measures

An imported run keeps what its file measured (moving time, distance) beside the minutes
and distance the user may later correct, so the app can tell an edited run from its file:
the average pace then follows the typed numbers and the file's best kilometre is shown as
the file's, not as the run's (issue 14). Runs imported before this revision take their
stored numbers as the file's (an edit made before it cannot be told apart).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("file_moving_s", sa.Integer(), nullable=True))
    op.add_column("runs", sa.Column("file_distance_km", sa.Float(), nullable=True))
    op.execute(
        "UPDATE runs SET file_moving_s = duration_s, file_distance_km = distance_km"
        " WHERE source != 'manual'"
    )


def downgrade() -> None:
    # Plain ALTER TABLE DROP COLUMN (SQLite 3.35+), as 0007 does.
    op.drop_column("runs", "file_distance_km")
    op.drop_column("runs", "file_moving_s")
