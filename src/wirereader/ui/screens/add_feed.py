"""The add-feed dialog: a URL (and optional tags), checked by fetching it before it is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, LoadingIndicator, Static

from wirereader.models import Feed
from wirereader.ui.screens.feed_dialog import FeedDialog

Subscribe = Callable[[str, Sequence[str]], Feed]


class AddFeedScreen(FeedDialog):
    """Ask for a feed URL, subscribe in a worker, and report the feed's title or the error."""

    STATUS_ID = "add-status"

    def __init__(self, subscribe: Subscribe) -> None:
        super().__init__()
        self._subscribe = subscribe

    def compose(self) -> ComposeResult:
        with Vertical(id="add-feed"):
            yield Static(Text("Add a feed", style="bold"))
            yield Input(placeholder="https://example.org/feed.xml or a web page", id="url")
            yield Input(placeholder="tags, comma separated (optional)", id="tags")
            yield LoadingIndicator(id="adding")
            yield Static("", id="add-status")
            with Horizontal(id="add-buttons"):
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#adding").display = False
        self.query_one("#url", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def _submit(self) -> None:
        url = self.query_one("#url", Input).value.strip()
        if not url:
            self.show_status("Type the address of a feed or of a web page that links to one.")
            return
        tags = [t.strip() for t in self.query_one("#tags", Input).value.split(",") if t.strip()]
        self.query_one("#adding").display = True
        self.show_status("Fetching…")
        self.run_save(partial(self._subscribe, url, tags))

    def save_failed(self, reason: str) -> None:
        self.query_one("#adding").display = False
        super().save_failed(reason)
