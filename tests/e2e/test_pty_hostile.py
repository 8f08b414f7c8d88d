"""The real `wirereader` command in a pseudo-terminal, on a feed whose every field is hostile:
none of the feed's escape sequences ever appears in the bytes the app writes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.functional.test_hostile import CLICK, store_hostile_feed
from wirereader.storage import Storage

# The feed's sequences: a clipboard write, a screen clear (Textual itself never sends one),
# the right-to-left override and 8-bit CSI/OSC, all as UTF-8.
FORBIDDEN = (
    b"\x1b]52",
    b"52;c;aGVsbG8",
    b"\x1b[2J",
    "\u202e".encode(),
    "\x9b".encode(),
    "\x9d".encode(),
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


class Pty:
    """One command on a 160x48 pseudo-terminal, with everything it wrote kept."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
        self.master = master
        self.output = b""
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)

    def read_until(self, text: bytes, timeout: float = 30.0) -> None:
        """Read the command's output until `text` has appeared in it."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never appeared: {self.output[-2000:]!r}"
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the command exited and closed the terminal
                    return

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def finish(self) -> int:
        """Drain the output until the command exits; its exit status."""
        deadline = time.monotonic() + 15
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        os.close(self.master)
        return self.process.wait(timeout=15)


def test_no_feed_escape_reaches_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "hostile.sqlite"
    with Storage(db) as storage:
        store_hostile_feed(storage)
    env = {
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    terminal = Pty([sys.executable, "-m", "wirereader", "--db", str(db)], env)
    try:
        terminal.read_until(CLICK.encode())  # the article list shows the title
        terminal.send(b"\r")  # open it
        terminal.read_until(b"https://ok.example/")  # the article and its link references
        terminal.send(b"o")  # its file: link must not open
        terminal.read_until(b"Not opened")
        terminal.send(b"q")
        assert terminal.finish() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    for sequence in FORBIDDEN:
        assert sequence not in terminal.output, sequence
