"""The frame of the dialogs that save a feed: run the save in a worker, then close or explain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wirereader.content.sanitize import clean_line
from wirereader.models import Feed


class FeedDialog(ModalScreen[Feed | None]):
    """A modal that dismisses with the saved feed, or stays open showing why saving failed.

    Subclasses compose a `Static` with the id STATUS_ID and a `#cancel` button.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    STATUS_ID = "status"

    @dataclass
    class _Failed(Message):
        reason: str

    @dataclass
    class _Saved(Message):
        feed: Feed

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_save(self, save: Callable[[], Feed]) -> None:
        """Call `save` off the UI thread; network and storage work happen there."""
        try:
            self.post_message(self._Saved(save()))
        except Exception as exc:  # any failure, network or storage, is shown in the dialog
            self.post_message(self._Failed(clean_line(str(exc)) or type(exc).__name__))

    @on(_Saved)
    def _saved(self, message: _Saved) -> None:
        self.dismiss(message.feed)

    @on(_Failed)
    def _failed(self, message: _Failed) -> None:
        self.save_failed(message.reason)

    def save_failed(self, reason: str) -> None:
        """Show why saving failed; the dialog stays open to try again."""
        self.show_status(reason, error=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_status(self, text: str, *, error: bool = False) -> None:
        style = "bold red" if error else "dim"
        self.query_one(f"#{self.STATUS_ID}", Static).update(Text(text, style=style))
