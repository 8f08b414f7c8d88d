"""The feed pane: the All, Unread and Starred views on top, then each feed with its unread count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wirereader.content.sanitize import clean_line
from wirereader.models import ArticleFilter, FeedStats, ViewCounts

ALL = ArticleFilter()
UNREAD = ArticleFilter(unread_only=True)
STARRED = ArticleFilter(starred_only=True)


class FeedPane(OptionList):
    """Pick which articles the list shows; highlighting a line selects it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class ViewSelected(Message):
        """The user chose a view or a feed."""

        filter: ArticleFilter

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters: dict[str, ArticleFilter] = {}

    def show_counts(self, counts: ViewCounts, stats: list[FeedStats]) -> None:
        """Rebuild the lines from fresh counts, keeping the highlighted line."""
        keep = (self.highlighted_option.id if self.highlighted_option else None) or "view-all"
        views = [
            ("view-all", "All", counts.all, ALL),
            ("view-unread", "Unread", counts.unread, UNREAD),
            ("view-starred", "Starred", counts.starred, STARRED),
        ]
        options: list[Option | None] = [self._option(*view) for view in views]
        options.append(None)
        for stat in stats:
            name = clean_line(stat.feed.title) or clean_line(stat.feed.url)
            flt = ArticleFilter(feed_id=stat.feed.id)
            options.append(
                self._option(f"feed-{stat.feed.id}", name, stat.unread, flt, stat.feed.last_error)
            )
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
            ids = {o.id for o in options if o is not None}
            self.highlighted = self.get_option_index(keep) if keep in ids else 0

    def _option(
        self, option_id: str, name: str, count: int, flt: ArticleFilter, error: str | None = None
    ) -> Option:
        self._filters[option_id] = flt
        label = Text(name, no_wrap=True, overflow="ellipsis")
        if error:
            label.append(" ⚠", style="bold red")
        if count:
            label.append(f" {count}", style="bold")
        return Option(label, id=option_id)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        flt = self._filters.get(event.option.id or "")
        if flt is not None:
            self.post_message(self.ViewSelected(flt))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        flt = self._filters.get(event.option.id or "")
        if flt is not None:
            self.post_message(self.ViewSelected(flt))
