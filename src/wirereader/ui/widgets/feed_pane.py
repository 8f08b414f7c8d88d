"""The feed pane: the All, Unread and Starred views on top, then each feed with its unread count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wirereader.content.sanitize import clean_line
from wirereader.models import (
    ArticleFilter,
    EntityCount,
    Feed,
    FeedStats,
    SavedSearch,
    ViewCounts,
)
from wirereader.search import QueryError, parse_query

ALL = ArticleFilter()
UNREAD = ArticleFilter(unread_only=True)
STARRED = ArticleFilter(starred_only=True)


class FeedPane(OptionList):
    """Pick which articles the list shows; highlighting a line selects it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "first", "First", show=False, id="top"),
        Binding("G,end", "last", "Last", show=False, id="bottom"),
        Binding("c", "feed_settings", "Feed settings", id="feed_settings"),
    ]

    @dataclass
    class ViewSelected(Message):
        """The user chose a view or a feed."""

        filter: ArticleFilter

    @dataclass
    class SettingsRequested(Message):
        """The user asked for the settings dialog of the highlighted feed."""

        feed: Feed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters: dict[str, ArticleFilter] = {}
        self._stats: dict[int, FeedStats] = {}
        self._saved: dict[str, SavedSearch] = {}

    def show_counts(
        self,
        counts: ViewCounts,
        stats: list[FeedStats],
        saved: Sequence[SavedSearch] = (),
        entities: Sequence[EntityCount] = (),
    ) -> None:
        """Rebuild the lines from fresh counts, keeping the highlighted line."""
        keep = (self.highlighted_option.id if self.highlighted_option else None) or "view-all"
        views = [
            ("view-all", "All", counts.all, ALL),
            ("view-unread", "Unread", counts.unread, UNREAD),
            ("view-starred", "Starred", counts.starred, STARRED),
        ]
        options: list[Option | None] = [self._option(*view) for view in views]
        self._stats = {stat.feed.id: stat for stat in stats}
        for tag, members in _by_first_tag(stats):
            options.append(None)
            if tag:
                heading = Text(f"▾ {clean_line(tag)}", style="bold dim")
                options.append(Option(heading, disabled=True))
            for stat in members:
                options.append(self._feed_option(stat, indent=bool(tag)))
        options += self._saved_options(saved)
        options += self._entity_options(entities)
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
            ids = {o.id for o in options if o is not None}
            self.highlighted = self.get_option_index(keep) if keep in ids else 0

    @property
    def selected_feed(self) -> FeedStats | None:
        """The highlighted feed, when the highlighted line is a feed rather than a view."""
        option = self.highlighted_option
        flt = self._filters.get(option.id or "") if option else None
        return self._stats.get(flt.feed_id) if flt and flt.feed_id is not None else None

    def action_feed_settings(self) -> None:
        """Ask for the highlighted feed's settings dialog."""
        selected = self.selected_feed
        if selected is None:
            self.notify("Select a feed to change its settings.", severity="warning")
        else:
            self.post_message(self.SettingsRequested(selected.feed))

    @property
    def selected_saved(self) -> SavedSearch | None:
        """The highlighted saved search, if a saved search is highlighted."""
        option = self.highlighted_option
        return self._saved.get(option.id or "") if option else None

    def _saved_options(self, saved: Sequence[SavedSearch]) -> list[Option | None]:
        """A "Saved searches" section; a search the syntax no longer accepts is left out."""
        self._saved = {}
        options: list[Option | None] = []
        for search in saved:
            try:
                flt = ArticleFilter(search=parse_query(search.query))
            except QueryError:
                continue
            option_id = f"saved-{search.id}"
            self._saved[option_id] = search
            options.append(self._option(option_id, f"⌕ {clean_line(search.name)}", 0, flt))
        if options:
            options[:0] = [None, Option(Text("Saved searches", style="bold dim"), disabled=True)]
        return options

    def _entity_options(self, entities: Sequence[EntityCount]) -> list[Option | None]:
        """An "Entities · 7 days" section: the most mentioned names, each a view."""
        options: list[Option | None] = [
            self._option(
                f"entity-{index}",
                clean_line(entity.text),
                entity.articles,
                ArticleFilter(entity=entity.ref),
            )
            for index, entity in enumerate(entities)
        ]
        if options:
            heading = Option(Text("Entities · 7 days", style="bold dim"), disabled=True)
            options[:0] = [None, heading]
        return options

    def _feed_option(self, stat: FeedStats, *, indent: bool) -> Option:
        name = clean_line(stat.feed.title) or clean_line(stat.feed.url)
        flt = ArticleFilter(feed_id=stat.feed.id)
        error = stat.feed.last_error
        return self._option(f"feed-{stat.feed.id}", name, stat.unread, flt, error, indent)

    def _option(
        self,
        option_id: str,
        name: str,
        count: int,
        flt: ArticleFilter,
        error: str | None = None,
        indent: bool = False,
    ) -> Option:
        self._filters[option_id] = flt
        label = Text(("  " if indent else "") + name, no_wrap=True, overflow="ellipsis")
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


def _by_first_tag(stats: list[FeedStats]) -> list[tuple[str, list[FeedStats]]]:
    """Feeds grouped like folders by their first tag; untagged feeds come first."""
    groups: dict[str, list[FeedStats]] = {}
    for stat in stats:
        groups.setdefault(stat.feed.tags[0] if stat.feed.tags else "", []).append(stat)
    return sorted(groups.items(), key=lambda item: (item[0] != "", item[0].casefold()))
