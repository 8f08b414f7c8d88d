"""Article rows: storing a parsed batch, reading one article, and its read/starred flags."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from wirereader.models import Article, ParsedArticle
from wirereader.storage.annotations import forget_annotations
from wirereader.storage.dates import from_db, to_db
from wirereader.storage.entities import forget_entities
from wirereader.storage.errors import ArticleNotFoundError
from wirereader.storage.feeds import drop_empty_removed, require_feed
from wirereader.storage.search import index_articles
from wirereader.storage.sql import transaction

# The columns a feed controls, in the order `_values` produces them.
_CONTENT = ("title", "link", "author", "published", "updated", "summary", "content_html")
_PUBLISHED, _UPDATED = _CONTENT.index("published"), _CONTENT.index("updated")
# Positions in `_values` of the texts the annotations were computed from.
_ANNOTATED = tuple(_CONTENT.index(column) for column in ("title", "summary", "content_html"))

# Positional parameters: binding 100,000 dicts costs a third more than binding tuples.
_INSERT = (
    f"INSERT INTO articles (feed_id, guid, first_seen, sort_date, {', '.join(_CONTENT)}) "
    f"VALUES (?, ?, ?, ?, {', '.join('?' for _ in _CONTENT)})"
)
_UPDATE = (
    f"UPDATE articles SET sort_date = ?, {', '.join(f'{column} = ?' for column in _CONTENT)} "
    "WHERE id = ?"
)

Values = tuple[str | None, ...]


class _Stored(NamedTuple):
    """An article already in the database: its id, first sighting and content as stored."""

    id: int
    first_seen: str
    values: Values


@dataclass(frozen=True, slots=True)
class StoreResult:
    """How many articles a batch added and how many it changed."""

    new: int
    updated: int


def store_articles(
    db: sqlite3.Connection, feed_id: int, articles: Sequence[ParsedArticle], now: datetime
) -> StoreResult:
    """Insert new articles and update changed ones of one feed, in one transaction."""
    with transaction(db):
        return store_in_transaction(db, feed_id, articles, now)


def store_in_transaction(
    db: sqlite3.Connection, feed_id: int, articles: Sequence[ParsedArticle], now: datetime
) -> StoreResult:
    """Insert new articles and update changed ones of one feed, inside the caller's transaction.

    Articles are matched by guid within the feed; a changed one keeps its id and flags, an
    unchanged one is not written. When a guid repeats within the batch, the last one wins.
    """
    incoming = {article.guid: _values(article) for article in articles}
    require_feed(db, feed_id)
    stored = _stored(db, feed_id, list(incoming))
    new = {guid: values for guid, values in incoming.items() if guid not in stored}
    changed = [
        (stored[guid], values)
        for guid, values in incoming.items()
        if guid in stored and stored[guid].values != values
    ]
    _insert(db, feed_id, new, now)
    _update(db, changed)
    index_articles(db, _ids(db, feed_id, list(new)) + [old.id for old, _ in changed])
    return StoreResult(new=len(new), updated=len(changed))


def purge_older_than(db: sqlite3.Connection, cutoff: datetime) -> int:
    """Delete unstarred articles first seen and dated before `cutoff`; return how many.

    Both dates must be old: an old item seen for the first time today would otherwise be
    deleted and stored again, unread, on every refresh. Unstarred articles of removed feeds
    go whatever their age, since they were kept only for their star.
    """
    with transaction(db):
        cursor = db.execute(
            """
            DELETE FROM articles WHERE starred = 0 AND (
                (first_seen < :cutoff AND sort_date < :cutoff)
                OR feed_id IN (SELECT id FROM feeds WHERE removed_at IS NOT NULL))
            """,
            {"cutoff": to_db(cutoff)},
        )
        drop_empty_removed(db)
    return cursor.rowcount


def get_article(db: sqlite3.Connection, article_id: int) -> Article:
    """Return one article with its body; ArticleNotFoundError when there is none.

    Its `published` is the feed's publication date, else its update date.
    """
    row = db.execute(
        """
        SELECT a.id, a.feed_id, coalesce(nullif(f.title, ''), f.url), a.guid, a.title, a.link,
            a.author, coalesce(a.published, a.updated), a.summary, a.content_html,
            a.read, a.starred
        FROM articles AS a JOIN feeds AS f ON f.id = a.feed_id
        WHERE a.id = ?
        """,
        (article_id,),
    ).fetchone()
    if row is None:
        raise ArticleNotFoundError(article_id)
    return _article(row)


def set_read(db: sqlite3.Connection, article_id: int, read: bool, now: datetime) -> None:
    """Mark one article read or unread; a re-read keeps the time it was first read."""
    cursor = db.execute(
        """
        UPDATE articles SET read = :read,
            read_at = CASE WHEN :read THEN coalesce(read_at, :now) END
        WHERE id = :id
        """,
        {"read": int(read), "now": to_db(now), "id": article_id},
    )
    _require_one(cursor, article_id)


def set_starred(db: sqlite3.Connection, article_id: int, starred: bool, now: datetime) -> None:
    """Star or unstar one article; starring it again keeps the time it was first starred."""
    cursor = db.execute(
        """
        UPDATE articles SET starred = :starred,
            starred_at = CASE WHEN :starred THEN coalesce(starred_at, :now) END
        WHERE id = :id
        """,
        {"starred": int(starred), "now": to_db(now), "id": article_id},
    )
    _require_one(cursor, article_id)


def _stored(db: sqlite3.Connection, feed_id: int, guids: list[str]) -> dict[str, _Stored]:
    """Return what is stored for each of `guids` the feed already has.

    One query for the whole batch: the guids travel as a JSON array and the (feed_id, guid)
    unique index finds each.
    """
    rows = db.execute(
        f"""
        SELECT id, guid, first_seen, {", ".join(_CONTENT)} FROM articles
        WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))
        """,
        (feed_id, json.dumps(guids)),
    )
    return {row[1]: _Stored(row[0], row[2], tuple(row[3:])) for row in rows}


def _ids(db: sqlite3.Connection, feed_id: int, guids: list[str]) -> list[int]:
    """The ids of the feed's articles with the given guids."""
    rows = db.execute(
        "SELECT id FROM articles WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))",
        (feed_id, json.dumps(guids)),
    )
    return [article_id for (article_id,) in rows]


def _insert(db: sqlite3.Connection, feed_id: int, new: dict[str, Values], now: datetime) -> None:
    """Insert new articles, the feed's first item last.

    Among equal dates the highest id lists first, so the list keeps the feed's own order.
    """
    first_seen = to_db(now)
    rows = [
        (feed_id, guid, first_seen, _sort_date(new[guid], first_seen), *new[guid])
        for guid in reversed(new)
    ]
    db.executemany(_INSERT, rows)


def _update(db: sqlite3.Connection, changed: list[tuple[_Stored, Values]]) -> None:
    """Rewrite changed articles in place, dropping annotations whose texts changed."""
    rows = [(_sort_date(values, old.first_seen), *values, old.id) for old, values in changed]
    db.executemany(_UPDATE, rows)
    stale = [old.id for old, values in changed if _texts_differ(old.values, values)]
    forget_annotations(db, stale)
    forget_entities(db, stale)


def _sort_date(values: Values, first_seen: str) -> str:
    """The date lists sort by, as schema.py defines (and checks) it."""
    return values[_PUBLISHED] or values[_UPDATED] or first_seen


def _values(article: ParsedArticle) -> Values:
    """Return the article's content as stored, in `_CONTENT` order."""
    return (
        article.title,
        article.link,
        article.author,
        to_db(article.published),
        to_db(article.updated),
        article.summary,
        article.content_html,
    )


def _texts_differ(old: Values, new: Values) -> bool:
    """True when a text the annotations were computed from has changed."""
    return any(old[i] != new[i] for i in _ANNOTATED)


def _require_one(cursor: sqlite3.Cursor, article_id: int) -> None:
    """Raise ArticleNotFoundError when a write by article id touched no row."""
    if cursor.rowcount != 1:
        raise ArticleNotFoundError(article_id)


def _article(row: Any) -> Article:
    """Build an Article from the row `get_article` selects."""
    (article_id, feed_id, feed_title, guid, title, link, author, published, summary,
     content_html, read, starred) = row  # fmt: skip
    return Article(
        id=article_id,
        feed_id=feed_id,
        feed_title=feed_title,
        guid=guid,
        title=title,
        link=link,
        author=author,
        published=from_db(published),
        summary=summary,
        content_html=content_html,
        read=bool(read),
        starred=bool(starred),
    )
