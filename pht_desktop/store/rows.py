"""Row helpers shared by the repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Table, delete, select, update
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert, Update


def inserted_id(session: Session, statement: Insert) -> int:
    """Run an INSERT and return the new row's id."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def rows_changed(session: Session, statement: Update) -> int:
    """Run an UPDATE and return how many rows it matched."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def update_one(session: Session, table: Table, row_id: int, **values: Any) -> None:
    """Change one row's columns; NoResultFound when ``table`` has no row ``row_id``."""
    if rows_changed(session, update(table).where(table.c.id == row_id).values(**values)) != 1:
        raise NoResultFound(f"no row {row_id} in {table.name}")


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
