"""NO_COLOR in the CLI's Rich output (ui/terminal.py): styles stay, colours go."""

from __future__ import annotations

import re

import pytest

from wirereader.ui.terminal import print_rows, progress

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _draw() -> None:
    with progress("refreshing", 2) as advance:
        advance()
    print_rows(["id", "title"], [["1", "Budget"]])


def _codes(out: str) -> set[str]:
    return {param for match in _SGR.finditer(out) for param in match[1].split(";")}


@pytest.mark.parametrize("no_color", [False, True])
def test_colours_follow_no_color(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_color: bool
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, as far as Rich can tell
    monkeypatch.setenv("COLORTERM", "truecolor")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    _draw()
    codes = _codes(capsys.readouterr().out)
    assert "1" in codes  # the table header stays bold either way
    colours = {c for c in codes if c.isdigit() and (30 <= int(c) <= 48 or 90 <= int(c) <= 107)}
    assert bool(colours) != no_color, colours
