"""Settings by their declaration (``domain.setting_specs``): typed, defaulted, validated."""

from __future__ import annotations

from typing import Any, TypeVar

from pht_desktop.domain import setting_specs
from pht_desktop.domain.setting_specs import SettingSpec
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import settings_repo

T = TypeVar("T")


class SettingsService(ServiceBase):
    """Reads give the declared type (the default when unset or damaged); writes are
    checked by the setting's spec first, so a bad value changes nothing."""

    def value(self, spec: SettingSpec[T]) -> T:
        with self._read() as session:
            return settings_repo.read(session, spec)

    def set_value(self, spec: SettingSpec[T], raw: object) -> T:
        clean = spec.parse(raw)
        with self._write() as session:
            settings_repo.write(session, spec, clean)
        self.changed.emit()
        return clean

    def get(self, key: str) -> Any:
        """The value of the declared setting ``key`` (unknown keys: ValidationError)."""
        return self.value(setting_specs.spec(key))

    def set(self, key: str, value: object) -> None:
        """Validate and store one declared setting."""
        self.set_value(setting_specs.spec(key), value)

    def set_many(self, values: dict[str, Any]) -> None:
        """Several keys in one transaction (a settings form saves whole); all are checked
        before anything is written."""
        clean = {key: setting_specs.parse(key, raw) for key, raw in values.items()}
        with self._write() as session:
            for key, value in clean.items():
                settings_repo.write(session, setting_specs.spec(key), value)
        self.changed.emit()
