"""The add-feed dialog: a URL (and optional tags), checked by fetching it before it is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, LoadingIndicator, Static

from wirereader.content.sanitize import clean_line
from wirereader.models import Feed

Subscribe = Callable[[str, Sequence[str]], Feed]


class AddFeedScreen(ModalScreen[Feed | None]):
    """Ask for a feed URL, subscribe in a worker, and report the feed's title or the error."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    @dataclass
    class _Failed(Message):
        reason: str

    @dataclass
    class _Added(Message):
        feed: Feed

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
            self._show_status("Type the address of a feed or of a web page that links to one.")
            return
        tags = [t.strip() for t in self.query_one("#tags", Input).value.split(",") if t.strip()]
        self.query_one("#adding").display = True
        self._show_status("Fetching…")
        self._add(url, tags)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _add(self, url: str, tags: list[str]) -> None:
        try:
            self.post_message(self._Added(self._subscribe(url, tags)))
        except Exception as exc:  # any failure, network or storage, is shown in the dialog
            self.post_message(self._Failed(clean_line(str(exc)) or type(exc).__name__))

    @on(_Added)
    def _added(self, message: _Added) -> None:
        self.dismiss(message.feed)

    @on(_Failed)
    def _failed(self, message: _Failed) -> None:
        self.query_one("#adding").display = False
        self._show_status(message.reason, error=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        style = "bold red" if error else "dim"
        self.query_one("#add-status", Static).update(Text(text, style=style))
