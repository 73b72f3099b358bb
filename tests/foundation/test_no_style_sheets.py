"""No Qt style sheet anywhere (issue 16): colours go through palettes, emphasis through fonts.

The first ``setStyleSheet`` in a process brings in Qt's style-sheet style, which parses
the sheet and keeps a rule cache per widget under it: ~0.3 MB of the start-up's memory
for seven coloured labels, and slower painting of everything below them.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pht_desktop"


def test_no_module_sets_a_style_sheet() -> None:
    calls = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "setStyleSheet"
    ]
    assert calls == []
