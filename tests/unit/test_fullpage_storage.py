"""Storing full articles: round trip, failures beside texts, and which pages are still wanted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wirereader.models import ArticleFilter, EntityRef, FeedSettings, Label, ParsedArticle, Span
from wirereader.storage import ArticleNotFoundError, Storage
from wirereader.storage.dates import utcnow


def store(storage: Storage, *links: str | None, full: bool = True) -> list[int]:
    """A feed (fetching full articles unless `full` is False) with one article per link, dated
    now, minute by minute; returns their ids, oldest first."""
    feed = storage.add_feed(f"https://n.example/{len(storage.get_feeds())}.xml", "News")
    storage.update_feed_settings(feed.id, FeedSettings(fetch_full=full))
    now = utcnow()
    articles = [
        ParsedArticle(
            guid=f"{feed.id}-{n}",
            title=f"{feed.id}-{n}",
            link=link,
            published=now - timedelta(minutes=len(links) - n),
        )
        for n, link in enumerate(links)
    ]
    storage.store_articles(feed.id, articles)
    rows = storage.list_articles(ArticleFilter(feed_id=feed.id), 0, 100)
    return [row.id for row in reversed(rows)]


def test_a_full_text_round_trips(storage: Storage) -> None:
    (article,) = store(storage, "https://n.example/a")
    assert storage.get_full_article(article) is None
    before = utcnow()
    storage.put_full_text(article, "https://n.example/a?final", "<p>Body</p>", "trafilatura 2.3.1")
    full = storage.get_full_article(article)
    assert full is not None
    assert (full.article_id, full.url, full.html, full.extractor, full.error) == (
        article,
        "https://n.example/a?final",
        "<p>Body</p>",
        "trafilatura 2.3.1",
        None,
    )
    assert before <= full.fetched_at <= utcnow()


def test_a_failure_is_recorded_and_a_later_text_clears_it(storage: Storage) -> None:
    (article,) = store(storage, "https://n.example/a")
    storage.put_full_error(article, "https://n.example/a", "HTTP 404 Not Found")
    full = storage.get_full_article(article)
    assert full is not None and (full.html, full.error) == ("", "HTTP 404 Not Found")
    storage.put_full_text(article, "https://n.example/a", "<p>Body</p>", "x 1")
    full = storage.get_full_article(article)
    assert full is not None and (full.html, full.error) == ("<p>Body</p>", None)


def test_a_failed_refetch_keeps_the_stored_text(storage: Storage) -> None:
    (article,) = store(storage, "https://n.example/a")
    storage.put_full_text(article, "https://n.example/a", "<p>Body</p>", "x 1")
    storage.put_full_error(article, "https://n.example/a", "timed out after 60 s")
    full = storage.get_full_article(article)
    assert full is not None and (full.html, full.error) == ("<p>Body</p>", None)


def test_a_new_full_text_drops_the_cached_spans_and_indexed_names(storage: Storage) -> None:
    (article,) = store(storage, "https://n.example/a")
    ref = EntityRef(Label.PERSON, "ilse brandvik")
    storage.put_annotations(
        article, "v1", "hash", [[Span(0, 4, Label.PERSON)]], [(ref, "Ilse Brandvik")]
    )
    assert storage.count_articles(ArticleFilter(entity=ref)) == 1
    storage.put_full_text(article, "https://n.example/a", "<p>Body</p>", "x 1")
    assert storage.get_annotations(article, "v1", "hash") is None
    assert storage.count_articles(ArticleFilter(entity=ref)) == 0


def test_an_unknown_article_is_an_error(storage: Storage) -> None:
    with pytest.raises(ArticleNotFoundError):
        storage.put_full_text(999, "https://n.example/a", "<p>Body</p>", "x 1")
    with pytest.raises(ArticleNotFoundError):
        storage.put_full_error(999, "https://n.example/a", "HTTP 404 Not Found")


def test_wanted_pages_are_recent_web_links_of_fetch_full_feeds_without_a_text(
    storage: Storage,
) -> None:
    done, failed, fresh, _mail, _none, http = store(
        storage,
        "https://n.example/done",
        "https://n.example/failed",
        "https://n.example/fresh",
        "mailto:desk@n.example",
        None,
        "http://n.example/plain",
    )
    store(storage, "https://other.example/a", full=False)
    storage.put_full_text(done, "https://n.example/done", "<p>Body</p>", "x 1")
    storage.put_full_error(failed, "https://n.example/failed", "HTTP 500 Internal Server Error")
    wanted = storage.full_text_wanted(days=7, limit=10)
    assert wanted == [(http, "http://n.example/plain"), (fresh, "https://n.example/fresh")]
    assert storage.full_text_wanted(days=7, limit=1) == [(http, "http://n.example/plain")]


def test_old_articles_are_not_wanted(storage: Storage) -> None:
    feed = storage.add_feed("https://n.example/feed.xml", "News")
    storage.update_feed_settings(feed.id, FeedSettings(fetch_full=True))
    old = ParsedArticle(
        guid="old",
        title="old",
        link="https://n.example/old",
        published=utcnow() - timedelta(days=30),
    )
    storage.store_articles(feed.id, [old])
    assert storage.full_text_wanted(days=7, limit=10) == []
