"""Turn a current database back into an older schema version's shape, to test migrations."""

from __future__ import annotations

import re
import sqlite3

# Everything version 6 appended to the feeds table, from its first new column to the end.
_VERSION_6_FEED_COLUMNS = re.compile(r",\s*-- when the feed was last fetched.*\)\s*$", re.S)


def undo_version_6(raw: sqlite3.Connection) -> None:
    """Drop what the version 6 migration adds: per-feed settings and full articles.

    The feeds table is rebuilt (SQLite's recipe for schema changes) because DROP COLUMN
    mis-edits a definition that ends in comments.
    """
    raw.execute("DROP TABLE full_articles")
    (table_sql,) = raw.execute("SELECT sql FROM sqlite_schema WHERE name = 'feeds'").fetchone()
    triggers = [
        sql
        for (sql,) in raw.execute(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'feeds'"
        )
    ]
    old_sql = _VERSION_6_FEED_COLUMNS.sub("\n)", table_sql)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(old_sql.replace("CREATE TABLE feeds", "CREATE TABLE feeds_v5", 1))
    columns = ", ".join(row[1] for row in raw.execute("PRAGMA table_info(feeds_v5)"))
    raw.execute(f"INSERT INTO feeds_v5 ({columns}) SELECT {columns} FROM feeds")
    raw.execute("DROP TABLE feeds")
    raw.execute("ALTER TABLE feeds_v5 RENAME TO feeds")
    for sql in triggers:
        raw.execute(sql)


def undo_version_7(raw: sqlite3.Connection) -> None:
    """Drop what the version 7 migration adds: the list-row index."""
    raw.execute("DROP INDEX articles_rows")
