"""What every service shares: a session factory, the clock, a ``changed`` signal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.verdicts import local_date


class ServiceBase(QObject):
    """Base for services: one transaction per use case, then ``changed``."""

    changed = Signal()

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = sessions
        self._clock = clock

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write commits whole or not at all."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        return self._clock.now().date()

    def local_day(self, moment: datetime) -> date:
        """The calendar day of ``moment`` in the clock's time zone, the same one
        ``today()`` uses, so a load day and "today" never disagree (R3.2)."""
        return local_date(moment, self._clock.now().tzinfo)
