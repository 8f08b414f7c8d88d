"""The search box over the article list: it posts what was typed once typing pauses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Long enough to skip the queries of a word being typed, short enough to feel immediate.
DEBOUNCE_SECONDS = 0.15


class SearchBar(Input):
    """Type a query; `QueryChanged` follows each pause, `Closed` escape, `Accepted` enter."""

    # What the help screen lists for the search box, syntax included.
    SEARCH_HELP: ClassVar[list[BindingType]] = [
        Binding("slash", "", "Open the search; results follow as you type", id="search"),
        Binding("enter", "", "Go to the results"),
        Binding("escape", "", "Close the search and go back to the view", id="close_search"),
        Binding(
            "ctrl+s", "", "Save the search in the feed pane (d there forgets it)", id="save_search"
        ),
        Binding("words", "", "Articles with every word (title, body, author, feed)"),
        Binding('"a phrase"', "", "The words in this order"),
        Binding("word*", "", "Words starting with it"),
        Binding("-word", "", 'Without the word or -"phrase"'),
        Binding("feed: author:", "", "The word in the feed title or the author"),
        Binding("is:unread", "", "Only unread (or is:read, is:starred)"),
        Binding("after:DATE", "", "On or after that UTC day; before:DATE, before it"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the search", show=False, id="close_search"),
        Binding("ctrl+s", "save", "Save the search", show=False, id="save_search"),
    ]

    @dataclass
    class QueryChanged(Message):
        """The text to search for, after typing paused."""

        text: str

    @dataclass
    class Closed(Message):
        """The user left the search."""

    @dataclass
    class Accepted(Message):
        """The user pressed enter: go to the results."""

    @dataclass
    class SaveRequested(Message):
        """The user asked to keep this search in the feed pane."""

        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder='search: words "a phrase" -not feed: author: is:unread', id=id)
        self._timer: Timer | None = None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._post_query)

    def _post_query(self) -> None:
        self._timer = None
        self.post_message(self.QueryChanged(self.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._post_query()
        self.post_message(self.Accepted())

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_save(self) -> None:
        if self.value.strip():
            self.post_message(self.SaveRequested(self.value))
