"""Small sqlite3 helpers with no wirereader knowledge: explicit transactions and scripts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one transaction: commit when it succeeds, roll back when it raises.

    The connection must be in autocommit mode (`isolation_level=None`). BEGIN IMMEDIATE takes
    the write lock up front, so a busy database fails before any work is done, not midway.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute the statements of `script` one by one inside the current transaction.

    `executescript` would commit first, so a failed schema change could not be rolled back.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement at the end of the script: {statement!r}")
