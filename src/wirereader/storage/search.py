"""The full-text index: its DDL, keeping it in step with article writes, and search conditions.

The index holds its own copy of each article's title, body as plain text (not HTML),
author and feed title, with the article id as rowid. Storage writes it in the same
transaction as the articles; deletions and feed renames follow by trigger.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from wirereader.content.plain import plain_text
from wirereader.models import SearchQuery, Term

# Triggers need no Python: the index stores its text, so a deleted row is found by rowid.
SEARCH_DDL = """
-- title, body (plain text of the HTML), author and feed title of each article; rowid is
-- the article id; case and accents are ignored
CREATE VIRTUAL TABLE article_search USING fts5(
    title, body, author, feed, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
END;

CREATE TRIGGER article_search_feed AFTER UPDATE OF title, url ON feeds BEGIN
    UPDATE article_search SET feed = coalesce(nullif(new.title, ''), new.url)
    WHERE rowid IN (SELECT id FROM articles WHERE feed_id = new.id);
END;
"""

_SELECT = """
    SELECT a.id, a.title, a.content_html, a.summary, a.author,
        coalesce(nullif(f.title, ''), f.url)
    FROM articles AS a JOIN feeds AS f ON f.id = a.feed_id
"""
_BATCH = 500
COLUMNS = frozenset({"title", "body", "author", "feed"})

Params = dict[str, Any]


def index_articles(db: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """(Re)index the given articles from their stored rows, inside the caller's transaction."""
    for first in range(0, len(article_ids), _BATCH):
        ids = json.dumps(list(article_ids[first : first + _BATCH]))
        rows = db.execute(f"{_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))", (ids,))
        _write(db, rows.fetchall())


def index_all(db: sqlite3.Connection) -> None:
    """Index every stored article; the upgrade of a database made before the index."""
    cursor = db.execute(_SELECT)
    while rows := cursor.fetchmany(_BATCH):
        _write(db, rows)


def _write(db: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Replace the index entries of the given article rows."""
    entries = [
        (article_id, title, plain_text(content or summary), author or "", feed)
        for article_id, title, content, summary, author, feed in rows
    ]
    db.executemany("DELETE FROM article_search WHERE rowid = ?", [(e[0],) for e in entries])
    db.executemany(
        "INSERT INTO article_search (rowid, title, body, author, feed) VALUES (?, ?, ?, ?, ?)",
        entries,
    )


def conditions(query: SearchQuery) -> tuple[list[str], Params]:
    """SQL conditions on `articles` for the query's parts other than its words.

    The words themselves are read from the index by `listing._select`; only a query made
    of exclusions alone is applied here, as the set of articles that do not match.
    """
    found: list[str] = []
    params: Params = {}
    if query.exclude and not query.include:
        found.append(
            "id NOT IN (SELECT rowid FROM article_search WHERE article_search MATCH :unmatch)"
        )
        params["unmatch"] = " OR ".join(_phrase(term) for term in query.exclude)
    if query.read is not None:
        found.append("read = 1" if query.read else "read = 0")
    if query.starred:
        found.append("starred = 1")
    if query.before is not None:
        found.append("sort_date < :before")
        params["before"] = query.before.isoformat()
    if query.after is not None:
        found.append("sort_date >= :after")
        params["after"] = query.after.isoformat()
    return found, params


def match_expression(include: Sequence[Term], exclude: Sequence[Term] = ()) -> str:
    """An FTS5 query: every included term, none of the excluded ones.

    Each term is a double-quoted string with its quotes doubled, so FTS5 reads it as words
    only: operators, column names and punctuation typed by the user stay literal.
    """
    expression = " AND ".join(_phrase(term) for term in include)
    for term in exclude:
        expression = f"{expression} NOT {_phrase(term)}"
    return expression


def _phrase(term: Term) -> str:
    """One term as an FTS5 phrase, limited to its column and marked as a prefix if asked."""
    if term.column is not None and term.column not in COLUMNS:
        raise ValueError(f"no search column {term.column!r}")
    quoted = '"' + term.text.replace('"', '""') + '"'
    if term.prefix:
        quoted += " *"
    return f"({term.column} : {quoted})" if term.column else f"({quoted})"
