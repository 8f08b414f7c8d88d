"""Fixtures for Pilot tests: an app on a fresh temporary database, and a way to let it settle."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from wirereader.service import Service
from wirereader.ui.app import WireReaderApp


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wirereader.sqlite"


@pytest.fixture
def app(db_path: Path) -> Iterator[WireReaderApp]:
    service = Service.open(db_path)
    yield WireReaderApp(service)
    service.close()


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and every message they posted has been handled.

    Handlers start new workers (counts after a flag change, pages after a count), so this
    loops until a pass finds nothing left to do.
    """
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause()
            if not any(w.is_running for w in pilot.app.workers):
                return
    raise AssertionError("the app did not settle")


def shown_text(app: App[None], selector: str = "Static") -> str:
    """The plain text of every matching Static on the current screen, as a terminal shows it."""
    console = Console(file=io.StringIO(), width=200, color_system=None)
    for static in app.screen.query(selector).results(Static):
        if static.display:
            console.print(static.content)
    return console.file.getvalue()  # type: ignore[attr-defined]
