"""Filtered article lists: counting, paging, positions and marking read, all index-driven."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from wirereader.models import ArticleFilter, ArticleSummary
from wirereader.storage.dates import from_db, to_db

# List order: newest first, the higher id first among equal dates. Every list index in
# schema.py stores rows in exactly this order.
_ORDER = "ORDER BY sort_date DESC, id DESC"
# A list position key (sort_date, id) ahead of or behind the one given as :sort_date, :id.
_AHEAD = "(sort_date, id) > (:sort_date, :id)"
_BEHIND = "(sort_date, id) < (:sort_date, :id)"

Params = dict[str, Any]
# An article's place in list order: (sort_date, id).
Key = tuple[str, int]


def count_articles(db: sqlite3.Connection, flt: ArticleFilter) -> int:
    """Return how many articles `flt` selects."""
    where, params = _where(flt)
    (count,) = db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()
    return int(count)


def list_articles(
    db: sqlite3.Connection, flt: ArticleFilter, offset: int, limit: int
) -> list[ArticleSummary]:
    """Return one page of `flt`'s articles, newest first; `published` falls back to `updated`.

    The page's ids are found in the list index alone; only those rows are then read. A plain
    OFFSET over the joined rows would read every skipped row too (25x slower at 90,000).
    """
    where, params = _where(flt)
    rows = db.execute(
        f"""
        SELECT a.id, a.feed_id, coalesce(nullif(f.title, ''), f.url), a.title,
            coalesce(a.published, a.updated), a.read, a.starred
        FROM (SELECT id FROM articles WHERE {where} {_ORDER} LIMIT :limit OFFSET :offset)
            AS page
        JOIN articles AS a ON a.id = page.id
        JOIN feeds AS f ON f.id = a.feed_id
        ORDER BY a.sort_date DESC, a.id DESC
        """,
        {**params, "limit": limit, "offset": max(offset, 0)},
    )
    return [_summary(row) for row in rows]


def article_position(db: sqlite3.Connection, flt: ArticleFilter, article_id: int) -> int | None:
    """Return the index of the article in `flt`'s list, or None when the list lacks it."""
    where, params = _where(flt)
    key: Key | None = db.execute(
        f"SELECT sort_date, id FROM articles WHERE id = :article_id AND {where}",
        {**params, "article_id": article_id},
    ).fetchone()
    return None if key is None else _position(db, flt, key)


def next_unread(db: sqlite3.Connection, flt: ArticleFilter, after: int) -> int | None:
    """Return the index of the first unread article after index `after` (negative: from the top).

    Three queries answered from the list indexes (the key at `after`, the next unread key
    behind it, that key's position); nothing is scanned in Python.
    """
    where, params = _where(flt, "read = 0")
    if after >= 0:
        start = _key_at(db, flt, after)
        if start is None:
            return None
        where = f"{where} AND {_BEHIND}"
        params.update(sort_date=start[0], id=start[1])
    found: Key | None = db.execute(
        f"SELECT sort_date, id FROM articles WHERE {where} {_ORDER} LIMIT 1", params
    ).fetchone()
    return None if found is None else _position(db, flt, found)


def mark_read(db: sqlite3.Connection, flt: ArticleFilter, now: datetime) -> int:
    """Mark every unread article `flt` selects read; return how many changed."""
    where, params = _where(flt, "read = 0")
    cursor = db.execute(
        f"UPDATE articles SET read = 1, read_at = :now WHERE {where}",
        {**params, "now": to_db(now)},
    )
    return cursor.rowcount


def _where(flt: ArticleFilter, *extra: str) -> tuple[str, Params]:
    """Return the condition selecting `flt`'s articles (and `extra` ones) and its parameters.

    The flag tests are literal SQL, not parameters, so SQLite can match its partial indexes.
    """
    conditions = list(extra)
    params: Params = {}
    if flt.feed_id is not None:
        conditions.append("feed_id = :feed_id")
        params["feed_id"] = flt.feed_id
    if flt.unread_only:
        conditions.append("read = 0")
    if flt.starred_only:
        conditions.append("starred = 1")
    return " AND ".join(conditions) or "1", params


def _key_at(db: sqlite3.Connection, flt: ArticleFilter, index: int) -> Key | None:
    """Return the (sort_date, id) key at `index` in `flt`'s list, or None past its end."""
    where, params = _where(flt)
    key: Key | None = db.execute(
        f"SELECT sort_date, id FROM articles WHERE {where} {_ORDER} LIMIT 1 OFFSET :index",
        {**params, "index": index},
    ).fetchone()
    return key


def _position(db: sqlite3.Connection, flt: ArticleFilter, key: Key) -> int:
    """Return the index of the (sort_date, id) `key` in `flt`'s list: the count ahead of it."""
    where, params = _where(flt, _AHEAD)
    (count,) = db.execute(
        f"SELECT count(*) FROM articles WHERE {where}",
        {**params, "sort_date": key[0], "id": key[1]},
    ).fetchone()
    return int(count)


def _summary(row: Any) -> ArticleSummary:
    """Build an ArticleSummary from the row `list_articles` selects."""
    article_id, feed_id, feed_title, title, published, read, starred = row
    return ArticleSummary(
        id=article_id,
        feed_id=feed_id,
        feed_title=feed_title,
        title=title,
        published=from_db(published),
        read=bool(read),
        starred=bool(starred),
    )
