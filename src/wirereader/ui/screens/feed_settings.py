"""The feed settings dialog: title, tags, refresh interval, retention and three switches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from wirereader.content.sanitize import clean_line
from wirereader.feeds.feed_settings import SettingError, parse_days, parse_minutes, split_tags
from wirereader.models import Feed, FeedSettings
from wirereader.ui.screens.feed_dialog import FeedDialog


@dataclass(frozen=True, slots=True)
class FeedEdit:
    """What the dialog saves: the settings, and the title and tags unless left unchanged.

    A title of "" gives the feed back its own title.
    """

    feed_id: int
    settings: FeedSettings
    title: str | None
    tags: tuple[str, ...] | None


Save = Callable[[FeedEdit], Feed]


class FeedSettingsScreen(FeedDialog):
    """Edit one feed's settings; saving runs `save` in a worker and dismisses with the feed."""

    STATUS_ID = "settings-status"

    def __init__(self, feed: Feed, save: Save) -> None:
        super().__init__()
        self._feed = feed
        self._save = save
        # the text the fields start with: unchanged title or tags are not saved
        self._title = clean_line(feed.title)
        self._tags = ", ".join(clean_line(tag) for tag in feed.tags)

    def compose(self) -> ComposeResult:
        feed, settings = self._feed, self._feed.settings
        with Vertical(id="feed-settings"):
            yield Static(Text(f"Settings of {self._title or clean_line(feed.url)}", style="bold"))
            yield Label("Title (blank: the feed's own)")
            yield Input(self._title, id="title")
            yield Label("Tags, comma separated (the first is the folder)")
            yield Input(self._tags, id="tags")
            yield Label("Refresh every N minutes (blank: default, 0: never)")
            yield Input(_number(settings.refresh_minutes), id="refresh", placeholder="default")
            yield Label("Keep articles N days (blank: default, 0: all)")
            yield Input(_number(settings.keep_days), id="keep", placeholder="default")
            yield Checkbox("Always fetch the full article", settings.fetch_full, id="fetch-full")
            yield Checkbox("Hide from All and Unread", settings.hide_from_all, id="hide")
            yield Checkbox("Mark read on arrival", settings.read_on_arrival, id="read-on-arrival")
            yield Static("", id="settings-status")
            with Horizontal(id="settings-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        try:
            edit = self._edit()
        except _FieldError as exc:
            field = self.query_one(f"#{exc.field}", Input)
            field.add_class("-invalid")
            field.focus()
            self.show_status(str(exc), error=True)
            return
        self.show_status("Saving…")
        self.run_save(partial(self._save, edit))

    def _edit(self) -> FeedEdit:
        """The dialog's fields as an edit; _FieldError names the field that is wrong."""
        for field in self.query(Input):
            field.remove_class("-invalid")
        values = {name: self.query_one(f"#{name}", Input).value for name in ("refresh", "keep")}
        try:
            refresh = parse_minutes(values["refresh"])
        except SettingError as exc:
            raise _FieldError("refresh", str(exc)) from exc
        try:
            keep = parse_days(values["keep"])
        except SettingError as exc:
            raise _FieldError("keep", str(exc)) from exc
        settings = FeedSettings(
            refresh_minutes=refresh,
            keep_days=keep,
            fetch_full=self.query_one("#fetch-full", Checkbox).value,
            hide_from_all=self.query_one("#hide", Checkbox).value,
            read_on_arrival=self.query_one("#read-on-arrival", Checkbox).value,
        )
        title = self.query_one("#title", Input).value.strip()
        tags = self.query_one("#tags", Input).value
        return FeedEdit(
            self._feed.id,
            settings,
            title=None if title == self._title else title,
            tags=None if tags.strip() == self._tags else split_tags(tags),
        )


class _FieldError(ValueError):
    """A field's value is not acceptable; `field` is its widget id."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _number(value: int | None) -> str:
    """A setting's number as the field shows it: blank for "follow the config"."""
    return "" if value is None else str(value)
