"""Per-feed settings: stored and read back, and applied by refreshes served on loopback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.unit.test_fetch import rss
from wirereader.feeds.feed_settings import SettingError, parse_days, parse_flag, parse_minutes
from wirereader.feeds.schedule import is_due
from wirereader.models import ArticleFilter, FeedSettings
from wirereader.service import Service
from wirereader.storage import FetchState, FetchTarget, Storage

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
CUSTOM = FeedSettings(
    refresh_minutes=15, keep_days=7, fetch_full=True, hide_from_all=True, read_on_arrival=True
)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    with Storage(tmp_path / "wire.sqlite") as storage:
        yield Service(storage, refresh_minutes=30)


def titles(service: Service, flt: ArticleFilter) -> set[str]:
    return {row.title for row in service.list_articles(flt, 0, 100)}


def age(service: Service, feed_id: int, days: int) -> None:
    """Make the feed's articles look first seen (and dated) `days` days ago."""
    then = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="microseconds")
    raw = sqlite3.connect(service.storage.path, isolation_level=None)
    raw.execute(
        "UPDATE articles SET first_seen = ?, sort_date = ? WHERE feed_id = ?",
        (then, then, feed_id),
    )
    raw.close()


def test_settings_title_and_tags_round_trip_through_storage(service: Service) -> None:
    storage = service.storage
    feed = storage.add_feed("https://a.example/rss", "Own title", tags=["news"])
    assert (feed.settings, feed.title_locked) == (FeedSettings(), False)
    saved = service.update_feed_settings(feed.id, CUSTOM, title=" Mine ", tags=["x", " y ", "x"])
    assert (saved.settings, saved.title, saved.tags, saved.title_locked) == (
        CUSTOM,
        "Mine",
        ("x", "y"),
        True,
    )
    assert storage.get_feeds()[0].settings == CUSTOM
    assert storage.feed_stats()[0].feed.settings == CUSTOM
    again = service.update_feed_settings(feed.id, FeedSettings())
    assert (again.settings, again.title, again.tags) == (FeedSettings(), "Mine", ("x", "y"))


def test_a_user_title_survives_fetches_until_cleared(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/feed.xml", body=rss("Own", "a"), etag='"v1"')
    feed = service.storage.add_feed(server.url("/feed.xml"))
    service.refresh()
    service.update_feed_settings(feed.id, FeedSettings(), title="Mine")
    server.route("/feed.xml", body=rss("Own, renamed", "a", "b"), etag='"v2"')
    service.refresh()
    assert service.storage.get_feed(feed.id).title == "Mine"
    service.update_feed_settings(feed.id, FeedSettings(), title="")
    # the feed's own title comes back even though the document has not changed since
    report = service.refresh()
    assert [o.status for o in report.outcomes] == ["updated"]
    restored = service.storage.get_feed(feed.id)
    assert (restored.title, restored.title_locked) == ("Own, renamed", False)


def test_every_fetch_attempt_records_when_it_happened(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/feed.xml", body=rss("Own", "a"), etag='"v1"')
    server.route("/broken.xml", status=500, body=b"no")
    good = service.storage.add_feed(server.url("/feed.xml"))
    bad = service.storage.add_feed(server.url("/broken.xml"))
    assert {t.checked_at for t in service.storage.fetch_targets()} == {None}
    service.refresh()
    first = {t.feed_id: t.checked_at for t in service.storage.fetch_targets()}
    assert None not in first.values()
    service.refresh()  # a 304 and an error again
    assert server.requests[-1].status in (304, 500)
    second = {t.feed_id: t.checked_at for t in service.storage.fetch_targets()}
    for feed_id in (good.id, bad.id):
        assert second[feed_id] is not None and first[feed_id] is not None
        assert second[feed_id] > first[feed_id]


def target(
    minutes: int | None,
    checked: datetime | None,
    *,
    gone: bool = False,
    retry_after: datetime | None = None,
) -> FetchTarget:
    return FetchTarget(
        1,
        "https://a.example/",
        FetchState(),
        gone=gone,
        retry_after=retry_after,
        checked_at=checked,
        refresh_minutes=minutes,
    )


@pytest.mark.parametrize(
    ("feed", "default", "due"),
    [
        (target(None, None), 30, True),  # never checked
        (target(None, NOW - timedelta(minutes=29)), 30, False),
        (target(None, NOW - timedelta(minutes=30)), 30, True),
        (target(10, NOW - timedelta(minutes=12)), 30, True),  # its own, shorter interval
        (target(60, NOW - timedelta(minutes=45)), 30, False),  # its own, longer interval
        (target(0, None), 30, False),  # never auto-refreshed
        (target(None, None), 0, False),  # the config turned auto-refresh off
        (target(5, NOW - timedelta(hours=1)), 0, True),  # ... but this feed has its own
        (target(None, None, gone=True), 30, False),
        (target(None, None, retry_after=NOW + timedelta(minutes=5)), 30, False),
        (target(None, None, retry_after=NOW - timedelta(minutes=5)), 30, True),
    ],
)
def test_when_a_feed_is_due(feed: FetchTarget, default: int, due: bool) -> None:
    assert is_due(feed, default, NOW) is due


def test_interval_not_elapsed_skips_automatic_but_not_explicit_refresh(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/a.xml", body=rss("A", "a1"))
    server.route("/b.xml", body=rss("B", "b1"))
    a = service.storage.add_feed(server.url("/a.xml"))
    b = service.storage.add_feed(server.url("/b.xml"))
    service.update_feed_settings(b.id, FeedSettings(refresh_minutes=0))
    assert service.due_feeds() == [a.id]  # b is never refreshed automatically
    service.refresh(service.due_feeds())
    assert service.due_feeds() == []  # a was just checked; its 30 minutes have not passed
    server.route("/a.xml", body=rss("A", "a1", "a2"))
    report = service.refresh()  # explicit: every feed, due or not
    assert {o.feed_id: o.new for o in report.outcomes} == {a.id: 1, b.id: 1}
    service.update_feed_settings(a.id, FeedSettings(refresh_minutes=1))
    raw = sqlite3.connect(service.storage.path, isolation_level=None)
    raw.execute("UPDATE feeds SET checked_at = '2000-01-01T00:00:00.000000+00:00'")
    raw.close()
    assert service.due_feeds() == [a.id]


def test_new_articles_arrive_read_when_the_feed_asks(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/feed.xml", body=rss("Quiet", "a"))
    feed = service.storage.add_feed(server.url("/feed.xml"))
    service.refresh()
    service.update_feed_settings(feed.id, FeedSettings(read_on_arrival=True))
    server.route("/feed.xml", body=rss("Quiet", "a", "b", "c"))
    service.refresh()
    unread = titles(service, ArticleFilter(feed_id=feed.id, unread_only=True))
    assert unread == {"Story a"}  # what was unread before stays unread
    assert titles(service, ArticleFilter(feed_id=feed.id)) == {"Story a", "Story b", "Story c"}


def test_retention_per_feed_falls_back_to_the_config_and_keeps_stars(
    tmp_path: Path, server: LoopbackServer
) -> None:
    server.route("/short.xml", body=rss("Short", "s1", "s2"))
    server.route("/long.xml", body=rss("Long", "l1"))
    server.route("/all.xml", body=rss("All", "k1"))
    with Storage(tmp_path / "wire.sqlite") as storage:
        service = Service(storage, keep_days=30)
        short = storage.add_feed(server.url("/short.xml"))
        long = storage.add_feed(server.url("/long.xml"))
        keep_all = storage.add_feed(server.url("/all.xml"))
        service.refresh()
        service.update_feed_settings(short.id, FeedSettings(keep_days=2))
        service.update_feed_settings(keep_all.id, FeedSettings(keep_days=0))
        for feed in (short, long, keep_all):
            age(service, feed.id, 10)
        starred = service.list_articles(ArticleFilter(feed_id=short.id), 0, 1)[0]
        service.set_starred(starred.id, True)
        service.refresh()  # retention is applied after each refresh
        assert titles(service, ArticleFilter(feed_id=short.id)) == {starred.title}
        assert titles(service, ArticleFilter(feed_id=long.id)) == {"Story l1"}  # 10 < 30 days
        assert titles(service, ArticleFilter(feed_id=keep_all.id)) == {"Story k1"}
        age(service, long.id, 40)
        age(service, keep_all.id, 4000)
        assert service.purge_old() == 1
        assert titles(service, ArticleFilter(feed_id=keep_all.id)) == {"Story k1"}


def test_a_hidden_feed_is_left_out_of_all_and_unread_only(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/loud.xml", body=rss("Loud", "l1", "l2"))
    server.route("/calm.xml", body=rss("Calm", "c1"))
    loud = service.storage.add_feed(server.url("/loud.xml"))
    service.storage.add_feed(server.url("/calm.xml"))
    service.refresh()
    rows = service.list_articles(ArticleFilter(feed_id=loud.id), 0, 10)
    service.set_starred(rows[0].id, True)
    service.update_feed_settings(loud.id, FeedSettings(hide_from_all=True))
    everything, unread = ArticleFilter(), ArticleFilter(unread_only=True)
    assert titles(service, everything) == titles(service, unread) == {"Story c1"}
    counts = service.view_counts()
    assert (counts.all, counts.unread, counts.starred) == (1, 1, 1)
    assert service.count_articles(everything) == 1
    assert service.article_position(everything, rows[0].id) is None
    assert service.next_unread(everything, -1) == 0
    assert len(titles(service, ArticleFilter(feed_id=loud.id))) == 2
    assert titles(service, ArticleFilter(starred_only=True)) == {rows[0].title}
    stats = {stat.feed.id: stat.unread for stat in service.feed_stats()}
    assert stats[loud.id] == 2
    assert service.mark_read(everything) == 1  # marks what the view shows, not the hidden feed
    assert service.count_articles(ArticleFilter(feed_id=loud.id, unread_only=True)) == 2
    service.update_feed_settings(loud.id, FeedSettings())
    assert service.view_counts().all == 3


@pytest.mark.parametrize(
    ("text", "minutes"), [("", None), (" 0 ", 0), ("45", 45), ("525600", 525600)]
)
def test_refresh_interval_text(text: str, minutes: int | None) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "whole number"),
        ("1.5", "whole number"),
        ("ten", "whole number"),
        ("٣", "whole number"),
        ("525601", "at most 525600"),
    ],
)
def test_bad_refresh_intervals_say_what_is_expected(text: str, message: str) -> None:
    with pytest.raises(SettingError, match=message):
        parse_minutes(text)


def test_retention_and_flags_text() -> None:
    assert (parse_days(""), parse_days("7")) == (None, 7)
    with pytest.raises(SettingError, match="at most 36500"):
        parse_days("36501")
    assert [parse_flag(t, "x") for t in ("true", "YES", "1", "false", "no", "0")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(SettingError, match="true or false"):
        parse_flag("maybe", "x")
