"""The entity-span cache: spans per article, valid for one recogniser version and text hash."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from wirereader.models import Label, Span
from wirereader.storage.errors import ArticleNotFoundError


def get_annotations(
    db: sqlite3.Connection, article_id: int, version: str, text_hash: str
) -> list[list[Span]] | None:
    """Return the cached spans per text, or None when missing or made for other texts/code."""
    row = db.execute(
        """
        SELECT spans FROM annotations
        WHERE article_id = ? AND recogniser_version = ? AND text_hash = ?
        """,
        (article_id, version, text_hash),
    ).fetchone()
    return None if row is None else _decode(row[0])


def put_annotations(
    db: sqlite3.Connection,
    article_id: int,
    version: str,
    text_hash: str,
    spans: Sequence[Sequence[Span]],
) -> None:
    """Cache the spans of an article's texts, replacing any older entry."""
    try:
        db.execute(
            """
            INSERT INTO annotations (article_id, recogniser_version, text_hash, spans)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (article_id) DO UPDATE SET recogniser_version = excluded.recogniser_version,
                text_hash = excluded.text_hash, spans = excluded.spans
            """,
            (article_id, version, text_hash, _encode(spans)),
        )
    except sqlite3.IntegrityError as error:
        if "FOREIGN KEY" in str(error):
            raise ArticleNotFoundError(article_id) from error
        raise


def unannotated_articles(db: sqlite3.Connection, version: str, limit: int | None) -> list[int]:
    """Return ids of articles with no spans cached by recogniser `version`, newest first.

    Newest first because those are the ones the user is about to open.
    """
    rows = db.execute(
        """
        SELECT a.id FROM articles AS a
        LEFT JOIN annotations AS n ON n.article_id = a.id AND n.recogniser_version = ?
        WHERE n.article_id IS NULL
        ORDER BY a.sort_date DESC, a.id DESC
        LIMIT ?
        """,
        (version, -1 if limit is None else limit),
    )
    return [article_id for (article_id,) in rows]


def forget_annotations(db: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Drop the cached spans of the given articles, whose texts have changed."""
    db.executemany(
        "DELETE FROM annotations WHERE article_id = ?",
        [(article_id,) for article_id in article_ids],
    )


def _encode(spans: Sequence[Sequence[Span]]) -> str:
    """Encode spans as compact JSON: one list per text of [start, end, label] lists."""
    lists = [[[span.start, span.end, span.label.value] for span in text] for text in spans]
    return json.dumps(lists, separators=(",", ":"))


def _decode(text: str) -> list[list[Span]]:
    """Decode what `_encode` produced."""
    return [
        [Span(start, end, Label(label)) for start, end, label in spans]
        for spans in json.loads(text)
    ]
