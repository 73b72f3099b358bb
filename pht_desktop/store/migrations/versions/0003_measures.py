"""outcome measures

Adds the ``measures`` table (issue 15): sitting tolerance, single-leg bridge and VISA-H
entries, each with its date. Pain-free running is computed from runs, so it adds no
column. A partial unique index keeps one live entry per kind and date while a
soft-deleted one (kept for undo) may share it. No existing table is touched.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("reached_cap", sa.Boolean(), nullable=False),
        sa.Column("left_reps", sa.Integer(), nullable=True),
        sa.Column("right_reps", sa.Integer(), nullable=True),
        sa.Column("painful_side", sa.String(length=8), nullable=True),
        sa.Column("tempo_s", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('sitting_tolerance', 'bridge', 'visa_h')", name="ck_measure_kind"
        ),
        sa.CheckConstraint("value IS NULL OR value BETWEEN 0 AND 100", name="ck_measure_value"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measures_taken_on"), ["taken_on"], unique=False)
        batch_op.create_index(
            "ux_measures_live_kind_day",
            ["kind", "taken_on"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_index("ux_measures_live_kind_day")
        batch_op.drop_index(batch_op.f("ix_measures_taken_on"))
    op.drop_table("measures")
