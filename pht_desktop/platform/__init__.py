"""Operating-system adapters: idle time, sleep/resume, notifications, full screen, autostart.

Each concern has one small interface, one module per OS or desktop, and a fallback that
works everywhere (it answers "unknown" or does nothing) so the app runs on any machine,
including a bare Linux box with no display and no D-Bus. This package may import PySide6,
``pht_desktop.domain`` and ``pht_desktop.services``, never ``pht_desktop.store``.
"""
