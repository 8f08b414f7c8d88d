"""NO_COLOR in a real terminal: the installed `wirereader` sends no colour, yet marks highlights."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import (
    COMMAND,
    SEED_TITLE,
    Terminal,
    _list_titles,
    pytestmark,
    terminal_env,
)

__all__ = ["pytestmark"]

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
# SGR parameters that set a colour: 30-38 and 40-48 (38/48: 256-colour and truecolor),
# 90-97 and 100-107 (bright); 39 and 49 only restore the terminal's own colours.
_COLOUR = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def _colour_codes(screen: str) -> list[str]:
    """Every SGR sequence on the screen that sets a foreground or background colour."""
    return [
        match[0]
        for match in _SGR.finditer(screen)
        if any(p.isdigit() and int(p) in _COLOUR for p in re.split("[;:]", match[1]))
    ]


def _styled(screen: str, text: str, attribute: int) -> bool:
    """True when `text` is drawn with SGR `attribute` (1 bold, 4 underline, 7 reverse) in force.

    Walks the sequences on `text`'s line up to where it starts, as a terminal would.
    """
    for line in screen.splitlines():
        where = line.find(text)
        if where < 0:
            continue
        active: set[int] = set()
        for match in _SGR.finditer(line[:where]):
            params = [int(p) if p else 0 for p in match[1].split(";")]
            for param in params:
                if param == 0:
                    active.clear()
                elif param in (22, 24, 27):  # normal intensity / no underline / no reverse
                    active.discard({22: 1, 24: 4, 27: 7}[param])
                else:
                    active.add(param)
        if attribute in active:
            return True
    return False


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(terminal_env(tmp_path, NO_COLOR="1"))
    yield term
    term.kill()


def test_no_color_sends_no_colour_but_marks_highlights(terminal: Terminal) -> None:
    terminal.start(str(COMMAND))
    terminal.wait_for("Starred")
    titles = _list_titles(terminal.env["WIREREADER_DB"])
    screen = terminal.wait_for(titles[0][:40], escapes=True)
    assert _colour_codes(screen) == [], "colour codes on the first screen"
    assert _styled(screen, titles[0][:40], 7), "the list cursor is not shown in reverse"
    terminal.keys("BTab")  # the feed pane: its selected view is underlined
    deadline = time.monotonic() + 10
    while not _styled(terminal.screen(escapes=True), "All", 4):
        assert time.monotonic() < deadline, "the feed pane's selection is not marked"
        time.sleep(0.1)
    terminal.keys("Tab")
    position = next(i for i, title in enumerate(titles) if title.startswith(SEED_TITLE))
    terminal.keys("g", *["j"] * position)
    terminal.wait_for(SEED_TITLE[:40])
    terminal.keys("Enter")
    screen = terminal.wait_for("Vladimir Putin", escapes=True)
    assert _colour_codes(screen) == []
    assert _styled(screen, "Vladimir Putin", 1), "a name is not marked (bold) without colour"
    terminal.keys("q")
    terminal.wait_for_exit()
