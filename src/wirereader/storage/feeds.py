"""Feed rows: subscribing, reading, updating from a parsed document, and deleting."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wirereader.models import Feed, FeedStats, ParsedFeed
from wirereader.storage.dates import from_db, to_db
from wirereader.storage.errors import FeedExistsError, FeedNotFoundError

_COLUMNS = "id, url, title, link, description, tags, updated_at, last_error"
# A feed with no title yet is listed (and sorted) by its URL.
_ORDER = "ORDER BY coalesce(nullif(title, ''), url) COLLATE NOCASE, id"


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a conditional fetch of a feed sends back, and the hash of the last body."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


def add_feed(
    db: sqlite3.Connection, url: str, title: str, tags: Sequence[str], now: datetime
) -> Feed:
    """Subscribe to `url`; FeedExistsError when it is already subscribed."""
    try:
        cursor = db.execute(
            "INSERT INTO feeds (url, title, tags, added_at) VALUES (?, ?, ?, ?)",
            (url, title, json.dumps(list(tags)), to_db(now)),
        )
    except sqlite3.IntegrityError as error:
        if "feeds.url" in str(error):
            raise FeedExistsError(url) from error
        raise
    assert cursor.lastrowid is not None
    return get_feed(db, cursor.lastrowid)


def get_feed(db: sqlite3.Connection, feed_id: int) -> Feed:
    """Return the feed with id `feed_id`; FeedNotFoundError when there is none."""
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    if row is None:
        raise FeedNotFoundError(feed_id)
    return _feed(row)


def get_feed_by_url(db: sqlite3.Connection, url: str) -> Feed | None:
    """Return the feed subscribed at exactly `url`, or None."""
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
    return None if row is None else _feed(row)


def get_feeds(db: sqlite3.Connection) -> list[Feed]:
    """Return every feed, sorted by title ignoring case."""
    return [_feed(row) for row in db.execute(f"SELECT {_COLUMNS} FROM feeds {_ORDER}")]


def feed_stats(db: sqlite3.Connection) -> list[FeedStats]:
    """Return every feed with its unread and total article counts, in one query.

    The correlated counts are answered from the per-feed indexes, never the article rows.
    """
    rows = db.execute(
        f"""
        SELECT {_COLUMNS},
            (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.id AND a.read = 0),
            (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.id)
        FROM feeds AS f {_ORDER}
        """
    )
    return [FeedStats(_feed(row[:-2]), unread=row[-2], total=row[-1]) for row in rows]


def is_empty(db: sqlite3.Connection) -> bool:
    """True when there are no feeds at all."""
    (empty,) = db.execute("SELECT NOT EXISTS (SELECT 1 FROM feeds)").fetchone()
    return bool(empty)


def update_feed(db: sqlite3.Connection, feed_id: int, parsed: ParsedFeed, now: datetime) -> None:
    """Record what a fetched document says about its feed, and its error if any.

    Fields the document leaves empty keep their known values, so a broken fetch does not
    wipe the title, link or description.
    """
    cursor = db.execute(
        """
        UPDATE feeds SET title = coalesce(nullif(?, ''), title), link = coalesce(?, link),
            description = coalesce(nullif(?, ''), description), updated_at = ?, last_error = ?
        WHERE id = ?
        """,
        (parsed.title, parsed.link, parsed.description, to_db(now), parsed.error, feed_id),
    )
    _require_one(cursor, feed_id)


def set_feed_error(db: sqlite3.Connection, feed_id: int, error: str | None) -> None:
    """Record why the last update of the feed failed, or clear it with None."""
    cursor = db.execute("UPDATE feeds SET last_error = ? WHERE id = ?", (error, feed_id))
    _require_one(cursor, feed_id)


def get_fetch_state(db: sqlite3.Connection, feed_id: int) -> FetchState:
    """Return the validators and body hash saved by the last full fetch of the feed."""
    row = db.execute(
        "SELECT etag, last_modified, content_hash FROM feeds WHERE id = ?", (feed_id,)
    ).fetchone()
    if row is None:
        raise FeedNotFoundError(feed_id)
    return FetchState(*row)


def set_fetch_state(db: sqlite3.Connection, feed_id: int, state: FetchState) -> None:
    """Save the validators and body hash of a full fetch of the feed."""
    cursor = db.execute(
        "UPDATE feeds SET etag = ?, last_modified = ?, content_hash = ? WHERE id = ?",
        (state.etag, state.last_modified, state.content_hash, feed_id),
    )
    _require_one(cursor, feed_id)


def delete_feed(db: sqlite3.Connection, feed_id: int) -> None:
    """Unsubscribe; the feed's articles and their annotations go with it (ON DELETE CASCADE)."""
    cursor = db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
    _require_one(cursor, feed_id)


def require_feed(db: sqlite3.Connection, feed_id: int) -> None:
    """Raise FeedNotFoundError unless a feed has id `feed_id`."""
    if db.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
        raise FeedNotFoundError(feed_id)


def _require_one(cursor: sqlite3.Cursor, feed_id: int) -> None:
    """Raise FeedNotFoundError when a write by feed id touched no row."""
    if cursor.rowcount != 1:
        raise FeedNotFoundError(feed_id)


def _feed(row: Any) -> Feed:
    """Build a Feed from a row selected with `_COLUMNS`."""
    feed_id, url, title, link, description, tags, updated_at, last_error = row
    return Feed(
        id=feed_id,
        url=url,
        title=title,
        link=link,
        description=description,
        tags=tuple(json.loads(tags)),
        updated_at=from_db(updated_at),
        last_error=last_error,
    )
