"""Row helpers shared by the repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session


def delete_newest(session: Session, model: Any, *criteria: ColumnElement[bool]) -> bool:
    """Delete the newest row of ``model`` matching ``criteria`` (an undo of the change just
    recorded, so an older identical change stays); False when none matches."""
    row = session.scalars(select(model).where(*criteria).order_by(model.id.desc()).limit(1)).first()
    if row is None:
        return False
    session.delete(row)
    return True
