"""Conversion between aware datetimes and the UTC ISO-8601 text the database stores."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


@overload
def to_db(value: datetime) -> str: ...
@overload
def to_db(value: None) -> None: ...
@overload
def to_db(value: datetime | None) -> str | None: ...
def to_db(value: datetime | None) -> str | None:
    """Return `value` as fixed-width UTC ISO-8601 text; a naive datetime is taken to be UTC.

    Every stored timestamp has the same width and offset, so text order is time order and
    `ORDER BY` and indexes work on the text directly.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    """Return the aware UTC datetime stored as `text`, or None for NULL."""
    return None if text is None else datetime.fromisoformat(text)


def local_time(value: datetime) -> datetime:
    """`value` in the local time zone; in UTC when that would leave the years 1 to 9999.

    Feeds date items 0001-01-01 or 9999-12-31, which a time zone west or east of UTC
    cannot represent, and display must not crash on them.
    """
    try:
        return value.astimezone()
    except (OverflowError, ValueError):
        return value.astimezone(UTC)
