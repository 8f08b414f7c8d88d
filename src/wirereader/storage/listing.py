"""Filtered article lists: counting, paging, positions and marking read, all index-driven."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from wirereader.models import ArticleFilter, ArticleSummary
from wirereader.storage import entities, search
from wirereader.storage.dates import from_db, to_db

Params = dict[str, Any]
# An article's place in list order: (sort_date, id).
Key = tuple[str, int]


@dataclass(frozen=True, slots=True)
class _Order:
    """How a view is ordered: its ORDER BY both ways and its key comparisons (:sort_date, :id)."""

    newest: str
    oldest: str
    ahead: str
    behind: str
    at: str
    rows: str  # the ORDER BY of the rows read for a page, `newest` on the joined columns
    rows_back: str

    def reversed(self) -> _Order:
        """The same order run the other way (oldest first); the same indexes serve it."""
        return _Order(
            self.oldest, self.newest, self.behind, self.ahead, self.at, self.rows_back, self.rows
        )


# Date order: newest first, the higher id first among equal dates. Every list index in
# schema.py stores rows in exactly this order.
BY_DATE = _Order(
    "ORDER BY sort_date DESC, id DESC",
    "ORDER BY sort_date, id",
    "(sort_date, id) > (:sort_date, :id)",
    "(sort_date, id) < (:sort_date, :id)",
    "id = :id",
    "a.sort_date DESC, a.id DESC",
    "a.sort_date, a.id",
)
# Word searches list the newest stored first: the full-text index yields rowids (article
# ids) in order and stops at the page's end, where sorting 90,000 matches by date would
# cost ~100 ms at 100,000 articles.
BY_ARRIVAL = _Order(
    "ORDER BY rowid DESC",
    "ORDER BY rowid",
    "rowid > :id",
    "rowid < :id",
    "rowid = :id",
    "a.id DESC",
    "a.id",
)


def count_articles(db: sqlite3.Connection, flt: ArticleFilter) -> int:
    """Return how many articles `flt` selects."""
    select, params, _ = _select(db, flt)
    (count,) = db.execute(f"SELECT count(*) FROM ({select})", params).fetchone()
    return int(count)


def list_articles(
    db: sqlite3.Connection, flt: ArticleFilter, offset: int, limit: int
) -> list[ArticleSummary]:
    """Return one page of `flt`'s articles, newest first; `published` falls back to `updated`.

    The page's ids are found in the list index alone; only those rows are then read. A plain
    OFFSET over the joined rows would read every skipped row too (25x slower at 90,000).
    Neighbouring pages are better read by key with `list_after` and `list_before`.
    """
    select, params, order = _select(db, flt)
    page = f"{select} {order.newest} LIMIT :limit OFFSET :offset"
    return _rows(db, page, order, {**params, "limit": limit, "offset": max(offset, 0)})


def list_after(
    db: sqlite3.Connection, flt: ArticleFilter, key: Key | None, limit: int
) -> list[ArticleSummary]:
    """Return up to `limit` of `flt`'s articles listed after `key` (from the top when None).

    A keyset read: the index is entered at `key`, so reading deep in a list costs what
    reading its top does.
    """
    select, params, order = _select(db, flt, bound=None if key is None else "behind")
    page = f"{select} {order.newest} LIMIT :limit"
    return _rows(db, page, order, {**params, **_key_params(key), "limit": limit})


def list_before(
    db: sqlite3.Connection, flt: ArticleFilter, key: Key, limit: int
) -> list[ArticleSummary]:
    """Return up to `limit` of `flt`'s articles listed just before `key`, in list order."""
    select, params, order = _select(db, flt, bound="ahead")
    page = f"{select} {order.oldest} LIMIT :limit"
    return _rows(db, page, order, {**params, **_key_params(key), "limit": limit})


def article_position(db: sqlite3.Connection, flt: ArticleFilter, article_id: int) -> int | None:
    """Return the index of the article in `flt`'s list, or None when the list lacks it."""
    select, params, _ = _select(db, flt, bound="at")
    key: Key | None = db.execute(
        f"SELECT sort_date, id FROM articles WHERE id = ({select})",
        {**params, "id": article_id},
    ).fetchone()
    return None if key is None else _position(db, flt, key)


def next_unread(db: sqlite3.Connection, flt: ArticleFilter, after: int) -> int | None:
    """Return the index of the first unread article after index `after` (negative: from the top).

    Three queries answered from the list indexes (the key at `after`, the next unread key
    behind it, that key's position); nothing is scanned in Python.
    """
    key: Key | None = None
    if after >= 0:
        key = _key_at(db, flt, after)
        if key is None:
            return None
    select, params, order = _select(db, flt, "read = 0", bound=None if key is None else "behind")
    found = db.execute(
        f"SELECT sort_date, id FROM articles WHERE id = ({select} {order.newest} LIMIT 1)",
        {**params, **_key_params(key)},
    ).fetchone()
    return None if found is None else _position(db, flt, found)


def mark_read(db: sqlite3.Connection, flt: ArticleFilter, now: datetime) -> int:
    """Mark every unread article `flt` selects read; return how many changed."""
    select, params, _ = _select(db, flt, "read = 0")
    cursor = db.execute(
        f"UPDATE articles SET read = 1, read_at = :now WHERE read = 0 AND id IN ({select})",
        {**params, "now": to_db(now)},
    )
    return cursor.rowcount


def _select(
    db: sqlite3.Connection, flt: ArticleFilter, *extra: str, bound: str | None = None
) -> tuple[str, Params, _Order]:
    """A SELECT of the ids of `flt`'s articles meeting `extra`, its parameters and its order.

    `bound` keeps only the rows "ahead" of or "behind" the key :sort_date, :id, or the one
    "at" :id. A view with search words is read from the full-text index. Its other
    conditions are checked per match or applied as one set, whichever `_check_per_match`
    expects to be cheaper (the unary + stops SQLite probing the index once per member of
    that set).
    """
    query = flt.search
    feeds: list[str] = []
    if query is not None:
        feeds = search.feed_conditions(db, query)
        query = search.without_feed_terms(query)
    where, params = _where(replace(flt, search=query), *extra, *feeds, *_hidden(db, flt))
    words = query.include if query else ()
    order = BY_ARRIVAL if words else BY_DATE
    if flt.oldest_first:
        order = order.reversed()
    limit = [] if bound is None else [getattr(order, bound)]
    if not words:
        return f"SELECT id FROM articles WHERE {' AND '.join([where, *limit])}", params, order
    assert query is not None
    params["match"] = search.match_expression(words, query.exclude)
    conditions = ["article_search MATCH :match", *limit]
    if where != "1" and _check_per_match(db, where, params):
        per_match = (
            f"SELECT 1 FROM articles INDEXED BY articles_rows "
            f"WHERE id = article_search.rowid AND {where}"
        )
        conditions.append(f"EXISTS ({per_match})")
    elif where != "1":
        conditions.append(f"+rowid IN (SELECT id FROM articles WHERE {where})")
    return f"SELECT rowid AS id FROM article_search WHERE {' AND '.join(conditions)}", params, order


# A search's other conditions are checked per match unless they select at most this many
# articles: then reading their set once (~1 us a member) beats checking matches that mostly
# fail them. Checking a match costs ~1 us too (the articles_rows index), so when most
# articles pass, the first page is found after ~200 matches instead of after the whole set.
NARROW = 20_000


def _check_per_match(db: sqlite3.Connection, where: str, params: Params) -> bool:
    """Choose how a search applies its other conditions: per match, or as one set.

    Per match when the words match few articles or the conditions keep many; each probe is
    a count that stops one past its limit, read from an index.
    """
    if search.few_matches(db, params["match"]):
        return True
    (kept,) = db.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {where} LIMIT {NARROW + 1})",
        params,
    ).fetchone()
    return int(kept) > NARROW


def _hidden(db: sqlite3.Connection, flt: ArticleFilter) -> tuple[str, ...]:
    """The condition leaving feeds hidden from All out of the All and Unread views.

    Only while some feed is hidden: it costs those views their covering index (each row's
    feed is read), ~3x slower counts at 100,000 articles. Feed, Starred, search and entity
    views show hidden feeds' articles.
    """
    if flt.feed_id is not None or flt.starred_only:
        return ()
    if flt.search is not None or flt.entity is not None:
        return ()
    if db.execute("SELECT 1 FROM feeds WHERE hide_from_all = 1 LIMIT 1").fetchone() is None:
        return ()
    return ("feed_id NOT IN (SELECT id FROM feeds WHERE hide_from_all = 1)",)


def _where(flt: ArticleFilter, *extra: str) -> tuple[str, Params]:
    """Return the conditions on `articles` selecting `flt`'s articles (and `extra` ones).

    The flag tests are literal SQL, not parameters, so SQLite can match its partial indexes.
    Search words are left to `_select`, which reads them from the full-text index.
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
    if flt.entity is not None:
        mentions, mention_params = entities.condition(flt.entity)
        conditions.append(mentions)
        params.update(mention_params)
    if flt.search is not None:
        found, found_params = search.conditions(flt.search)
        conditions += found
        params.update(found_params)
    return " AND ".join(conditions) or "1", params


def _rows(db: sqlite3.Connection, page: str, order: _Order, params: Params) -> list[ArticleSummary]:
    """Read the list rows of the article ids `page` selects, in the view's order."""
    rows = db.execute(
        f"""
        SELECT a.id, a.feed_id, coalesce(nullif(f.title, ''), f.url), a.title,
            coalesce(a.published, a.updated), a.read, a.starred, a.sort_date
        FROM ({page}) AS page
        JOIN articles AS a INDEXED BY articles_rows ON a.id = page.id
        JOIN feeds AS f ON f.id = a.feed_id
        ORDER BY {order.rows}
        """,
        params,
    )
    return [_summary(row) for row in rows]


def _key_params(key: Key | None) -> Params:
    """The :sort_date and :id parameters of a list key."""
    return {} if key is None else {"sort_date": key[0], "id": key[1]}


def _key_at(db: sqlite3.Connection, flt: ArticleFilter, index: int) -> Key | None:
    """Return the (sort_date, id) key at `index` in `flt`'s list, or None past its end."""
    select, params, order = _select(db, flt)
    key: Key | None = db.execute(
        f"SELECT sort_date, id FROM articles "
        f"WHERE id = ({select} {order.newest} LIMIT 1 OFFSET :index)",
        {**params, "index": index},
    ).fetchone()
    return key


def _position(db: sqlite3.Connection, flt: ArticleFilter, key: Key) -> int:
    """Return the index of the (sort_date, id) `key` in `flt`'s list: the count ahead of it."""
    select, params, _ = _select(db, flt, bound="ahead")
    (count,) = db.execute(
        f"SELECT count(*) FROM ({select})", {**params, **_key_params(key)}
    ).fetchone()
    return int(count)


def _summary(row: Any) -> ArticleSummary:
    """Build an ArticleSummary from the row `list_articles` selects."""
    article_id, feed_id, feed_title, title, published, read, starred, sort_date = row
    return ArticleSummary(
        id=article_id,
        feed_id=feed_id,
        feed_title=feed_title,
        title=title,
        published=from_db(published),
        read=bool(read),
        starred=bool(starred),
        key=(sort_date, article_id),
    )
