"""PySide's hook on every import statement, switched off (start-up time and memory).

Once PySide6 is loaded it replaces ``builtins.__import__`` so that
``from __feature__ import snake_case`` can switch its API module by module
(PYSIDE-2029). Every later import statement then runs two Python-level calls, and each
newly imported module is searched for the text "PySide6" (through ``inspect.getsource``,
which keeps the module's every line in ``linecache``). By the time the app is ready that
is ~6,500 import statements and ~500 searched modules: ~90 million instructions, 3 % of
the whole start.

The app asks for no ``__feature__`` (a test holds every module to that), and PySide reads
a module it has not searched as "no feature". When no feature is asked for, the hook
hands each import to ``builtins.__orig_import__`` (Python's import behind PySide's own
lazy-class shim): calling that directly does the same work without the toll.
"""

from __future__ import annotations

import builtins


def switch_off_feature_hook() -> bool:
    """Import through ``__orig_import__``; True when PySide's hook was in place and is not.

    Call it right after the first PySide6 import. When PySide has not hooked the import
    (another PySide, or someone else has wrapped it since), it is left as it is.
    """
    hook = getattr(builtins, "__feature_import__", None)
    original = getattr(builtins, "__orig_import__", None)
    if hook is None or original is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = original
    return True
