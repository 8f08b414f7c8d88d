"""Feed rows: subscribing, reading, updating from a parsed document, and deleting."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wirereader.models import Feed, FeedSettings, FeedStats, ParsedFeed
from wirereader.storage.dates import from_db, to_db
from wirereader.storage.errors import FeedExistsError, FeedNotFoundError
from wirereader.storage.sql import transaction

_COLUMNS = (
    "id, url, title, link, description, tags, updated_at, last_error, "
    "refresh_minutes, keep_days, fetch_full, hide_from_all, read_on_arrival, title_locked"
)
# A removed feed survives as a hidden row while starred articles of it are kept.
_LIVE = "removed_at IS NULL"
# A feed with no title yet is listed (and sorted) by its URL.
_ORDER = "ORDER BY coalesce(nullif(title, ''), url) COLLATE NOCASE, id"


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a conditional fetch of a feed sends back, and the hash of the last body."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class FetchTarget:
    """A subscribed feed as a refresh sees it: where to fetch, what to send, whether to wait."""

    feed_id: int
    url: str
    state: FetchState
    gone: bool = False
    retry_after: datetime | None = None
    # when the feed was last fetched (else last updated), and its own auto-refresh interval
    checked_at: datetime | None = None
    refresh_minutes: int | None = None


def add_feed(
    db: sqlite3.Connection, url: str, title: str, tags: Sequence[str], now: datetime
) -> Feed:
    """Subscribe to `url`, reviving it if it was removed; FeedExistsError when subscribed."""
    with transaction(db):
        row = db.execute("SELECT id, removed_at FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is not None and row[1] is None:
            raise FeedExistsError(url)
        if row is None:
            cursor = db.execute(
                "INSERT INTO feeds (url, title, tags, added_at) VALUES (?, ?, ?, ?)",
                (url, title, json.dumps(list(tags)), to_db(now)),
            )
            assert cursor.lastrowid is not None
            return get_feed(db, cursor.lastrowid)
        _revive(db, row[0], title, tags, now)
        return get_feed(db, row[0])


def _revive(
    db: sqlite3.Connection, feed_id: int, title: str, tags: Sequence[str], now: datetime
) -> None:
    """Subscribe again to a removed feed: its kept starred articles rejoin it.

    The fetch state is forgotten, so the first refresh reads the whole document again.
    """
    db.execute(
        """
        UPDATE feeds SET title = ?, tags = ?, added_at = ?, updated_at = NULL, last_error = NULL,
            etag = NULL, last_modified = NULL, content_hash = NULL,
            removed_at = NULL, gone_at = NULL, retry_after = NULL
        WHERE id = ?
        """,
        (title, json.dumps(list(tags)), to_db(now), feed_id),
    )


def remove_feed(db: sqlite3.Connection, feed_id: int, now: datetime) -> None:
    """Unsubscribe, keeping the starred articles; FeedNotFoundError unless subscribed.

    With starred articles left the row stays, hidden, so they keep their feed's title;
    without any it is deleted outright.
    """
    with transaction(db):
        cursor = db.execute(
            f"UPDATE feeds SET removed_at = ? WHERE id = ? AND {_LIVE}", (to_db(now), feed_id)
        )
        _require_one(cursor, feed_id)
        db.execute("DELETE FROM articles WHERE feed_id = ? AND starred = 0", (feed_id,))
        db.execute(
            "DELETE FROM feeds WHERE id = ? "
            "AND NOT EXISTS (SELECT 1 FROM articles WHERE feed_id = ?)",
            (feed_id, feed_id),
        )


def get_feed(db: sqlite3.Connection, feed_id: int) -> Feed:
    """Return the feed with id `feed_id`; FeedNotFoundError when there is none."""
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    if row is None:
        raise FeedNotFoundError(feed_id)
    return _feed(row)


def get_feed_by_url(db: sqlite3.Connection, url: str) -> Feed | None:
    """Return the feed subscribed at exactly `url`, or None."""
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ? AND {_LIVE}", (url,)).fetchone()
    return None if row is None else _feed(row)


def get_feeds(db: sqlite3.Connection) -> list[Feed]:
    """Return every subscribed feed, sorted by title ignoring case."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE {_LIVE} {_ORDER}")
    return [_feed(row) for row in rows]


def feed_stats(db: sqlite3.Connection) -> list[FeedStats]:
    """Return every feed with its unread and total article counts, in one query.

    The correlated counts are answered from the per-feed indexes, never the article rows.
    """
    rows = db.execute(
        f"""
        SELECT {_COLUMNS},
            (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.id AND a.read = 0),
            (SELECT count(*) FROM articles AS a WHERE a.feed_id = f.id)
        FROM feeds AS f WHERE {_LIVE} {_ORDER}
        """
    )
    return [FeedStats(_feed(row[:-2]), unread=row[-2], total=row[-1]) for row in rows]


def is_empty(db: sqlite3.Connection) -> bool:
    """True when no feed was ever kept: a removed feed still holding starred articles counts.

    "Empty" means a first launch, so removing every feed does not bring the samples back.
    """
    (empty,) = db.execute("SELECT NOT EXISTS (SELECT 1 FROM feeds)").fetchone()
    return bool(empty)


def update_feed(db: sqlite3.Connection, feed_id: int, parsed: ParsedFeed, now: datetime) -> None:
    """Record what a fetched document says about its feed, and its error if any.

    Fields the document leaves empty keep their known values, so a broken fetch does not
    wipe the title, link or description.
    """
    cursor = db.execute(
        """
        UPDATE feeds SET
            title = CASE WHEN title_locked THEN title ELSE coalesce(nullif(?, ''), title) END,
            link = coalesce(?, link),
            description = coalesce(nullif(?, ''), description), updated_at = ?, last_error = ?
        WHERE id = ?
        """,
        (parsed.title, parsed.link, parsed.description, to_db(now), parsed.error, feed_id),
    )
    _require_one(cursor, feed_id)


def record_check(db: sqlite3.Connection, feed_id: int, state: FetchState, now: datetime) -> None:
    """Record a successful fetch at `now`: new validators, no error, no wait."""
    cursor = db.execute(
        """
        UPDATE feeds SET etag = ?, last_modified = ?, content_hash = ?, last_error = NULL,
            retry_after = NULL, checked_at = ?
        WHERE id = ?
        """,
        (state.etag, state.last_modified, state.content_hash, to_db(now), feed_id),
    )
    _require_one(cursor, feed_id)


def record_failure(db: sqlite3.Connection, feed_id: int, error: str, now: datetime) -> None:
    """Record a fetch at `now` that failed, and why; the feed is due again one interval later."""
    cursor = db.execute(
        "UPDATE feeds SET last_error = ?, checked_at = ? WHERE id = ?",
        (error, to_db(now), feed_id),
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


def set_feed_url(db: sqlite3.Connection, feed_id: int, url: str) -> None:
    """Move the feed to `url` (a permanent redirect); FeedExistsError when `url` is taken."""
    try:
        cursor = db.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, feed_id))
    except sqlite3.IntegrityError as error:
        if "feeds.url" in str(error):
            raise FeedExistsError(url) from error
        raise
    _require_one(cursor, feed_id)


def set_feed_title(db: sqlite3.Connection, feed_id: int, title: str) -> None:
    """Name the feed as the user wishes; fetched documents no longer change its title."""
    cursor = db.execute(
        "UPDATE feeds SET title = ?, title_locked = 1 WHERE id = ?", (title, feed_id)
    )
    _require_one(cursor, feed_id)


def set_feed_tags(db: sqlite3.Connection, feed_id: int, tags: Sequence[str]) -> None:
    """Replace the feed's tags."""
    cursor = db.execute("UPDATE feeds SET tags = ? WHERE id = ?", (json.dumps(list(tags)), feed_id))
    _require_one(cursor, feed_id)


def update_settings(
    db: sqlite3.Connection,
    feed_id: int,
    settings: FeedSettings,
    *,
    title: str | None = None,
    tags: Sequence[str] | None = None,
) -> None:
    """Save the user's settings of a feed, and its title and tags unless they are None.

    A title of "" gives the feed back its own title: the validators are forgotten so the
    next fetch reads the whole document, title included, even when it has not changed.
    """
    with transaction(db):
        cursor = db.execute(
            """
            UPDATE feeds SET refresh_minutes = ?, keep_days = ?, fetch_full = ?,
                hide_from_all = ?, read_on_arrival = ?
            WHERE id = ?
            """,
            (
                settings.refresh_minutes,
                settings.keep_days,
                int(settings.fetch_full),
                int(settings.hide_from_all),
                int(settings.read_on_arrival),
                feed_id,
            ),
        )
        _require_one(cursor, feed_id)
        if title:
            set_feed_title(db, feed_id, title)
        elif title is not None:
            db.execute(
                "UPDATE feeds SET title_locked = 0, etag = NULL, last_modified = NULL, "
                "content_hash = NULL WHERE id = ? AND title_locked = 1",
                (feed_id,),
            )
        if tags is not None:
            set_feed_tags(db, feed_id, tags)


def mark_arrivals_read(db: sqlite3.Connection, feed_id: int, now: datetime) -> None:
    """Mark read the articles first stored at `now`, when the feed wants arrivals read."""
    db.execute(
        """
        UPDATE articles SET read = 1, read_at = :now
        WHERE feed_id = :feed_id AND read = 0 AND first_seen = :now
            AND (SELECT read_on_arrival FROM feeds WHERE id = :feed_id) = 1
        """,
        {"feed_id": feed_id, "now": to_db(now)},
    )


def mark_feed_gone(db: sqlite3.Connection, feed_id: int, reason: str, now: datetime) -> None:
    """Record that the feed no longer exists (410 Gone): it stays listed but is not fetched."""
    cursor = db.execute(
        "UPDATE feeds SET gone_at = ?, checked_at = ?, last_error = ? WHERE id = ?",
        (to_db(now), to_db(now), reason, feed_id),
    )
    _require_one(cursor, feed_id)


def set_retry_after(db: sqlite3.Connection, feed_id: int, when: datetime | None) -> None:
    """Do not fetch the feed before `when` (the server asked us to back off); None: any time."""
    cursor = db.execute("UPDATE feeds SET retry_after = ? WHERE id = ?", (to_db(when), feed_id))
    _require_one(cursor, feed_id)


def fetch_targets(db: sqlite3.Connection, feed_ids: Sequence[int] | None) -> list[FetchTarget]:
    """Return what a refresh needs of each subscribed feed (of `feed_ids`, else of all)."""
    query = (
        "SELECT id, url, etag, last_modified, content_hash, gone_at, retry_after, "
        f"coalesce(checked_at, updated_at), refresh_minutes FROM feeds WHERE {_LIVE}"
    )
    params: tuple[str, ...] = ()
    if feed_ids is not None:
        query += " AND id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(feed_ids)),)
    return [
        FetchTarget(
            feed_id=row[0],
            url=row[1],
            state=FetchState(*row[2:5]),
            gone=row[5] is not None,
            retry_after=from_db(row[6]),
            checked_at=from_db(row[7]),
            refresh_minutes=row[8],
        )
        for row in db.execute(query + " ORDER BY id", params)
    ]


def delete_feed(db: sqlite3.Connection, feed_id: int) -> None:
    """Unsubscribe; the feed's articles and their annotations go with it (ON DELETE CASCADE)."""
    cursor = db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
    _require_one(cursor, feed_id)


def drop_empty_removed(db: sqlite3.Connection) -> None:
    """Delete removed feeds that no longer hold any article."""
    db.execute(
        "DELETE FROM feeds AS f WHERE removed_at IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles WHERE feed_id = f.id)"
    )


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
    feed_id, url, title, link, description, tags, updated_at, last_error = row[:8]
    refresh_minutes, keep_days, fetch_full, hide_from_all, read_on_arrival, locked = row[8:]
    return Feed(
        id=feed_id,
        url=url,
        title=title,
        link=link,
        description=description,
        tags=tuple(json.loads(tags)),
        updated_at=from_db(updated_at),
        last_error=last_error,
        settings=FeedSettings(
            refresh_minutes=refresh_minutes,
            keep_days=keep_days,
            fetch_full=bool(fetch_full),
            hide_from_all=bool(hide_from_all),
            read_on_arrival=bool(read_on_arrival),
        ),
        title_locked=bool(locked),
    )
