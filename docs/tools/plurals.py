"""Refresh the English plural forms: resources/translations/pht-desktop_en.ts and .qm.

Usage: .venv/bin/python docs/tools/plurals.py

1. ``pyside6-lupdate -pluralonly`` collects every ``self.tr("%n …(s)…", "", n)`` text of
   ``pht_desktop/ui`` into the English catalogue (kept translations stay as they are);
2. a new text written the usual way, with "(s)", gets its two English forms filled in
   ("%n day(s)" → "%n day" / "%n days"); any other new text is left for a person to fill
   (the script says which) — Qt Linguist opens the .ts;
3. ``pyside6-lrelease`` compiles the .qm that the app loads at start.

``tests/desktop/test_plurals.py`` fails when the .ts is behind the code or the .qm is
behind the .ts.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "pht-desktop_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
UNFILLED = re.compile(
    r"<source>(?P<source>[^<]*)</source>\s*<translation type=\"unfinished\">\s*"
    r"<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>"
)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pht_desktop" / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    command = [str(BIN / "pyside6-lupdate"), "-pluralonly", "-locations", "none"]
    command += ["-target-language", "en", "-no-obsolete", *sources(), "-ts", str(ts)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    command = [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def fill(text: str) -> tuple[str, list[str]]:
    """The "(s)" texts' English forms filled in; the others returned to fill by hand."""
    left: list[str] = []

    def forms(match: re.Match[str]) -> str:
        source = match["source"]
        if "(s)" not in source:
            left.append(source)
            return match[0]
        one, many = source.replace("(s)", ""), source.replace("(s)", "s")
        return (
            f"<source>{source}</source>\n        <translation>\n"
            f"            <numerusform>{one}</numerusform>\n"
            f"            <numerusform>{many}</numerusform>\n        </translation>"
        )

    return UNFILLED.sub(forms, text), left


def main() -> int:
    lupdate(TS)
    text, left = fill(TS.read_text(encoding="utf-8"))
    TS.write_text(text, encoding="utf-8")
    lrelease(TS, QM)
    for source in left:
        print(f"fill by hand: {source}")
    print(f"wrote {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
