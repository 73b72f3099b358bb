"""Writes ``resources/sounds/chime.wav``: the app's one sound (a soft 0.18 s tone).

Made here rather than taken from elsewhere so its licence is the project's own. A sine
at 880 Hz with a quick rise and a longer fall (no click), 22,050 Hz mono 16-bit, about
8 KB. Run it again only to change the sound: ``python docs/tools/chime.py``.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
SECONDS = 0.18
PITCH_HZ = 880.0
PEAK = 0.45  # of full scale: audible without startling someone in pain at a desk
RISE_S = 0.008

TARGET = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "chime.wav"


def samples() -> list[int]:
    count = round(RATE * SECONDS)
    out: list[int] = []
    for i in range(count):
        t = i / RATE
        envelope = min(1.0, t / RISE_S) * (1.0 - i / count) ** 2
        out.append(round(32767 * PEAK * envelope * math.sin(2 * math.pi * PITCH_HZ * t)))
    return out


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    data = samples()
    with wave.open(str(TARGET), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(data)}h", *data))
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
