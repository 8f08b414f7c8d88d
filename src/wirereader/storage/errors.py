"""The storage layer's exceptions, and the one place sqlite3 errors are translated into them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)

# Primary SQLite result codes meaning "someone else holds a lock"; see sqlite.org/rescode.html.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_FULL = 13
# What a failed write means to the user, by primary result code.
_WRITE_FAILURES = {
    _SQLITE_READONLY: "the database is read-only: stored articles can be read, "
    "but nothing can be saved (check the file's permissions)",
    _SQLITE_FULL: "the disk is full: nothing more can be saved until some space is freed",
}


class StorageError(Exception):
    """Base of every error the storage layer raises."""


class DatabaseLockedError(StorageError):
    """Another connection kept the database locked for longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__(
            "The database is locked: another wirereader instance is using it. "
            "Close the other instance or wait for it to finish, then try again."
        )


class SchemaVersionError(StorageError):
    """The database was written by a newer wirereader, or no migration path exists."""


class FeedNotFoundError(StorageError):
    """No feed has the given id."""

    def __init__(self, feed_id: int) -> None:
        super().__init__(f"no feed with id {feed_id}")
        self.feed_id = feed_id


class FeedExistsError(StorageError):
    """A feed with the given URL is already subscribed."""

    def __init__(self, url: str) -> None:
        super().__init__(f"already subscribed to {url}")
        self.url = url


class ArticleNotFoundError(StorageError):
    """No article has the given id."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"no article with id {article_id}")
        self.article_id = article_id


def is_lock_error(error: sqlite3.Error) -> bool:
    """True when `error` means the database was busy or locked by another connection."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    message = str(error).lower()
    return "database is locked" in message or "database is busy" in message


@contextmanager
def wrap_errors() -> Iterator[None]:
    """Re-raise any sqlite3 error in the block as a StorageError (or its locked subclass).

    Callers above the storage layer then handle one exception family and never import sqlite3.
    """
    try:
        yield
    except sqlite3.Error as error:
        logger.warning("SQLite error: %s", error, exc_info=True)
        if is_lock_error(error):
            raise DatabaseLockedError() from error
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _WRITE_FAILURES:
            raise StorageError(_WRITE_FAILURES[code & 0xFF]) from error
        raise StorageError(f"database error: {error}") from error
