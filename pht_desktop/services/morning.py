"""Morning pain, baseline, test changes and verdicts (R3)."""

from __future__ import annotations

from pht_desktop.services.base import ServiceBase


class MorningService(ServiceBase):
    """Filled in by the morning-pain work (issue 5)."""
