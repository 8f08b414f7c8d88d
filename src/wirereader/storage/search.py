"""The full-text index: its DDL, keeping it in step with article writes, and search conditions.

The index holds its own copy of each article's title, body as plain text (not HTML),
author and feed title, with the article id as rowid. Storage writes it in the same
transaction as the articles; deletions and feed renames follow by trigger.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
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
# A word for the unicode61 tokenizer: letters and digits; everything else separates words.
_WORD = re.compile(r"[^\W_]+")

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


# Words matching at most this many articles have their search's other conditions checked
# per match whatever those conditions keep: at ~1 us a check that is a few milliseconds.
FEW_MATCHES = 4000


def few_matches(db: sqlite3.Connection, match: str) -> bool:
    """True when the MATCH expression selects at most FEW_MATCHES articles.

    Counting stops one past the limit, so the probe costs at most that many index entries.
    """
    (count,) = db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?)",
        (match, FEW_MATCHES + 1),
    ).fetchone()
    return int(count) <= FEW_MATCHES


def without_feed_terms(query: SearchQuery) -> SearchQuery:
    """The query less its feed: terms, which `feed_conditions` turns into feed ids."""
    return replace(
        query,
        include=tuple(t for t in query.include if t.column != "feed"),
        exclude=tuple(t for t in query.exclude if t.column != "feed"),
    )


def feed_conditions(db: sqlite3.Connection, query: SearchQuery) -> list[str]:
    """Conditions on `articles.feed_id` for the query's feed: terms.

    Feed titles are few, so they are matched here, with the index's word rules (case and
    accents ignored), and the articles are then read from the per-feed list index; matching
    a feed: phrase in the full-text index means checking word positions in every article.
    """
    terms = [(t, True) for t in query.include if t.column == "feed"]
    terms += [(t, False) for t in query.exclude if t.column == "feed"]
    if not terms:
        return []
    titles = [
        (feed_id, _words(title))
        for feed_id, title in db.execute("SELECT id, coalesce(nullif(title, ''), url) FROM feeds")
    ]
    found: list[str] = []
    for term, wanted in terms:
        ids = [feed_id for feed_id, words in titles if _has_phrase(words, term)]
        listed = ", ".join(str(int(feed_id)) for feed_id in ids)
        found.append(f"feed_id {'IN' if wanted else 'NOT IN'} ({listed})")
    return found


def _words(text: str) -> list[str]:
    """The words of `text` as the index's unicode61 tokenizer sees them, case and accents off."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(plain.casefold())


def _has_phrase(words: Sequence[str], term: Term) -> bool:
    """True when `term`'s words appear together in `words`, the last as a prefix if asked."""
    wanted = _words(term.text)
    if not wanted:
        return False
    for start in range(len(words) - len(wanted) + 1):
        window = words[start : start + len(wanted)]
        if window[:-1] != wanted[:-1]:
            continue
        last = window[-1]
        if last == wanted[-1] or (term.prefix and last.startswith(wanted[-1])):
            return True
    return False
