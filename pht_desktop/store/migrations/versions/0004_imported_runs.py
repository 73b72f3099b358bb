"""imported runs

Runs read from a watch's file (issue 14): where they came from (format, file name,
SHA-256 of the bytes, unique so the same file can never be stored twice), the
elapsed time beside the moving time, the climbing, the fastest kilometre and segment,
the steepest climb, and why the hilly/fast flags (the existing ``hills``/``speed``
columns) were set. Existing runs become ``source = 'manual'``; nothing else changes.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=8), nullable=False, server_default="manual")
        )
        batch_op.add_column(sa.Column("source_name", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("source_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("elapsed_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("elevation_gain_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("best_km_s", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("fastest_pace_s_km", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("steepest_grade", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("flag_note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_runs_source_sha256"), ["source_sha256"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_source_sha256"))
        for name in (
            "flag_note",
            "steepest_grade",
            "fastest_pace_s_km",
            "best_km_s",
            "elevation_gain_m",
            "elapsed_s",
            "source_sha256",
            "source_name",
            "source",
        ):
            batch_op.drop_column(name)
