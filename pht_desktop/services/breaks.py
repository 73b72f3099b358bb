"""Sitting-break use cases (R1): ticks the scheduler, records bouts, prompts, stands."""

from __future__ import annotations

from pht_desktop.services.base import ServiceBase


class BreakService(ServiceBase):
    """Filled in by the sitting-breaks work (issue 3)."""
