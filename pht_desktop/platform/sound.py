"""The app's chime through the desktop's own sound player.

``QApplication.beep()`` rings the X11 bell, which nearly every Linux desktop has turned
off, and the PySide6 wheel carries no QtMultimedia: the hold timer, the tempo counter of
the bridge test and the stand prompt were silent there. So the short WAV in
``resources/sounds/`` is played by the player the desktop already has — PipeWire's
``pw-play``, PulseAudio's ``paplay``, ALSA's ``aplay``; ``afplay`` on macOS; ``winsound``
on Windows — as a child process nobody waits on (finished ones are reaped at the next
play). Without any of them, or when the player fails to start, the fallback (Qt's beep)
is used, so a chime is never an error.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

#: Players tried in order on Linux and the BSDs: the sound server first (it mixes with the
#: user's music and respects their volume), raw ALSA last.
UNIX_PLAYERS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))

#: A tempo beep every 1.5 s must never pile up players if the sound server hangs.
MAX_PLAYING = 3


class Child(Protocol):
    def poll(self) -> int | None: ...


Spawn = Callable[[Sequence[str]], Child]


def _spawn(argv: Sequence[str]) -> Child:
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )


def player_command(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> tuple[str, ...] | None:
    """The command that plays a WAV file here (the file goes last), or None."""
    if platform == "darwin":
        candidates: tuple[tuple[str, ...], ...] = (("afplay",),)
    elif platform == "win32":
        return None  # winsound, in-process
    else:
        candidates = UNIX_PLAYERS
    for command in candidates:
        found = which(command[0])
        if found:
            return (found, *command[1:])
    return None


class WavChime:
    """Plays one WAV file without blocking; falls back to ``fallback`` when it cannot."""

    def __init__(
        self,
        wav: Path,
        fallback: Callable[[], None],
        *,
        platform: str = sys.platform,
        which: Callable[[str], str | None] = shutil.which,
        spawn: Spawn = _spawn,
    ) -> None:
        self.wav = wav
        self._fallback = fallback
        self._platform = platform
        self._spawn = spawn
        # Looked up once, on the first play: never on the start-up path.
        self._which = which
        self._command: tuple[str, ...] | None = None
        self._looked_up = False
        self._playing: list[Child] = []

    def play(self) -> None:
        if not self.wav.is_file():
            self._fallback()
        elif self._platform == "win32":
            self._play_windows()
        else:
            self._play_child()

    def _play_windows(self) -> None:  # pragma: no cover - Windows only
        if sys.platform == "win32":  # (so the type checker reads winsound on Windows only)
            import winsound

            try:
                flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
                winsound.PlaySound(str(self.wav), flags)
            except RuntimeError:
                self._fallback()

    def _play_child(self) -> None:
        if not self._looked_up:
            self._command = player_command(self._platform, self._which)
            self._looked_up = True
        if self._command is None:
            self._fallback()
            return
        self._playing = [child for child in self._playing if child.poll() is None]
        if len(self._playing) >= MAX_PLAYING:
            return  # the player is stuck: skip this chime rather than pile up processes
        try:
            self._playing.append(self._spawn([*self._command, str(self.wav)]))
        except OSError:
            self._command = None  # this player cannot start here: Qt's beep from now on
            self._fallback()
