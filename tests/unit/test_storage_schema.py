"""Schema creation, migrations, connection settings and the mapping of sqlite3 errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wirereader.storage import (
    DatabaseLockedError,
    SchemaVersionError,
    Storage,
    StorageError,
)
from wirereader.storage.db import open_db
from wirereader.storage.errors import wrap_errors
from wirereader.storage.schema import SCHEMA_VERSION, SchemaPlan, migrate, user_version
from wirereader.storage.sql import run_script, transaction


def _tables(db: sqlite3.Connection) -> set[str]:
    rows = db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
    return {name for (name,) in rows}


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _refuse(db: sqlite3.Connection) -> None:
    raise AssertionError("a fresh database must not run migrations")


def _add_pinned(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE notes ADD pinned INTEGER NOT NULL DEFAULT 0")


PLAN_V1 = SchemaPlan("CREATE TABLE notes (body TEXT);", 1)
PLAN_V2 = SchemaPlan(
    "CREATE TABLE notes (body TEXT, pinned INTEGER NOT NULL DEFAULT 0);", 2, {2: _add_pinned}
)


def test_fresh_memory_database_gets_the_whole_schema() -> None:
    db = open_db(":memory:")
    assert user_version(db) == SCHEMA_VERSION
    # FTS5 keeps its index in shadow tables named after the virtual table.
    tables = {name for name in _tables(db) if not name.startswith("article_search_")}
    assert tables == {
        "feeds",
        "articles",
        "annotations",
        "article_search",
        "saved_searches",
        "entity_mentions",
        "full_articles",
    }
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert "sort_date" in _columns(db, "articles")


def test_file_database_uses_wal_and_creates_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "wire.sqlite"
    db = open_db(path, busy_timeout_ms=1234)
    assert path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA busy_timeout").fetchone() == (1234,)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    db.close()


def test_reopening_a_current_database_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "wire.sqlite"
    with Storage(path) as store:
        store.add_feed("https://example.org/feed")
    with Storage(path) as store:
        assert [feed.url for feed in store.get_feeds()] == ["https://example.org/feed"]
        assert store.path == path


def test_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.sqlite"
    Storage(path).close()
    _raw(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaVersionError, match="upgrade wirereader"):
        Storage(path)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    _raw(path).execute("CREATE TABLE something (x)")
    with pytest.raises(StorageError, match="not a wirereader"):
        Storage(path)


def test_file_that_is_not_a_database_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"this is not an sqlite file at all" * 100)
    with pytest.raises(StorageError):
        Storage(path)


def test_fresh_database_is_created_at_the_target_version_without_migrations() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db, SchemaPlan(PLAN_V2.ddl, 2, {2: _refuse}))
    assert user_version(db) == 2
    assert _columns(db, "notes") == ["body", "pinned"]


def test_old_database_runs_each_missing_migration() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db, PLAN_V1)
    db.execute("INSERT INTO notes (body) VALUES ('kept')")
    migrate(db, PLAN_V2)
    assert user_version(db) == 2
    assert db.execute("SELECT body, pinned FROM notes").fetchall() == [("kept", 0)]


def test_failed_migration_leaves_the_old_version_intact() -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE notes ADD pinned INTEGER")
        raise RuntimeError("migration bug")

    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db, PLAN_V1)
    with pytest.raises(RuntimeError):
        migrate(db, SchemaPlan(PLAN_V2.ddl, 2, {2: broken}))
    assert user_version(db) == 1
    assert _columns(db, "notes") == ["body"]
    assert not db.in_transaction


def test_missing_migration_raises_schema_version_error() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db, PLAN_V1)
    with pytest.raises(SchemaVersionError, match="from schema version 1 to 2"):
        migrate(db, SchemaPlan(PLAN_V2.ddl, 2))


def test_transaction_rolls_back_when_the_block_raises() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE t (x)")
    with pytest.raises(ZeroDivisionError), transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        _ = 1 / 0
    assert db.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_run_script_splits_statements_containing_semicolons_in_comments() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    run_script(db, "CREATE TABLE a (\n  -- one; two\n  x\n);\nCREATE TABLE b (y);\n")
    assert _tables(db) == {"a", "b"}
    with pytest.raises(ValueError, match="incomplete"):
        run_script(db, "CREATE TABLE c (z")


def test_write_to_a_locked_database_raises_database_locked_error(tmp_path: Path) -> None:
    path = tmp_path / "wire.sqlite"
    with Storage(path, timeout=0.01) as store:
        feed = store.add_feed("https://example.org/feed")
        other = _raw(path)
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLockedError, match="another wirereader instance"):
            store.set_feed_error(feed.id, "boom")
        other.execute("ROLLBACK")
        store.set_feed_error(feed.id, "boom")
        assert store.get_feed(feed.id).last_error == "boom"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sqlite3.OperationalError("database is locked"), DatabaseLockedError),
        (sqlite3.OperationalError("no such table: nothing"), StorageError),
        (sqlite3.IntegrityError("CHECK constraint failed"), StorageError),
        (sqlite3.ProgrammingError("Cannot operate on a closed database."), StorageError),
    ],
)
def test_every_sqlite_error_becomes_a_storage_error(
    error: sqlite3.Error, expected: type[StorageError]
) -> None:
    with pytest.raises(expected) as caught, wrap_errors():
        raise error
    assert caught.type is expected
    assert caught.value.__cause__ is error


def test_real_busy_error_is_recognised_by_its_result_code(tmp_path: Path) -> None:
    path = tmp_path / "wire.sqlite"
    first, second = _raw(path), sqlite3.connect(path, timeout=0, isolation_level=None)
    first.execute("CREATE TABLE t (x)")
    first.execute("BEGIN EXCLUSIVE")
    with pytest.raises(DatabaseLockedError), wrap_errors():
        second.execute("SELECT * FROM t")


def test_closed_storage_raises_storage_error() -> None:
    store = Storage(":memory:")
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.get_feeds()
