"""The chime is played by the desktop's player, never blocks, and always has a fallback."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from pht_desktop.platform.sound import MAX_PLAYING, WavChime, player_command
from pht_desktop.resources import resource

CHIME = resource("sounds/chime.wav")


def only(*names: str) -> Callable[[str], str | None]:
    """A ``which`` for a machine with just these programs installed."""
    return lambda name: f"/usr/bin/{name}" if name in names else None


@pytest.mark.parametrize(
    ("platform", "installed", "expected"),
    [
        ("linux", ("pw-play", "paplay", "aplay"), ("/usr/bin/pw-play",)),
        ("linux", ("paplay", "aplay"), ("/usr/bin/paplay",)),
        ("linux", ("aplay",), ("/usr/bin/aplay", "-q")),
        ("linux", (), None),
        ("freebsd14", ("aplay",), ("/usr/bin/aplay", "-q")),
        ("darwin", ("afplay", "paplay"), ("/usr/bin/afplay",)),
        ("darwin", (), None),
        ("win32", ("paplay",), None),
    ],
)
def test_player_command_prefers_the_sound_server(
    platform: str, installed: tuple[str, ...], expected: tuple[str, ...] | None
) -> None:
    assert player_command(platform, only(*installed)) == expected


class FakeChild:
    def __init__(self) -> None:
        self.done = False

    def poll(self) -> int | None:
        return 0 if self.done else None


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.started: list[list[str]] = []
        self.children: list[FakeChild] = []
        self.fail = fail
        self.beeps = 0

    def spawn(self, argv: Sequence[str]) -> FakeChild:
        if self.fail:
            raise FileNotFoundError(argv[0])
        self.started.append(list(argv))
        self.children.append(FakeChild())
        return self.children[-1]

    def beep(self) -> None:
        self.beeps += 1


def chime_with(recorder: Recorder, installed: tuple[str, ...], wav: Path = CHIME) -> WavChime:
    return WavChime(
        wav, recorder.beep, platform="linux", which=only(*installed), spawn=recorder.spawn
    )


def test_each_play_starts_the_player_on_the_wav() -> None:
    recorder = Recorder()
    chime = chime_with(recorder, ("paplay",))
    chime.play()
    recorder.children[0].done = True
    chime.play()
    assert recorder.started == [["/usr/bin/paplay", str(CHIME)]] * 2
    assert recorder.beeps == 0


def test_a_stuck_player_is_not_piled_up() -> None:
    recorder = Recorder()
    chime = chime_with(recorder, ("paplay",))
    for _ in range(MAX_PLAYING + 4):
        chime.play()
    assert len(recorder.started) == MAX_PLAYING
    for child in recorder.children:
        child.done = True
    chime.play()  # the finished ones are reaped: it plays again
    assert len(recorder.started) == MAX_PLAYING + 1


def test_no_player_falls_back_to_the_beep() -> None:
    recorder = Recorder()
    chime = chime_with(recorder, ())
    chime.play()
    chime.play()
    assert (recorder.started, recorder.beeps) == ([], 2)


def test_a_player_that_cannot_start_falls_back_for_good() -> None:
    recorder = Recorder(fail=True)
    chime = chime_with(recorder, ("paplay",))
    chime.play()
    recorder.fail = False
    chime.play()
    assert (recorder.started, recorder.beeps) == ([], 2)


def test_a_missing_sound_file_falls_back(tmp_path: Path) -> None:
    recorder = Recorder()
    chime = chime_with(recorder, ("paplay",), wav=tmp_path / "gone.wav")
    chime.play()
    assert (recorder.started, recorder.beeps) == ([], 1)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the player")
def test_the_real_spawn_hands_the_wav_to_the_player(tmp_path: Path) -> None:
    """The real path: a stand-in ``paplay`` on a PATH of its own records its argument."""
    heard = tmp_path / "heard.txt"
    player = tmp_path / "bin" / "paplay"
    player.parent.mkdir()
    player.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{heard}"\n')
    player.chmod(player.stat().st_mode | stat.S_IXUSR)
    chime = WavChime(
        CHIME,
        lambda: pytest.fail("fell back"),
        platform="linux",
        which=lambda name: shutil.which(name, path=str(player.parent)),
    )
    chime.play()
    [child] = chime._playing
    assert isinstance(child, subprocess.Popen)
    assert child.wait(timeout=10) == 0
    assert heard.read_text() == str(CHIME)


def test_the_chime_is_a_short_mono_wav() -> None:
    with wave.open(str(CHIME), "rb") as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
    assert 0.05 <= seconds <= 0.3
    assert os.path.getsize(CHIME) < 20_000
