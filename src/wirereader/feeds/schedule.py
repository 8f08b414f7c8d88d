"""When a feed is due for an automatic refresh: its own interval, else the config's."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from wirereader.storage import FetchTarget


def is_due(target: FetchTarget, default_minutes: int, now: datetime) -> bool:
    """True when an automatic refresh should fetch the feed now.

    An interval of 0 means never; a gone feed, or one the server asked to wait, is not due;
    a feed never checked is due at once. Explicit refreshes ignore all this.
    """
    minutes = default_minutes if target.refresh_minutes is None else target.refresh_minutes
    if minutes <= 0 or target.gone:
        return False
    if target.retry_after is not None and target.retry_after > now:
        return False
    return target.checked_at is None or now - target.checked_at >= timedelta(minutes=minutes)


def due_feeds(targets: Iterable[FetchTarget], default_minutes: int, now: datetime) -> list[int]:
    """The ids of the feeds among `targets` that are due, in their order."""
    return [t.feed_id for t in targets if is_due(t, default_minutes, now)]
