"""Frozen value types shared by every layer: feeds, articles, spans and views."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
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
class ArticleFilter:
    """Which articles a list shows: one feed or all, optionally only unread or starred."""

    feed_id: int | None = None
    unread_only: bool = False
    starred_only: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """One distinct name or figure in an article, for the entity panel.

    Each mention is `(text index, start, end)`: which annotated text of the article, and where.
    """

    text: str
    label: Label
    mentions: tuple[tuple[int, int, int], ...] = field(default=())
