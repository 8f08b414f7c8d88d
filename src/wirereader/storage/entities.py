"""The entity index: which stored articles mention which names, for lists across articles."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from wirereader.models import EntityCount, EntityRef, Label
from wirereader.storage.dates import to_db

ENTITY_DDL = """
CREATE TABLE entity_mentions (
    -- the article naming the entity; its rows go with it
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- PERSON, ORG, PLACE or MISC
    kind TEXT NOT NULL,
    -- the name folded for matching: case-folded, blanks collapsed (search.entity_key)
    name TEXT NOT NULL,
    -- the name as the article first writes it, for display
    text TEXT NOT NULL,
    PRIMARY KEY (kind, name, article_id)
) WITHOUT ROWID;

-- Replacing an article's rows, and counting the names of recent articles, start from it.
CREATE INDEX entity_mentions_article ON entity_mentions (article_id, kind, name, text);
"""


def put_entities(
    db: sqlite3.Connection, article_id: int, entities: Sequence[tuple[EntityRef, str]]
) -> None:
    """Replace the names the article mentions: (entity, as written) pairs."""
    db.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT OR IGNORE INTO entity_mentions (article_id, kind, name, text) VALUES (?, ?, ?, ?)",
        [(article_id, ref.label.value, ref.name, text) for ref, text in entities],
    )


def forget_entities(db: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Drop the names of articles whose texts changed."""
    db.executemany("DELETE FROM entity_mentions WHERE article_id = ?", [(i,) for i in article_ids])


def condition(ref: EntityRef) -> tuple[str, dict[str, str]]:
    """The condition on `articles` selecting those that mention the entity."""
    return (
        "id IN (SELECT article_id FROM entity_mentions "
        "WHERE kind = :entity_kind AND name = :entity_name)",
        {"entity_kind": ref.label.value, "entity_name": ref.name},
    )


def top_entities(
    db: sqlite3.Connection, since: datetime, kinds: Sequence[Label], limit: int
) -> list[EntityCount]:
    """The entities of `kinds` mentioned by the most articles dated since `since`.

    CROSS JOIN fixes the order: recent ids from the date index, then their names from
    entity_mentions_article, both covering. Left to itself SQLite went from the names to
    each article's row, whose sort_date lies past the body (1.2 s at 10,000 articles).
    """
    rows = db.execute(
        f"""
        SELECT m.kind, m.name, min(m.text), count(*) AS articles
        FROM articles AS a CROSS JOIN entity_mentions AS m ON m.article_id = a.id
        WHERE a.sort_date >= ? AND m.kind IN ({", ".join("?" for _ in kinds)})
        GROUP BY m.kind, m.name
        ORDER BY articles DESC, m.name
        LIMIT ?
        """,
        (to_db(since), *(kind.value for kind in kinds), limit),
    )
    return [
        EntityCount(EntityRef(Label(kind), name), text, count) for kind, name, text, count in rows
    ]
