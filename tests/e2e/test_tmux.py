"""Drive the installed `wirereader` command in a real terminal (tmux), as a new user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirereader.models import ArticleFilter
from wirereader.storage import Storage

SEED_TITLE = "China and Russia plan to boost scientific cooperation"
PERSON_COLOUR = "38;2;230;159;0"  # the PERSON highlight, #E69F00, in truecolor SGR
COMMAND = Path(sys.executable).with_name("wirereader")

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not COMMAND.exists(),
    reason="needs tmux and the installed wirereader command",
)


class Terminal:
    """One tmux session on a private server socket running one command."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"wirereader-e2e-{uuid.uuid4().hex[:8]}"
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start(self, command: str) -> None:
        exports = " ".join(f"{k}={v}" for k, v in self.env.items())
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "160",
            "-y",
            "48",
            f"env -i {exports} {command}",
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)

    def screen(self, *, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main", *(["-e"] if escapes else []))

    def wait_for(self, text: str, timeout: float = 30.0, *, escapes: bool = False) -> str:
        """Poll the screen until `text` shows up; fail with the last screen if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(escapes=escapes)
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                size = self.tmux("display", "-p", "-t", "main", "#{window_width}x#{window_height}")
                raise AssertionError(
                    f"{text!r} never appeared on the {size.strip()} screen:\n{screen}"
                )
            time.sleep(0.1)

    def wait_for_exit(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if subprocess.run(
                ["tmux", "-L", self.socket, "has-session"], capture_output=True
            ).returncode:
                return
            time.sleep(0.1)
        raise AssertionError("wirereader did not quit")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def terminal_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A truecolor terminal's environment with a private home and database under `tmp_path`."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "WIREREADER_DB": str(tmp_path / "e2e.sqlite"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PATH": os.environ.get("PATH", ""),
        **extra,
    }


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(terminal_env(tmp_path))
    yield term
    term.kill()


def _list_titles(db: str) -> list[str]:
    with Storage(db) as storage:
        return [row.title for row in storage.list_articles(ArticleFilter(), 0, 10_000)]


def test_read_star_quit_relaunch(terminal: Terminal) -> None:
    terminal.start(str(COMMAND))
    terminal.wait_for("Starred")
    terminal.wait_for("Tech news")
    titles = _list_titles(terminal.env["WIREREADER_DB"])
    terminal.wait_for(titles[0][:40])  # keys sent before the list has rows would be lost
    position = next(i for i, title in enumerate(titles) if title.startswith(SEED_TITLE))
    terminal.keys("g", *["j"] * position)
    terminal.wait_for(SEED_TITLE[:40])
    terminal.keys("Enter")
    screen = terminal.wait_for("Vladimir Putin", escapes=True)
    sgr_then_name = r"\x1b\[[0-9;]*" + re.escape(PERSON_COLOUR) + r"[0-9;]*mVladimir Putin"
    highlighted = re.search(sgr_then_name, screen)
    assert highlighted, "Vladimir Putin is not highlighted as a person"
    terminal.keys("s")
    star_row = re.compile(r"★ +" + re.escape(SEED_TITLE[:30]))
    deadline = time.monotonic() + 10
    while not star_row.search(terminal.screen()):
        assert time.monotonic() < deadline, terminal.screen()
        time.sleep(0.1)
    terminal.keys("q")
    terminal.wait_for_exit()

    terminal.start(str(COMMAND))
    terminal.wait_for("Starred")
    terminal.keys("BTab", "j", "j")
    screen = terminal.wait_for(SEED_TITLE[:40])
    assert star_row.search(screen), screen
    terminal.keys("q")
    terminal.wait_for_exit()
