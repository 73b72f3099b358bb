"""Typed access to key/value settings; each key's meaning is validated in domain."""

from __future__ import annotations

from typing import Any

from pht_desktop.services.base import ServiceBase
from pht_desktop.store import settings_repo


class SettingsService(ServiceBase):
    def get(self, key: str, default: Any = None) -> Any:
        with self._read() as session:
            value = settings_repo.load_setting(session, key)
        return default if value is None else value

    def set(self, key: str, value: Any) -> None:
        with self._write() as session:
            settings_repo.save_setting(session, key, value)
        self.changed.emit()

    def set_many(self, values: dict[str, Any]) -> None:
        """Several keys in one transaction (a settings form saves whole)."""
        with self._write() as session:
            for key, value in values.items():
                settings_repo.save_setting(session, key, value)
        self.changed.emit()
