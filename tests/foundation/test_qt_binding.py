"""Guards against a Qt binding that breaks the interpreter (see pyproject's pin).

PySide6 6.12.0 returns ``Signal.emit()``'s ``True`` without a new reference: every
emit from Python lowers True's reference count by one until the interpreter aborts
("bool_dealloc"). The app emits signals all day, so such a binding must never ship.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    with_value = Signal(int)


def test_emitting_signals_does_not_leak_references_to_true() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.plain.connect(lambda: received.append(0))
    emitter.with_value.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(200):
        emitter.plain.emit()
        emitter.with_value.emit(value)
    assert len(received) == 400
    assert sys.getrefcount(True) >= before - 5
