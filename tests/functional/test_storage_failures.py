"""A full disk or a read-only database: a clear message, and what is stored still reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional.conftest import settle
from wirereader.models import ArticleFilter, ParsedArticle
from wirereader.storage import Storage, StorageError
from wirereader.ui.app import WireReaderApp
from wirereader.ui.widgets.article_list import ArticleList

ALL = ArticleFilter()


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    with Storage(tmp_path / "db.sqlite") as store:
        yield store


def fill(storage: Storage, count: int, start: int = 0) -> None:
    feed = storage.get_feed_by_url("https://full.example/") or storage.add_feed(
        "https://full.example/"
    )
    articles = [
        ParsedArticle(guid=f"a{i}", title=f"Story {i}", content_html="<p>" + "word " * 400)
        for i in range(start, start + count)
    ]
    storage.store_articles(feed.id, articles)


def test_a_full_disk_is_named_and_what_is_stored_still_reads(storage: Storage) -> None:
    fill(storage, 5)
    (pages,) = storage._db.execute("PRAGMA page_count").fetchone()
    storage._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(StorageError, match="^the disk is full: nothing more can be saved"):
        fill(storage, 200, start=5)
    assert storage.count_articles(ALL) == 5  # the failed batch was rolled back whole
    assert [row.title for row in storage.list_articles(ALL, 0, 1)] == ["Story 0"]


def test_a_read_only_database_is_named_and_still_reads(storage: Storage) -> None:
    fill(storage, 3)
    storage._db.execute("PRAGMA query_only = ON")
    article_id = storage.list_articles(ALL, 0, 1)[0].id
    with pytest.raises(StorageError, match="^the database is read-only: stored articles"):
        storage.set_starred(article_id, True)
    assert storage.get_article(article_id).title == "Story 0"


async def test_the_app_says_so_and_keeps_showing_articles(app: WireReaderApp) -> None:
    fill(app.service.storage, 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.service.storage._db.execute("PRAGMA query_only = ON")
        await pilot.press("s")
        await settle(pilot)
        messages = [notice.message for notice in app._notifications]
        assert any(message.startswith("the database is read-only") for message in messages)
        assert app.is_running
        articles = app.query_one(ArticleList)
        assert articles.total == 3 and not articles.current.starred  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot)
        assert app.open_article is not None and app.open_article.article.title == "Story 0"
