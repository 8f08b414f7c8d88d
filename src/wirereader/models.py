"""Frozen value types shared by every layer: feeds, articles, spans and views."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Label(StrEnum):
    """What a highlighted span is; the values are the gold-file labels of the guidelines."""

    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    MISC = "MISC"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    DATE = "DATE"
    QUANTITY = "QUANTITY"

    @property
    def is_name(self) -> bool:
        """True for named entities, False for figures."""
        return self in NAME_LABELS


NAME_LABELS = frozenset({Label.PERSON, Label.ORG, Label.PLACE, Label.MISC})
FIGURE_LABELS = frozenset({Label.MONEY, Label.PERCENT, Label.DATE, Label.QUANTITY})


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled half-open range `[start, end)` of code points in one text."""

    start: int
    end: int
    label: Label


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One feed item as a parser saw it, before it is stored (no ids, no flags)."""

    guid: str
    title: str
    link: str | None = None
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    summary: str = ""
    content_html: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole feed document as a parser saw it; `error` records a recoverable problem."""

    title: str
    link: str | None = None
    description: str = ""
    articles: tuple[ParsedArticle, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """The user's settings for one feed; None follows the config file."""

    refresh_minutes: int | None = None  # 0: never refreshed automatically
    keep_days: int | None = None  # 0: keeps every article
    fetch_full: bool = False  # fetch each new article's web page during refresh
    hide_from_all: bool = False  # left out of the All and Unread views
    read_on_arrival: bool = False  # new articles arrive marked read


@dataclass(frozen=True, slots=True)
class Feed:
    """A stored subscription."""

    id: int
    url: str
    title: str
    link: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    updated_at: datetime | None = None
    last_error: str | None = None
    settings: FeedSettings = FeedSettings()
    # True once the user named the feed: fetched documents leave `title` alone
    title_locked: bool = False


@dataclass(frozen=True, slots=True)
class FeedStats:
    """A feed with the counts the feed pane shows beside it."""

    feed: Feed
    unread: int
    total: int


@dataclass(frozen=True, slots=True)
class ViewCounts:
    """Counts for the built-in views at the top of the feed pane."""

    all: int
    unread: int
    starred: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What one row of the article list needs; the body stays in the database."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    published: datetime | None
    read: bool
    starred: bool
    # the row's place in list order, (sort_date, id), so the list can page by keyset
    key: tuple[str, int] = ("", 0)


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its body and flags."""

    id: int
    feed_id: int
    feed_title: str
    guid: str
    title: str
    link: str | None
    author: str | None
    published: datetime | None
    summary: str
    content_html: str
    read: bool
    starred: bool

    @property
    def body_html(self) -> str:
        """The richest body the feed gave: full content, else the summary."""
        return self.content_html or self.summary


@dataclass(frozen=True, slots=True)
class FullArticle:
    """An article's web page as fetched for its full text: the main text, or why it failed."""

    article_id: int
    url: str  # the page finally read, after redirects
    fetched_at: datetime
    html: str  # the extracted main text as untrusted HTML; '' when the fetch failed
    extractor: str  # e.g. "trafilatura 2.3.1"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a search; `column` limits it to "feed" or "author"."""

    text: str
    column: str | None = None
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed search: terms every match has, terms none has, and flag and date limits.

    `read` is True for is:read, False for is:unread; dates are UTC days, `before` exclusive
    and `after` inclusive.
    """

    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    read: bool | None = None
    starred: bool = False
    before: date | None = None
    after: date | None = None

    @property
    def is_empty(self) -> bool:
        """True when the query selects every article."""
        return self == SearchQuery()


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A named entity across articles: its label and its normalised name (see `entity_key`)."""

    label: Label
    name: str


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity with how many articles mention it, as written in one of them."""

    ref: EntityRef
    text: str
    articles: int


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A search the user kept; the feed pane lists it like a feed."""

    id: int
    name: str
    query: str


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a list shows: one feed or all, optionally only unread or starred.

    `search` narrows it to a search's matches, `entity` to articles mentioning one entity.
    """

    feed_id: int | None = None
    unread_only: bool = False
    starred_only: bool = False
    search: SearchQuery | None = None
    entity: EntityRef | None = None
    oldest_first: bool = False  # the config's list sort; newest first by default


@dataclass(frozen=True, slots=True)
class Entity:
    """One distinct name or figure in an article, for the entity panel.

    Each mention is `(text index, start, end)`: which annotated text of the article, and where.
    """

    text: str
    label: Label
    mentions: tuple[tuple[int, int, int], ...] = field(default=())
