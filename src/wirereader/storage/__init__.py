"""SQLite persistence for feeds, articles, read/starred flags and cached entity spans."""

from wirereader.storage.articles import StoreResult
from wirereader.storage.errors import (
    ArticleNotFoundError,
    DatabaseLockedError,
    FeedExistsError,
    FeedNotFoundError,
    SchemaVersionError,
    StorageError,
)
from wirereader.storage.facade import Storage
from wirereader.storage.feeds import FetchState, FetchTarget

__all__ = [
    "ArticleNotFoundError",
    "DatabaseLockedError",
    "FeedExistsError",
    "FeedNotFoundError",
    "FetchState",
    "FetchTarget",
    "SchemaVersionError",
    "Storage",
    "StorageError",
    "StoreResult",
]
