"""Opening SQLite connections configured the way every storage module expects."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wirereader.storage.errors import StorageError
from wirereader.storage.schema import migrate

MEMORY = ":memory:"


def open_db(path: str | Path, *, busy_timeout_ms: int = 5000) -> sqlite3.Connection:
    """Open the database at `path` (creating it and its directory), set it up and migrate it."""
    in_memory = str(path) == MEMORY
    if not in_memory:
        _make_parent(Path(path))
    # Autocommit mode: transactions are explicit (see `sql.transaction`), never implicit.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        setup_db(db, wal=not in_memory, busy_timeout_ms=busy_timeout_ms)
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def setup_db(db: sqlite3.Connection, *, wal: bool, busy_timeout_ms: int = 5000) -> None:
    """Apply the per-connection settings: lock waiting, foreign keys and WAL journaling.

    WAL lets the UI read while a background update writes; NORMAL sync is safe under WAL.
    """
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    db.execute("PRAGMA foreign_keys = ON")
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")


def _make_parent(path: Path) -> None:
    """Create the directory the database file lives in, if it is missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"cannot create the directory {path.parent}: {error}") from error
