"""Chart data for the Progress pane (issue 6)."""

from __future__ import annotations

from pht_desktop.services.base import ServiceBase


class ProgressService(ServiceBase):
    """Filled in by the charts work (issue 6)."""
