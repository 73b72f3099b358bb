"""Row helpers shared by the repositories."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.orm import Session


def delete_newest(session: Session, table: Table, *criteria: ColumnElement[bool]) -> bool:
    """Delete the newest row of ``table`` matching ``criteria`` (an undo of the change just
    recorded, so an older identical change stays); False when none matches."""
    newest = session.scalar(
        select(table.c.id).where(*criteria).order_by(table.c.id.desc()).limit(1)
    )
    if newest is None:
        return False
    session.execute(delete(table).where(table.c.id == newest))
    return True
