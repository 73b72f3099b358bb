"""The command line: a plain start is parsed without the subcommands' parsers (issue 16).

Opening the app is the commonest command line; building every subcommand's parser for
it cost ~0.4 MB of start-up memory. These tests pin that the light parse and the full
parser agree on every GUI start, and that anything else still reaches the full parser.
"""

from __future__ import annotations

import pytest

from pht_desktop.__main__ import build_parser, gui_arguments, main
from tests.python_run import run_offscreen

GUI_STARTS = [
    [],
    ["--smoke"],
    ["--autostart"],
    ["--data-dir", "/tmp/pht"],
    ["--data-dir=/tmp/pht", "--smoke"],
    ["--smoke", "--data-dir", "/tmp/pht", "--autostart"],
]


@pytest.mark.parametrize("argv", GUI_STARTS)
def test_a_plain_start_parses_as_the_full_parser_would(argv: list[str]) -> None:
    light = gui_arguments(argv)
    assert light is not None
    full = build_parser().parse_args(argv)
    assert vars(light) == vars(full)


@pytest.mark.parametrize(
    "argv",
    [
        ["run"],
        ["demo", "--data-dir", "/tmp/pht"],
        ["--data-dir", "/tmp/pht", "export", "x.zip"],
        ["-h"],
        ["--help"],
        ["--data-dir"],  # a missing value: the full parser says so
        ["--no-such-option"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert gui_arguments(argv) is None


def test_a_bad_command_line_is_refused_by_the_full_parser_with_its_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "usage: pht-desktop" in error
    assert "--data-dir: expected one argument" in error


def test_help_still_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for command in ("demo", "export", "report"):
        assert command in shown


def test_a_plain_start_never_imports_the_subcommands() -> None:
    probe = (
        "import sys; from pht_desktop.__main__ import gui_arguments; "
        "args = gui_arguments(['--smoke', '--data-dir', 'x']); "
        "print(args.smoke, args.data_dir, args.command, 'pht_desktop.cli' in sys.modules)"
    )
    done = run_offscreen(probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "x", "None", "False"]
