"""A second instance asks the first to show itself instead of opening the database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pht_desktop.platform.single_instance import SingleInstance, server_name


def test_second_instance_brings_the_first_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "data")
    second = SingleInstance(tmp_path / "data")
    try:
        assert first.acquire()
        assert first.is_primary
        with qtbot.waitSignal(first.show_requested, timeout=3000):
            assert not second.acquire()
        assert not second.is_primary
    finally:
        first.release()
        second.release()


def test_after_release_the_next_start_is_first(tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    first.release()
    again = SingleInstance(tmp_path)
    try:
        assert again.acquire()
    finally:
        again.release()


def test_names_differ_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
