"""Messages that workers post to the app; handlers on the app own every widget change."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from wirereader.feeds.report import FeedOutcome, RefreshReport
from wirereader.models import (
    ArticleFilter,
    Entity,
    EntityCount,
    Feed,
    FeedStats,
    SavedSearch,
    ViewCounts,
)
from wirereader.service import ArticleView


@dataclass
class CountsLoaded(Message):
    """Fresh counts for the feed pane."""

    counts: ViewCounts
    stats: list[FeedStats]
    saved: list[SavedSearch] = field(default_factory=list)
    entities: list[EntityCount] = field(default_factory=list)


@dataclass
class ArticleLoaded(Message):
    """An article is ready to show, with its entities grouped off the UI thread."""

    view: ArticleView
    entities: list[Entity]


@dataclass
class BodySwitched(Message):
    """The open article's other body (its fetched full text or the feed's) is ready to show."""

    view: ArticleView
    entities: list[Entity]


@dataclass
class FullArticleFailed(Message):
    """Fetching an article's full text failed; the text says why."""

    article_id: int
    text: str


@dataclass
class FlagsChanged(Message):
    """An article's read or starred flag changed in the database."""

    article_id: int
    read: bool | None = None
    starred: bool | None = None


@dataclass
class ViewMarkedRead(Message):
    """Every article of a view was marked read."""

    filter: ArticleFilter
    changed: int


@dataclass
class NextUnreadFound(Message):
    """Where the next unread article is in the current list, if anywhere."""

    index: int | None


@dataclass
class OperationFailed(Message):
    """A worker failed; the text is shown to the user."""

    text: str


@dataclass
class RefreshStarted(Message):
    """A refresh of `total` feeds began."""

    total: int


@dataclass
class RefreshProgress(Message):
    """One feed of a running refresh finished."""

    outcome: FeedOutcome


@dataclass
class RefreshFinished(Message):
    """A refresh ended; the report says what changed and what failed (None if it crashed)."""

    report: RefreshReport | None


@dataclass
class FeedRemoved(Message):
    """A feed was unsubscribed."""

    feed: Feed


@dataclass
class SavedSearchesChanged(Message):
    """A search was saved or forgotten; the text says which, for a notification."""

    text: str


@dataclass
class LinkFound(Message):
    """The link of the article `y` copies (None when it has none)."""

    link: str | None


@dataclass
class ArticleExported(Message):
    """`E` wrote the open article to `path`."""

    path: Path
