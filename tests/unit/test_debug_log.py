"""`--debug`: a log file in the user log directory, and none without the flag."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirereader.cli import main
from wirereader.logging_setup import LOG_NAME, MAX_BYTES
from wirereader.storage import Storage

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><guid>1</guid><title>One</title><description>Hello</description></item>
</channel></rss>"""


@pytest.fixture
def log_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """platformdirs puts the log directory under $XDG_STATE_HOME; handlers are removed after."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    logger = logging.getLogger("wirereader")
    before = list(logger.handlers)
    yield tmp_path / "state" / "wirereader" / "log"
    for handler in logger.handlers[len(before) :]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.NOTSET)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    feed = tmp_path / "local.xml"
    feed.write_bytes(RSS)
    path = tmp_path / "wire.sqlite"
    with Storage(path) as storage:
        storage.add_feed(feed.as_uri(), "Local")
    return path


def test_debug_writes_a_log_and_says_where(
    log_home: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--debug", "--db", str(db), "refresh"]) == 0
    log = log_home / LOG_NAME
    assert f"debug log in {log}" in capsys.readouterr().err
    text = log.read_text(encoding="utf-8")
    assert "INFO wirereader.cli" in text and "refresh" in text
    assert "local.xml: updated, 1 new, 0 updated" in text


def test_debug_after_the_subcommand_too(log_home: Path, db: Path) -> None:
    assert main(["refresh", "--db", str(db), "--debug"]) == 0
    assert (log_home / LOG_NAME).stat().st_size > 0


def test_the_log_is_capped(log_home: Path, db: Path) -> None:
    assert main(["--debug", "--db", str(db), "feeds"]) == 0
    logger = logging.getLogger("wirereader.test")
    for _ in range(3 * MAX_BYTES // 1000):
        logger.debug("x" * 1000)
    files = sorted(log_home.iterdir())
    assert len(files) == 3  # the current file and two older ones
    assert all(f.stat().st_size <= MAX_BYTES for f in files)


def test_no_log_without_debug(log_home: Path, db: Path) -> None:
    assert main(["--db", str(db), "refresh"]) == 0
    assert not log_home.exists()


def test_an_unwritable_log_directory_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    assert main(["--debug", "feeds"]) == 2
    assert capsys.readouterr().err.startswith("wirereader: ")
