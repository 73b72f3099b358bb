"""What every service shares: a session factory, the clock, a ``changed`` signal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo

import sqlalchemy.exc
from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock, local_date
from pht_desktop.domain.errors import ValidationError
from pht_desktop.store.db import is_disk_full, is_read_only

READ_ONLY_MESSAGE = "Read-only: changes cannot be saved"
DISK_FULL_MESSAGE = "The disk is full: this was not saved. Free some space, then try again."


class ReadOnlyError(ValidationError):
    """A write to a database the user made read-only: said plainly, never attempted."""

    def __init__(self) -> None:
        super().__init__("database", READ_ONLY_MESSAGE)


class DiskFullError(ValidationError):
    """A write SQLite could not make for want of space: rolled back whole, said in words
    where the form shows its errors (the entry stays typed in, ready to save again)."""

    def __init__(self) -> None:
        super().__init__("database", DISK_FULL_MESSAGE)


class ServiceBase(QObject):
    """Base for services: one transaction per use case, then ``changed``."""

    changed = Signal()

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = sessions
        self._clock = clock

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write commits whole or not at all (refused up front when read-only)."""
        if self.read_only:
            raise ReadOnlyError()
        try:
            with self._sessions.begin() as session:
                yield session
        except sqlalchemy.exc.OperationalError as error:
            if is_disk_full(error):
                raise DiskFullError() from error
            raise

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @property
    def read_only(self) -> bool:
        bind = self._sessions.kw.get("bind")
        return bind is not None and is_read_only(bind)

    def now(self) -> datetime:
        return self._clock.now()

    def zone(self) -> tzinfo:
        """The clock's local zone (an IANA ``ZoneInfo`` when the platform names one)."""
        return self._clock.zone()

    def today(self) -> date:
        return self._clock.now().date()

    def local_day(self, moment: datetime) -> date:
        """The calendar day of ``moment`` by the clock zone's rules at *that* instant, the
        zone ``today()`` uses, so a load day and "today" never disagree (R3.2): a July
        00:30 stays on its July date when logged in December."""
        return local_date(moment, self._clock.zone())

    def edited_day(self, stored_at: datetime, stored_day: date, moment: datetime) -> date:
        """The day of an edited entry: its stored day while its time (to the minute) is
        unchanged, so an edit after travel or a zone change never moves a lived day;
        a new time is placed by :meth:`local_day`."""
        if _to_minute(stored_at) == _to_minute(moment):
            return stored_day
        return self.local_day(moment)


def _to_minute(moment: datetime) -> datetime:
    """The instant in UTC without seconds (forms edit times to the minute)."""
    return moment.astimezone(UTC).replace(second=0, microsecond=0)
