"""The user's fast margin for imported runs (R2.4): its default and its range.

Declared apart from the flags (``domain/run_flags.py``, which applies it) because the
setting's declaration (``setting_specs.RUN_FAST_MARGIN``) is read at every start, and
the flags need the whole run-file reading behind them.
"""

from __future__ import annotations

from typing import Final

FAST_MARGIN_PCT_DEFAULT: Final = 15
"""Running 15 % quicker than easy pace is tempo or faster (easy 6:00 /km → 5:06 /km);
everyday pace drift from wind and mood stays within ±5–10 %."""
FAST_MARGIN_PCT_RANGE: Final = (5, 50)
