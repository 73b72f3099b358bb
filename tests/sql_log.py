"""The SQL an engine ran, for tests that bound how much a step reads or writes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event

_SELECT_FROM = re.compile(r"\s*SELECT\b.*?\bFROM\s+[\"`]?(\w+)", re.IGNORECASE | re.DOTALL)


@contextmanager
def recorded_statements(
    engine: Engine | type[Engine], database: Path | None = None
) -> Iterator[list[str]]:
    """Every statement ``engine`` sends to SQLite inside the ``with`` (text only).

    ``Engine`` itself records every engine's, those built inside the ``with`` too (the
    app opens its own); ``database`` keeps only those on that file (an earlier test's
    timers may still read theirs)."""
    seen: list[str] = []

    def record(conn: Connection, _cursor: Any, statement: str, *_rest: Any) -> None:
        if database is None or conn.engine.url.database == str(database):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def selects_by_table(statements: Iterable[str]) -> dict[str, int]:
    """How many SELECTs read each table, named by the statement's first FROM."""
    found = (_SELECT_FROM.match(s) for s in statements)
    return dict(Counter(m.group(1) for m in found if m is not None))
