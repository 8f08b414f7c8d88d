"""Schema version 2: removed feeds kept for starred articles, user titles, gone feeds, back-off,
retention, and the upgrade of a version 1 database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.schema_undo import undo_version_6, undo_version_7
from wirereader.models import ArticleFilter, ParsedArticle, ParsedFeed
from wirereader.storage import FeedExistsError, FeedNotFoundError, FetchState, Storage
from wirereader.storage.schema import SCHEMA_VERSION, user_version

MakeArticle = Callable[..., ParsedArticle]

# The version 1 schema as released, comments dropped: the starting point of the upgrade test.
V1_DDL = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    link TEXT,
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    added_at TEXT NOT NULL,
    updated_at TEXT,
    last_error TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    link TEXT,
    author TEXT,
    published TEXT,
    updated TEXT,
    summary TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL,
    sort_date TEXT NOT NULL CHECK (sort_date = coalesce(published, updated, first_seen)),
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    read_at TEXT,
    starred_at TEXT,
    UNIQUE (feed_id, guid)
);
CREATE INDEX articles_all ON articles (sort_date DESC, id DESC);
CREATE INDEX articles_feed ON articles (feed_id, sort_date DESC, id DESC);
CREATE INDEX articles_unread ON articles (sort_date DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_feed_unread ON articles (feed_id, sort_date DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_starred ON articles (sort_date DESC, id DESC) WHERE starred = 1;
CREATE INDEX articles_feed_starred ON articles (feed_id, sort_date DESC, id DESC)
    WHERE starred = 1;
CREATE TABLE annotations (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    recogniser_version TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    spans TEXT NOT NULL
);
"""


def _v1_database(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(V1_DDL)
    db.execute(
        "INSERT INTO feeds (id, url, title, tags, added_at, etag) VALUES "
        "(1, 'https://old.example/rss', 'Old', '[\"news\"]', '2024-01-01T00:00:00.000000+00:00', "
        "'\"v1\"')"
    )
    db.execute(
        "INSERT INTO articles (feed_id, guid, title, first_seen, sort_date, starred) VALUES "
        "(1, 'a', 'Kept', '2024-01-01T00:00:00.000000+00:00', "
        "'2024-01-01T00:00:00.000000+00:00', 1)"
    )
    db.execute("PRAGMA user_version = 1")
    db.close()


def test_a_version_1_database_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    _v1_database(path)
    with Storage(path) as store:
        (feed,) = store.get_feeds()
        assert (feed.url, feed.title, feed.tags) == ("https://old.example/rss", "Old", ("news",))
        assert store.get_fetch_state(feed.id).etag == '"v1"'
        (target,) = store.fetch_targets()
        assert (target.gone, target.retry_after) == (False, None)
        (article,) = store.list_articles(ArticleFilter(starred_only=True), 0, 10)
        assert article.title == "Kept"
        store.set_feed_title(feed.id, "Renamed")
        store.remove_feed(feed.id)
    raw = sqlite3.connect(path)
    assert user_version(raw) == SCHEMA_VERSION
    assert raw.execute("SELECT title, title_locked FROM feeds").fetchall() == [("Renamed", 1)]


def test_remove_feed_keeps_starred_articles_and_hides_the_feed(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://a.example/rss", "A")
    storage.store_articles(feed.id, [make_article("1"), make_article("2", 1)])
    starred = storage.list_articles(ArticleFilter(feed_id=feed.id), 0, 1)[0]
    storage.set_starred(starred.id, True)
    storage.remove_feed(feed.id)
    assert storage.get_feeds() == [] and storage.feed_stats() == []
    assert storage.get_feed_by_url(feed.url) is None
    assert storage.fetch_targets() == [] and storage.fetch_targets([feed.id]) == []
    (kept,) = storage.list_articles(ArticleFilter(), 0, 10)
    assert (kept.id, kept.feed_title, kept.starred) == (starred.id, "A", True)
    assert storage.view_counts().starred == 1
    assert not storage.is_empty()
    with pytest.raises(FeedNotFoundError):
        storage.remove_feed(feed.id)


def test_remove_feed_without_starred_articles_deletes_it(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://a.example/rss")
    storage.store_articles(feed.id, [make_article("1")])
    storage.remove_feed(feed.id)
    with pytest.raises(FeedNotFoundError):
        storage.get_feed(feed.id)
    assert storage.count_articles(ArticleFilter()) == 0


def test_adding_a_removed_feed_revives_it_with_its_starred_articles(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://a.example/rss", "A", tags=["x"])
    storage.store_articles(feed.id, [make_article("1")])
    storage.set_fetch_state(feed.id, FetchState(etag='"e"'))
    (article,) = storage.list_articles(ArticleFilter(), 0, 1)
    storage.set_starred(article.id, True)
    storage.remove_feed(feed.id)
    again = storage.add_feed(feed.url, "A again", tags=["y"])
    assert (again.id, again.title, again.tags) == (feed.id, "A again", ("y",))
    assert storage.get_fetch_state(feed.id) == FetchState()
    assert storage.count_articles(ArticleFilter(feed_id=feed.id)) == 1
    with pytest.raises(FeedExistsError):
        storage.add_feed(feed.url)


def test_set_feed_url_moves_the_feed_unless_the_url_is_taken(storage: Storage) -> None:
    feed = storage.add_feed("http://a.example/rss")
    other = storage.add_feed("https://b.example/rss")
    storage.set_feed_url(feed.id, "https://a.example/rss")
    assert storage.get_feed(feed.id).url == "https://a.example/rss"
    with pytest.raises(FeedExistsError):
        storage.set_feed_url(feed.id, other.url)
    with pytest.raises(FeedNotFoundError):
        storage.set_feed_url(99, "https://c.example/rss")


def test_a_user_title_survives_fetches_and_tags_are_replaced(storage: Storage) -> None:
    feed = storage.add_feed("https://a.example/rss", "From OPML")
    storage.update_feed(feed.id, ParsedFeed(title="Feed's own"))
    assert storage.get_feed(feed.id).title == "Feed's own"
    storage.set_feed_title(feed.id, "Mine")
    storage.update_feed(feed.id, ParsedFeed(title="Feed's own", description="about"))
    storage.set_feed_tags(feed.id, ["b", "a"])
    updated = storage.get_feed(feed.id)
    assert (updated.title, updated.description, updated.tags) == ("Mine", "about", ("b", "a"))


def test_gone_and_retry_after_show_in_fetch_targets(storage: Storage) -> None:
    gone = storage.add_feed("https://gone.example/rss")
    busy = storage.add_feed("https://busy.example/rss")
    later = datetime(2030, 1, 1, tzinfo=UTC)
    storage.mark_feed_gone(gone.id, "HTTP 410 Gone")
    storage.set_retry_after(busy.id, later)
    targets = {t.feed_id: t for t in storage.fetch_targets()}
    assert targets[gone.id].gone and storage.get_feed(gone.id).last_error == "HTTP 410 Gone"
    assert targets[busy.id].retry_after == later and not targets[busy.id].gone
    assert [t.feed_id for t in storage.fetch_targets([busy.id, 99])] == [busy.id]
    storage.set_retry_after(busy.id, None)
    assert storage.fetch_targets([busy.id])[0].retry_after is None


def test_save_fetch_stores_everything_and_record_check_clears_errors(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://a.example/rss")
    storage.set_feed_error(feed.id, "HTTP 500")
    storage.set_retry_after(feed.id, datetime(2030, 1, 1, tzinfo=UTC))
    parsed = ParsedFeed(title="A", articles=(make_article("1"),), error="malformed XML: x")
    result = storage.save_fetch(feed.id, parsed, FetchState(etag='"1"', content_hash="h"))
    assert (result.new, result.updated) == (1, 0)
    saved = storage.get_feed(feed.id)
    assert (saved.title, saved.last_error) == ("A", "malformed XML: x")
    assert storage.fetch_targets()[0].retry_after is None
    storage.record_check(feed.id, FetchState(etag='"2"', content_hash="h"))
    assert storage.get_feed(feed.id).last_error is None
    assert storage.get_fetch_state(feed.id).etag == '"2"'


def test_purge_keeps_starred_and_recently_seen_articles(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    storage = Storage(tmp_path / "wire.sqlite")
    feed = storage.add_feed("https://a.example/rss")
    old = datetime.now(UTC) - timedelta(days=40)
    storage.store_articles(feed.id, [make_article("old"), make_article("starred")])
    storage.store_articles(feed.id, [make_article("fresh")])
    raw = sqlite3.connect(storage.path, isolation_level=None)
    raw.execute(
        "UPDATE articles SET first_seen = ? WHERE guid != 'fresh'",
        (old.isoformat(timespec="microseconds"),),
    )
    raw.close()
    ids = {a.title: a.id for a in storage.list_articles(ArticleFilter(), 0, 10)}
    storage.set_starred(ids["Title starred"], True)
    assert storage.purge_older_than(30) == 1
    titles = {a.title for a in storage.list_articles(ArticleFilter(), 0, 10)}
    assert titles == {"Title starred", "Title fresh"}
    with pytest.raises(ValueError, match="at least one day"):
        storage.purge_older_than(0)
    storage.close()


def test_purge_drops_unstarred_leftovers_of_removed_feeds(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://a.example/rss")
    storage.store_articles(feed.id, [make_article("1")])
    (article,) = storage.list_articles(ArticleFilter(), 0, 1)
    storage.set_starred(article.id, True)
    storage.remove_feed(feed.id)
    storage.set_starred(article.id, False)
    assert storage.purge_older_than(365) == 1
    with pytest.raises(FeedNotFoundError):
        storage.get_feed(feed.id)


def test_upgrade_to_version_6_adds_feed_settings_and_keeps_feeds(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite"
    with Storage(path) as store:
        store.add_feed("https://kept.example/rss", "Kept")
    fresh = sqlite3.connect(path, isolation_level=None)
    columns = [row[1] for row in fresh.execute("PRAGMA table_info(feeds)")]
    undo_version_7(fresh)
    undo_version_6(fresh)
    fresh.execute("PRAGMA user_version = 5")
    fresh.close()
    with Storage(path) as store:
        (feed,) = store.get_feeds()
        assert feed.title == "Kept"
    upgraded = sqlite3.connect(path)
    assert [row[1] for row in upgraded.execute("PRAGMA table_info(feeds)")] == columns
    assert upgraded.execute("SELECT count(*) FROM full_articles").fetchone() == (0,)
    assert upgraded.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_upgrade_to_version_7_adds_the_row_index_and_lists_from_it(tmp_path: Path) -> None:
    path = tmp_path / "v6.sqlite"
    with Storage(path) as store:
        feed = store.add_feed("https://kept.example/rss", "Kept").id
        store.store_articles(feed, [ParsedArticle(guid="a", title="Kept story")])
    raw = sqlite3.connect(path, isolation_level=None)
    undo_version_7(raw)
    raw.execute("PRAGMA user_version = 6")
    raw.close()
    with Storage(path) as store:
        (row,) = store.list_articles(ArticleFilter(), 0, 10)
        assert row.title == "Kept story"
    upgraded = sqlite3.connect(path)
    plan = " ".join(
        str(step)
        for step in upgraded.execute(
            "EXPLAIN QUERY PLAN SELECT title, read FROM articles INDEXED BY articles_rows "
            "WHERE id = 1"
        )
    )
    assert "COVERING INDEX articles_rows" in plan
