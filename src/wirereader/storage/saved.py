"""Saved searches: named search texts the feed pane lists like feeds."""

from __future__ import annotations

import sqlite3

from wirereader.models import SavedSearch
from wirereader.storage.errors import StorageError

SAVED_DDL = """
CREATE TABLE saved_searches (
    -- surrogate key the feed pane refers to
    id INTEGER PRIMARY KEY,
    -- the name shown in the feed pane; one search per name
    name TEXT NOT NULL UNIQUE,
    -- the search as typed; parsed when shown, so a newer syntax reads old searches
    query TEXT NOT NULL
);
"""


def save_search(db: sqlite3.Connection, name: str, query: str) -> SavedSearch:
    """Keep `query` under `name`, replacing the query of a search already so named."""
    (search_id,) = db.execute(
        "INSERT INTO saved_searches (name, query) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET query = excluded.query RETURNING id",
        (name, query),
    ).fetchone()
    return SavedSearch(int(search_id), name, query)


def saved_searches(db: sqlite3.Connection) -> list[SavedSearch]:
    """Every saved search, by name ignoring case."""
    rows = db.execute("SELECT id, name, query FROM saved_searches ORDER BY lower(name), id")
    return [SavedSearch(*row) for row in rows]


def delete_saved_search(db: sqlite3.Connection, search_id: int) -> None:
    """Forget a saved search; StorageError when there is none with that id."""
    cursor = db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))
    if cursor.rowcount != 1:
        raise StorageError(f"no saved search with id {search_id}")
