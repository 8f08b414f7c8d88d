"""The entity index: filled with the span cache, listed newest first, kept in step with writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.unit.schema_undo import undo_version_6, undo_version_7
from wirereader.models import ArticleFilter, EntityRef, Label, ParsedArticle
from wirereader.search.entities import entity_key
from wirereader.service import Service
from wirereader.storage import Storage

MakeArticle = Callable[..., ParsedArticle]
PUTIN = EntityRef(Label.PERSON, "vladimir putin")


def _recent(guid: str, hours: int, html: str) -> ParsedArticle:
    when = datetime.now(UTC) - timedelta(hours=hours)
    return ParsedArticle(guid, f"Story {guid}", published=when, content_html=html)


def _titles(storage: Storage, ref: EntityRef) -> list[str]:
    return [row.title for row in storage.list_articles(ArticleFilter(entity=ref), 0, 100)]


def test_entity_key_folds_case_and_blanks() -> None:
    assert entity_key("  Vladimir\n PUTIN ") == "vladimir putin"


def test_annotating_fills_the_index_and_lists_newest_first(storage: Storage) -> None:
    feed = storage.add_feed("https://wire.example/rss", "Wire").id
    storage.store_articles(
        feed,
        [
            _recent("a", 30, "<p>President Vladimir Putin met officials in Moscow.</p>"),
            _recent("b", 2, "<p>Vladimir Putin spoke in Moscow on Monday.</p>"),
            _recent("c", 1, "<p>The weather was mild.</p>"),
            _recent("old", 24 * 30, "<p>Vladimir Putin visited Moscow.</p>"),
        ],
    )
    service = Service(storage)
    assert service.annotate_missing() == 4
    assert _titles(storage, PUTIN) == ["Story b", "Story a", "Story old"]
    top = service.top_entities(days=7)
    counts = {(e.ref.label, e.ref.name): e.articles for e in top}
    assert counts[(Label.PERSON, "vladimir putin")] == 2
    assert counts[(Label.PLACE, "moscow")] == 2
    assert all(e.ref.label in (Label.PERSON, Label.ORG, Label.PLACE) for e in top)


def test_changed_text_and_deletes_leave_the_index(storage: Storage) -> None:
    feed = storage.add_feed("https://wire.example/rss", "Wire").id
    storage.store_articles(feed, [_recent("a", 1, "<p>Vladimir Putin met officials.</p>")])
    service = Service(storage)
    service.annotate_missing()
    assert _titles(storage, PUTIN) == ["Story a"]
    storage.store_articles(feed, [_recent("a", 1, "<p>Nobody in particular.</p>")])
    assert _titles(storage, PUTIN) == []
    service.annotate_missing()
    storage.store_articles(feed, [_recent("b", 1, "<p>Vladimir Putin again.</p>")])
    service.annotate_missing()
    assert _titles(storage, PUTIN) == ["Story b"]
    storage.delete_feed(feed)
    assert _titles(storage, PUTIN) == []


def test_upgrade_to_version_5_empties_the_span_cache(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite"
    with Storage(path) as storage:
        feed = storage.add_feed("https://wire.example/rss", "Wire").id
        storage.store_articles(feed, [_recent("a", 1, "<p>Vladimir Putin met officials.</p>")])
        Service(storage).annotate_missing()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DROP TABLE entity_mentions")
    undo_version_7(raw)
    undo_version_6(raw)
    raw.execute("PRAGMA user_version = 4")
    raw.close()
    with Storage(path) as storage:
        service = Service(storage)
        assert service.annotate_missing() == 1  # the cache was emptied so the index fills
        assert _titles(storage, PUTIN) == ["Story a"]
