"""Feeds: subscribing, reading, updating, deleting, fetch state and the per-feed counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

import pytest

from wirereader.models import ArticleFilter, ParsedArticle, ParsedFeed, ViewCounts
from wirereader.storage import (
    ArticleNotFoundError,
    FeedExistsError,
    FeedNotFoundError,
    FetchState,
    Storage,
)

MakeArticle = Callable[..., ParsedArticle]


def test_new_storage_is_empty_until_a_feed_is_added(storage: Storage) -> None:
    assert storage.is_empty()
    storage.add_feed("https://example.org/feed")
    assert not storage.is_empty()


def test_added_feed_round_trips(storage: Storage) -> None:
    feed = storage.add_feed("https://example.org/feed", "Example", tags=["news", "tech"])
    assert feed.url == "https://example.org/feed"
    assert feed.title == "Example"
    assert feed.tags == ("news", "tech")
    assert feed.updated_at is None
    assert storage.get_feed(feed.id) == feed
    assert storage.get_feed_by_url(feed.url) == feed
    assert storage.get_feed_by_url("https://example.org/other") is None


def test_adding_the_same_url_twice_raises_feed_exists(storage: Storage) -> None:
    storage.add_feed("https://example.org/feed")
    with pytest.raises(FeedExistsError, match="already subscribed"):
        storage.add_feed("https://example.org/feed", "Again")


def test_missing_feed_raises_feed_not_found(storage: Storage) -> None:
    with pytest.raises(FeedNotFoundError):
        storage.get_feed(42)
    with pytest.raises(FeedNotFoundError):
        storage.set_feed_error(42, "boom")
    with pytest.raises(FeedNotFoundError):
        storage.update_feed(42, ParsedFeed(title="x"))
    with pytest.raises(FeedNotFoundError):
        storage.delete_feed(42)
    with pytest.raises(FeedNotFoundError):
        storage.store_articles(42, [])


def test_feeds_sort_by_title_ignoring_case_and_untitled_ones_by_url(storage: Storage) -> None:
    storage.add_feed("https://c.example/feed", "banana")
    storage.add_feed("https://b.example/feed", "Apple")
    storage.add_feed("https://a.example/feed", "cherry")
    storage.add_feed("https://zzz.example/feed")
    titles = [feed.title or feed.url for feed in storage.get_feeds()]
    assert titles == ["Apple", "banana", "cherry", "https://zzz.example/feed"]


def test_update_feed_records_the_document_and_its_error(storage: Storage) -> None:
    feed = storage.add_feed("https://example.org/feed", "Given title")
    parsed = ParsedFeed(
        title="Real title", link="https://example.org/", description="About", error="bozo"
    )
    storage.update_feed(feed.id, parsed)
    updated = storage.get_feed(feed.id)
    assert (updated.title, updated.link, updated.description) == (
        "Real title",
        "https://example.org/",
        "About",
    )
    assert updated.last_error == "bozo"
    assert updated.updated_at is not None and updated.updated_at.tzinfo == UTC


def test_update_with_empty_fields_keeps_the_known_ones(storage: Storage) -> None:
    feed = storage.add_feed("https://example.org/feed", "Known")
    storage.update_feed(
        feed.id, ParsedFeed(title="T", link="https://example.org/", description="D")
    )
    storage.update_feed(feed.id, ParsedFeed(title="", error="timed out"))
    updated = storage.get_feed(feed.id)
    assert (updated.title, updated.link, updated.description) == ("T", "https://example.org/", "D")
    assert updated.last_error == "timed out"


def test_feed_error_is_set_and_cleared(storage: Storage) -> None:
    feed = storage.add_feed("https://example.org/feed")
    storage.set_feed_error(feed.id, "HTTP 500")
    assert storage.get_feed(feed.id).last_error == "HTTP 500"
    storage.set_feed_error(feed.id, None)
    assert storage.get_feed(feed.id).last_error is None


def test_fetch_state_round_trips(storage: Storage) -> None:
    feed = storage.add_feed("https://example.org/feed")
    assert storage.get_fetch_state(feed.id) == FetchState()
    state = FetchState(
        etag='"abc"', last_modified="Wed, 01 May 2024 08:00:00 GMT", content_hash="h"
    )
    storage.set_fetch_state(feed.id, state)
    assert storage.get_fetch_state(feed.id) == state
    with pytest.raises(FeedNotFoundError):
        storage.get_fetch_state(feed.id + 1)


def test_deleting_a_feed_deletes_its_articles_and_annotations(
    storage: Storage, make_article: MakeArticle
) -> None:
    gone = storage.add_feed("https://gone.example/feed")
    kept = storage.add_feed("https://kept.example/feed")
    storage.store_articles(gone.id, [make_article("a"), make_article("b")])
    storage.store_articles(kept.id, [make_article("a")])
    (doomed, *_) = storage.list_articles(ArticleFilter(feed_id=gone.id), 0, 10)
    storage.put_annotations(doomed.id, "v1", "hash", [[]])
    storage.delete_feed(gone.id)
    assert [feed.id for feed in storage.get_feeds()] == [kept.id]
    assert storage.count_articles(ArticleFilter()) == 1
    with pytest.raises(ArticleNotFoundError):
        storage.get_article(doomed.id)
    assert storage.get_annotations(doomed.id, "v1", "hash") is None


def test_feed_stats_and_view_counts(storage: Storage, make_article: MakeArticle) -> None:
    busy = storage.add_feed("https://busy.example/feed", "Busy")
    quiet = storage.add_feed("https://quiet.example/feed", "Quiet")
    storage.store_articles(busy.id, [make_article(str(i), i) for i in range(5)])
    first, second, *_ = storage.list_articles(ArticleFilter(feed_id=busy.id), 0, 5)
    storage.set_read(first.id, True)
    storage.set_read(second.id, True)
    storage.set_starred(second.id, True)
    stats = storage.feed_stats()
    assert [(s.feed.id, s.unread, s.total) for s in stats] == [(busy.id, 3, 5), (quiet.id, 0, 0)]
    assert stats[0].feed == storage.get_feed(busy.id)
    assert storage.view_counts() == ViewCounts(all=5, unread=3, starred=1)
