"""Refreshing stored feeds from a loopback server: 304s, moves, failures, back-off, storing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.unit.test_fetch import rss
from wirereader.feeds.refresh import refresh_feeds, refresh_feeds_sync
from wirereader.feeds.report import FeedOutcome, RefreshReport
from wirereader.feeds.settings import FetchSettings
from wirereader.models import ArticleFilter
from wirereader.storage import Storage

FAST = FetchSettings(connect_timeout=0.5, read_timeout=0.5, deadline=0.5)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    with Storage(tmp_path / "wire.sqlite") as store:
        yield store


async def refresh(storage: Storage, *feed_ids: int) -> RefreshReport:
    return await refresh_feeds(storage, feed_ids or None, settings=FAST)


def statuses(report: RefreshReport) -> list[str]:
    return [outcome.status for outcome in report.outcomes]


def titles(storage: Storage, feed_id: int) -> list[str]:
    return [a.title for a in storage.list_articles(ArticleFilter(feed_id=feed_id), 0, 100)]


async def test_a_new_feed_is_stored_then_answered_304(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/feed.xml", body=rss("Wire", "a", "b"), etag='"v1"')
    feed = storage.add_feed(server.url("/feed.xml"))
    first = await refresh(storage)
    assert first.outcomes == (FeedOutcome(feed.id, feed.url, "updated", new=2),)
    stored = storage.get_feed(feed.id)
    assert (stored.title, stored.last_error) == ("Wire", None)
    assert sorted(titles(storage, feed.id)) == ["Story a", "Story b"]
    second = await refresh(storage)
    assert statuses(second) == ["not-modified"]
    last = server.requests[-1]
    assert (last.headers["if-none-match"], last.status) == ('"v1"', 304)


async def test_an_unchanged_body_without_validators_is_not_parsed_again(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/feed.xml", body=rss("Wire", "a"))
    storage.add_feed(server.url("/feed.xml"))
    assert statuses(await refresh(storage)) == ["updated"]
    assert statuses(await refresh(storage)) == ["unchanged"]
    server.route("/feed.xml", body=rss("Wire", "a", "b"))
    report = await refresh(storage)
    assert (statuses(report), report.new) == (["updated"], 1)


@pytest.mark.parametrize("status", [301, 308])
async def test_a_permanent_redirect_moves_the_feed(
    server: LoopbackServer, storage: Storage, status: int
) -> None:
    server.route("/old.xml", status=status, headers={"Location": "/new.xml"})
    server.route("/new.xml", body=rss("Moved", "a"))
    feed = storage.add_feed(server.url("/old.xml"))
    (outcome,) = (await refresh(storage)).outcomes
    assert (outcome.status, outcome.url) == ("updated", server.url("/new.xml"))
    assert storage.get_feed(feed.id).url == server.url("/new.xml")
    await refresh(storage)
    assert server.hits("/old.xml") == 1 and server.hits("/new.xml") == 2


async def test_a_redirect_to_an_already_subscribed_url_keeps_the_old_one(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/old.xml", status=301, headers={"Location": "/new.xml"})
    server.route("/new.xml", body=rss("Moved", "a"))
    feed = storage.add_feed(server.url("/old.xml"))
    storage.add_feed(server.url("/new.xml"))
    assert statuses(await refresh(storage)) == ["updated", "updated"]
    assert storage.get_feed(feed.id).url == server.url("/old.xml")


async def test_one_failing_feed_among_good_ones_loses_nothing(
    server: LoopbackServer, storage: Storage
) -> None:
    good = []
    for name in "abcd":
        server.route(f"/{name}.xml", body=rss(f"Feed {name}", f"{name}1", f"{name}2"))
        good.append(storage.add_feed(server.url(f"/{name}.xml")))
    broken = storage.add_feed(server.url("/missing.xml"))
    seen: list[FeedOutcome] = []
    report = await refresh_feeds(storage, settings=FAST, on_outcome=seen.append)
    assert sorted(o.feed_id for o in seen) == sorted(o.feed_id for o in report.outcomes)
    assert report.new == 8 and [o.feed_id for o in report.failed] == [broken.id]
    assert report.failed[0].error == "HTTP 404 Not Found"
    assert storage.get_feed(broken.id).last_error == "HTTP 404 Not Found"
    for feed in good:
        assert len(titles(storage, feed.id)) == 2
    server.route("/missing.xml", body=rss("Back", "x"))
    await refresh(storage, broken.id)
    assert storage.get_feed(broken.id).last_error is None


async def test_a_gone_feed_is_never_fetched_again(server: LoopbackServer, storage: Storage) -> None:
    server.route("/gone.xml", status=410)
    feed = storage.add_feed(server.url("/gone.xml"))
    assert statuses(await refresh(storage)) == ["gone"]
    report = await refresh(storage)
    assert statuses(report) == ["gone"] and report.failed == report.outcomes
    assert server.hits("/gone.xml") == 1
    assert "410" in (storage.get_feed(feed.id).last_error or "")


@pytest.mark.parametrize(
    "retry_after", ["120", "Wed, 21 Oct 2037 07:28:00 GMT"], ids=["seconds", "date"]
)
@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_skips_the_feed_until_then(
    server: LoopbackServer, storage: Storage, status: int, retry_after: str
) -> None:
    server.route("/busy.xml", status=status, headers={"Retry-After": retry_after})
    feed = storage.add_feed(server.url("/busy.xml"))
    first = await refresh(storage)
    assert statuses(first) == ["skipped"] and first.failed == ()
    assert "retry after" in (storage.get_feed(feed.id).last_error or "")
    second = await refresh(storage)
    assert statuses(second) == ["skipped"]
    assert "wait until" in (second.outcomes[0].error or "")
    assert server.hits("/busy.xml") == 1
    server.route("/busy.xml", body=rss("Calm", "a"))
    storage.set_retry_after(feed.id, None)
    assert statuses(await refresh(storage)) == ["updated"]
    assert storage.fetch_targets()[0].retry_after is None


async def test_a_server_that_never_answers_fails_only_its_feed(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/hang.xml", hang=True)
    server.route("/ok.xml", body=rss("Fine", "a"))
    hung = storage.add_feed(server.url("/hang.xml"))
    storage.add_feed(server.url("/ok.xml"))
    report = await refresh_feeds(storage, settings=FetchSettings(read_timeout=5, deadline=0.3))
    assert statuses(report) == ["error", "updated"]
    assert storage.get_feed(hung.id).last_error == "timed out after 0.3 s"


async def test_an_oversize_feed_is_an_error(server: LoopbackServer, storage: Storage) -> None:
    server.route("/big.xml", body=rss("Big", "a") + b" " * 300_000, gzip=True)
    feed = storage.add_feed(server.url("/big.xml"))
    report = await refresh_feeds(storage, settings=FetchSettings(max_bytes=256 * 1024))
    assert report.failed[0].error == "response larger than 0.25 MB"
    assert storage.get_feed(feed.id).last_error == "response larger than 0.25 MB"


async def test_invalid_xml_keeps_what_could_be_read_and_records_the_problem(
    server: LoopbackServer, storage: Storage
) -> None:
    broken = rss("Broken", "a", "b").replace(b"</channel></rss>", b"<item><title>cut")
    server.route("/broken.xml", body=broken)
    feed = storage.add_feed(server.url("/broken.xml"))
    (outcome,) = (await refresh(storage)).outcomes
    assert outcome.status == "updated"
    assert {"Story a", "Story b"} <= set(titles(storage, feed.id))
    assert outcome.error and outcome.error.startswith("malformed XML")
    assert storage.get_feed(feed.id).last_error == outcome.error
    # A broken document keeps no validators, so the problem stays on record.
    again = await refresh(storage)
    assert again.outcomes[0].error == outcome.error


async def test_a_document_that_is_no_feed_is_an_error_and_keeps_the_title(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/feed.xml", body=rss("Wire", "a"))
    feed = storage.add_feed(server.url("/feed.xml"))
    await refresh(storage)
    server.route("/feed.xml", body=b"<html><body>maintenance</body></html>")
    (outcome,) = (await refresh(storage)).outcomes
    assert outcome.status == "error" and "not a feed" in (outcome.error or "")
    assert storage.get_feed(feed.id).title == "Wire"


async def test_a_wrongly_declared_encoding_is_read_as_far_as_possible(
    server: LoopbackServer, storage: Storage
) -> None:
    body = rss("Café", "é1").replace(b'version="1.0"', b'version="1.0" encoding="us-ascii"')
    server.route("/enc.xml", body=body, content_type="application/xml; charset=iso-8859-1")
    feed = storage.add_feed(server.url("/enc.xml"))
    (outcome,) = (await refresh(storage)).outcomes
    assert (outcome.status, outcome.new) == ("updated", 1)
    (title,) = titles(storage, feed.id)
    assert title.startswith("Story ")


async def test_duplicate_and_missing_guids(server: LoopbackServer, storage: Storage) -> None:
    items = (
        "<item><title>First</title><guid>same</guid></item>"
        "<item><title>Second</title><guid>same</guid></item>"
        "<item><title>Linked</title><link>https://wire.example/linked</link></item>"
        "<item><title>Bare</title><description>No guid, no link.</description></item>"
    )
    body = f'<rss version="2.0"><channel><title>G</title>{items}</channel></rss>'
    server.route("/g.xml", body=body.encode())
    feed = storage.add_feed(server.url("/g.xml"))
    report = await refresh(storage)
    assert report.new == 3
    assert sorted(titles(storage, feed.id)) == ["Bare", "Linked", "Second"]
    server.route("/g.xml", body=body.replace("<title>G</title>", "<title>G2</title>").encode())
    again = await refresh(storage)
    assert (statuses(again), again.new, again.updated) == (["updated"], 0, 0)


async def test_a_feed_with_ten_thousand_items(server: LoopbackServer, storage: Storage) -> None:
    items = "".join(f"<item><guid>g{i}</guid><title>t{i}</title></item>" for i in range(10_000))
    body = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'
    server.route("/big.xml", body=body.encode(), gzip=True)
    feed = storage.add_feed(server.url("/big.xml"))
    report = await refresh_feeds(storage, settings=FetchSettings(deadline=30))
    assert (statuses(report), report.new) == (["updated"], 10_000)
    assert storage.count_articles(ArticleFilter(feed_id=feed.id)) == 10_000


async def test_a_changed_article_keeps_its_flags(server: LoopbackServer, storage: Storage) -> None:
    server.route("/feed.xml", body=rss("Wire", "a", "b"), etag='"1"')
    feed = storage.add_feed(server.url("/feed.xml"))
    await refresh(storage)
    ids = {a.title: a.id for a in storage.list_articles(ArticleFilter(), 0, 10)}
    storage.set_read(ids["Story a"], True)
    storage.set_starred(ids["Story a"], True)
    changed = rss("Wire", "a", "b").replace(b"About a.", b"About a, corrected.")
    server.route("/feed.xml", body=changed, etag='"2"')
    report = await refresh(storage)
    assert (report.new, report.updated) == (0, 1)
    article = storage.get_article(ids["Story a"])
    assert (article.read, article.starred) == (True, True)
    assert "corrected" in article.summary
    assert storage.count_articles(ArticleFilter(feed_id=feed.id)) == 2


async def test_local_files_and_file_urls_refresh_by_content(
    storage: Storage, tmp_path: Path
) -> None:
    path, other = tmp_path / "a.xml", tmp_path / "b.xml"
    path.write_bytes(rss("A", "1"))
    other.write_bytes(rss("B", "1"))
    storage.add_feed(str(path))
    storage.add_feed(other.as_uri())
    storage.add_feed("sample:tech-news.xml")
    storage.add_feed(str(tmp_path / "missing.xml"))
    assert statuses(await refresh(storage)) == ["updated", "updated", "updated", "error"]
    path.write_bytes(rss("A", "1", "2"))
    report = await refresh(storage)
    assert statuses(report)[:3] == ["updated", "unchanged", "unchanged"] and report.new == 1


async def test_removed_feeds_are_not_refreshed_and_ids_select_feeds(
    server: LoopbackServer, storage: Storage
) -> None:
    server.route("/a.xml", body=rss("A", "1"))
    server.route("/b.xml", body=rss("B", "1"))
    a = storage.add_feed(server.url("/a.xml"))
    b = storage.add_feed(server.url("/b.xml"))
    assert [o.feed_id for o in (await refresh(storage, b.id)).outcomes] == [b.id]
    storage.remove_feed(a.id)
    assert [o.feed_id for o in (await refresh(storage)).outcomes] == [b.id]
    assert server.hits("/a.xml") == 0


@pytest.mark.parametrize(("concurrency", "per_host", "peak"), [(32, 2, 2), (1, 8, 1)])
async def test_requests_stay_within_the_global_and_per_host_limits(
    server: LoopbackServer, storage: Storage, concurrency: int, per_host: int, peak: int
) -> None:
    for n in range(6):
        server.route(f"/{n}.xml", body=rss(f"Feed {n}", "a"), delay=0.05)
        storage.add_feed(server.url(f"/{n}.xml"))
    settings = FetchSettings(concurrency=concurrency, per_host=per_host)
    report = await refresh_feeds(storage, settings=settings)
    assert report.new == 6
    assert server.peak_in_flight == peak


def test_refresh_feeds_sync_runs_its_own_loop(server: LoopbackServer, storage: Storage) -> None:
    server.route("/feed.xml", body=rss("Wire", "a"))
    storage.add_feed(server.url("/feed.xml"))
    assert refresh_feeds_sync(storage, settings=FAST).new == 1
    assert refresh_feeds_sync(storage, []).outcomes == ()
