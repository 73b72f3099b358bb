"""Headless subcommands (demo, chart, export, ...): each registers itself here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

AddCommon = Callable[[argparse.ArgumentParser], None]


def register_commands(sub: Any, add_common: AddCommon) -> None:
    """Subcommands are added by the features that own them (imports stay light)."""
    from pht_desktop import cli_data

    cli_data.register(sub, add_common)
