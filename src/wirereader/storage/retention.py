"""Retention: deleting each feed's unstarred articles once they are older than it keeps them."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from wirereader.storage.dates import to_db
from wirereader.storage.feeds import drop_empty_removed
from wirereader.storage.sql import transaction


def purge_expired(db: sqlite3.Connection, default_days: int, now: datetime) -> int:
    """Delete unstarred articles older than their feed's retention; return how many.

    A feed's own `keep_days` wins over `default_days`; 0 keeps everything. An article goes
    only when both its date and its first sighting are old: an old item seen for the first
    time today would otherwise be deleted and stored again, unread, on every refresh.
    Unstarred articles of removed feeds go whatever their age, as they were kept for a star.
    """
    deleted = 0
    with transaction(db):
        feeds = db.execute(
            "SELECT id, coalesce(keep_days, ?) FROM feeds WHERE removed_at IS NULL",
            (default_days,),
        ).fetchall()
        for feed_id, days in feeds:
            if days <= 0:
                continue
            cutoff = to_db(now - timedelta(days=days))
            deleted += db.execute(
                "DELETE FROM articles WHERE feed_id = ? AND starred = 0 "
                "AND sort_date < ? AND first_seen < ?",
                (feed_id, cutoff, cutoff),
            ).rowcount
        deleted += db.execute(
            "DELETE FROM articles WHERE starred = 0 "
            "AND feed_id IN (SELECT id FROM feeds WHERE removed_at IS NOT NULL)"
        ).rowcount
        drop_empty_removed(db)
    return deleted
