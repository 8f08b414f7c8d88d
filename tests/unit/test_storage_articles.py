"""Articles: the batch upsert, reading one article, flags, and the annotation cache."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wirereader.models import ArticleFilter, Label, ParsedArticle, Span
from wirereader.storage import ArticleNotFoundError, Storage, StoreResult

MakeArticle = Callable[..., ParsedArticle]
ALL = ArticleFilter()


@pytest.fixture
def feed_id(storage: Storage) -> int:
    return storage.add_feed("https://example.org/feed", "Example").id


def _only_id(storage: Storage) -> int:
    (summary,) = storage.list_articles(ALL, 0, 10)
    return summary.id


def test_stored_article_round_trips(storage: Storage, feed_id: int) -> None:
    parsed = ParsedArticle(
        guid="g1",
        title="Hello",
        link="https://example.org/1",
        author="Ann",
        published=datetime(2024, 5, 1, 10, 30, tzinfo=timezone(timedelta(hours=2))),
        summary="<p>short</p>",
        content_html="<p>long</p>",
    )
    assert storage.store_articles(feed_id, [parsed]) == StoreResult(new=1, updated=0)
    article = storage.get_article(_only_id(storage))
    assert (article.guid, article.title, article.link, article.author) == (
        "g1",
        "Hello",
        "https://example.org/1",
        "Ann",
    )
    assert article.published == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    assert article.published is not None and article.published.tzinfo == UTC
    assert (article.summary, article.content_html) == ("<p>short</p>", "<p>long</p>")
    assert (article.feed_id, article.feed_title) == (feed_id, "Example")
    assert not article.read and not article.starred


def test_naive_dates_are_taken_as_utc_and_updated_stands_in_for_published(
    storage: Storage, feed_id: int
) -> None:
    storage.store_articles(feed_id, [ParsedArticle("g", "t", updated=datetime(2024, 1, 2, 3, 4))])
    article = storage.get_article(_only_id(storage))
    assert article.published == datetime(2024, 1, 2, 3, 4, tzinfo=UTC)


def test_missing_article_raises_article_not_found(storage: Storage) -> None:
    with pytest.raises(ArticleNotFoundError):
        storage.get_article(7)
    with pytest.raises(ArticleNotFoundError):
        storage.set_read(7, True)
    with pytest.raises(ArticleNotFoundError):
        storage.set_starred(7, True)
    with pytest.raises(ArticleNotFoundError):
        storage.put_annotations(7, "v1", "h", [[]])


def test_unchanged_batch_writes_nothing(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    batch = [make_article("a", 1), make_article("b", 2)]
    assert storage.store_articles(feed_id, batch) == StoreResult(new=2, updated=0)
    assert storage.store_articles(feed_id, batch) == StoreResult(new=0, updated=0)
    assert storage.count_articles(ALL) == 2


def test_changed_article_is_updated_in_place_and_keeps_its_flags(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    storage.store_articles(feed_id, [make_article("a", 1, content_html="old")])
    article_id = _only_id(storage)
    storage.set_read(article_id, True)
    storage.set_starred(article_id, True)
    edited = make_article("a", 5, title="Corrected", content_html="new")
    assert storage.store_articles(feed_id, [edited]) == StoreResult(new=0, updated=1)
    article = storage.get_article(article_id)
    assert (article.title, article.content_html) == ("Corrected", "new")
    assert article.read and article.starred
    assert storage.count_articles(ALL) == 1


def test_duplicate_guids_in_one_batch_keep_the_last(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    batch = [make_article("a", title="first"), make_article("a", title="last")]
    assert storage.store_articles(feed_id, batch) == StoreResult(new=1, updated=0)
    assert storage.get_article(_only_id(storage)).title == "last"


def test_the_same_guid_in_two_feeds_is_two_articles(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    other = storage.add_feed("https://other.example/feed").id
    storage.store_articles(feed_id, [make_article("shared")])
    assert storage.store_articles(other, [make_article("shared")]) == StoreResult(1, 0)
    assert storage.count_articles(ALL) == 2


def test_undated_articles_list_in_feed_order(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    storage.store_articles(feed_id, [make_article(guid, None) for guid in "xyz"])
    assert [s.title for s in storage.list_articles(ALL, 0, 3)] == ["Title x", "Title y", "Title z"]
    assert all(s.published is None for s in storage.list_articles(ALL, 0, 3))


def test_flags_round_trip_and_survive_reopening(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "wire.sqlite"
    with Storage(path) as store:
        feed = store.add_feed("https://example.org/feed")
        store.store_articles(feed.id, [make_article("a", 1), make_article("b", 2)])
        newer, older = store.list_articles(ALL, 0, 2)
        store.set_read(newer.id, True)
        store.set_starred(older.id, True)
        store.set_read(older.id, True)
        store.set_read(older.id, False)
    with Storage(path) as store:
        newer_now, older_now = store.list_articles(ALL, 0, 2)
    assert (newer_now.read, newer_now.starred) == (True, False)
    assert (older_now.read, older_now.starred) == (False, True)


def test_worker_threads_share_one_storage(tmp_path: Path, make_article: MakeArticle) -> None:
    with Storage(tmp_path / "wire.sqlite") as store:
        feed = store.add_feed("https://example.org/feed")
        store.store_articles(feed.id, [make_article(str(i), i) for i in range(40)])
        ids = [s.id for s in store.list_articles(ALL, 0, 40)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda article_id: store.set_read(article_id, True), ids[:30]))
            counts = list(pool.map(lambda _: store.count_articles(ALL), range(8)))
        assert counts == [40] * 8
        assert store.count_articles(ArticleFilter(unread_only=True)) == 10


def test_annotations_round_trip_and_go_stale(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    storage.store_articles(feed_id, [make_article("a")])
    article_id = _only_id(storage)
    spans = [[Span(0, 5, Label.PERSON), Span(10, 13, Label.MONEY)], [], [Span(2, 4, Label.ORG)]]
    assert storage.get_annotations(article_id, "v1", "h1") is None
    storage.put_annotations(article_id, "v1", "h1", spans)
    assert storage.get_annotations(article_id, "v1", "h1") == spans
    assert storage.get_annotations(article_id, "v2", "h1") is None
    assert storage.get_annotations(article_id, "v1", "h2") is None
    storage.put_annotations(article_id, "v2", "h2", [[]])
    assert storage.get_annotations(article_id, "v2", "h2") == [[]]
    assert storage.get_annotations(article_id, "v1", "h1") is None


def test_changed_text_drops_cached_annotations_but_other_changes_keep_them(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    storage.store_articles(feed_id, [make_article("a", 1, content_html="one")])
    article_id = _only_id(storage)
    storage.put_annotations(article_id, "v1", "h", [[]])
    storage.store_articles(feed_id, [make_article("a", 1, content_html="one", link="https://x")])
    assert storage.get_annotations(article_id, "v1", "h") == [[]]
    storage.store_articles(feed_id, [make_article("a", 1, content_html="two", link="https://x")])
    assert storage.get_annotations(article_id, "v1", "h") is None


def test_unannotated_articles_lists_missing_and_other_versions_newest_first(
    storage: Storage, feed_id: int, make_article: MakeArticle
) -> None:
    storage.store_articles(feed_id, [make_article(str(i), i) for i in range(4)])
    ids = [s.id for s in storage.list_articles(ALL, 0, 4)]
    storage.put_annotations(ids[0], "v1", "h", [[]])
    storage.put_annotations(ids[1], "v0", "h", [[]])
    assert storage.unannotated_articles("v1") == ids[1:]
    assert storage.unannotated_articles("v1", limit=2) == ids[1:3]
