"""PySide's look at every newly imported module, made cheap (start-up time and memory).

Once PySide6 is loaded it hooks every later import and asks whether the new module's
source mentions "PySide6", so that ``from __feature__ import snake_case`` can be switched
per module (PYSIDE-2029). It asks through ``inspect.getsource``, which tokenizes the file
and keeps every line of every module in ``linecache`` for the life of the process: with
the app's ~500 modules that was 22 MB of the start-up's memory and a tenth of a second.
Reading the file's bytes answers the same question and keeps nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

#: The PySide module holding the hook (shiboken's embedded support package).
FEATURE_MODULE = "shibokensupport.feature"


def uses_pyside_cheaply(
    original: Callable[[ModuleType], bool],
) -> Callable[[ModuleType], bool]:
    """PySide's question answered from the source file's bytes (``original`` otherwise)."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built-in, extension or bytecode-only: no text read
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # what PySide answers for a module whose source cannot be read

    uses_pyside.cheap = True  # type: ignore[attr-defined]
    return uses_pyside


def make_feature_scan_cheap() -> bool:
    """Swap PySide's scan for :func:`uses_pyside_cheaply`; False when PySide has none.

    Call it right after the first PySide6 import: modules imported before are not
    scanned by PySide at all. A PySide without this hook is left as it is.
    """
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if not getattr(original, "cheap", False):
        feature._mod_uses_pyside = uses_pyside_cheaply(original)  # type: ignore[attr-defined]
    return True
