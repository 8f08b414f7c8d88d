"""Service subscriptions: add (fetch and validate), remove, import, export and refresh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wirereader.models import ArticleFilter, ParsedFeed
from wirereader.service import (
    AlreadySubscribedError,
    Service,
    SubscriptionError,
    feed_source,
    read_subscription_list,
)
from wirereader.storage import Storage

ITEM = """<item><title>{title}</title><guid>{guid}</guid><link>https://wire.example/{guid}</link>
<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><description>Report {guid}.</description></item>"""


def rss(title: str, *guids: str) -> str:
    """A small RSS 2.0 document with one item per guid."""
    items = "".join(ITEM.format(title=f"Story {g}", guid=g) for g in guids)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://wire.example/</link><description>d</description>"
        f"{items}</channel></rss>"
    )


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    svc = Service(Storage(tmp_path / "db.sqlite"))
    yield svc
    svc.close()


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "wire.xml"
    path.write_text(rss("Local wire", "a", "b", "c"), encoding="utf-8")
    return path


def test_add_a_local_file_stores_the_feed_and_its_articles(
    service: Service, feed_file: Path
) -> None:
    feed = service.add_feed(str(feed_file), tags=[" news ", "", "news", "local"])
    assert feed.url == feed_file.as_uri()
    assert feed.title == "Local wire"
    assert feed.tags == ("news", "local")
    assert service.count_articles(ArticleFilter(feed_id=feed.id)) == 3
    assert [f.id for f in service.feeds()] == [feed.id]


def test_add_with_a_custom_title_and_a_file_url(service: Service, feed_file: Path) -> None:
    feed = service.add_feed(feed_file.as_uri(), title="  My wire ")
    assert feed.title == "My wire"


def test_adding_twice_says_already_subscribed(service: Service, feed_file: Path) -> None:
    first = service.add_feed(str(feed_file))
    for again in (str(feed_file), feed_file.as_uri()):
        with pytest.raises(AlreadySubscribedError) as caught:
            service.add_feed(again)
        assert caught.value.feed.id == first.id


def test_add_failures_are_subscription_errors(service: Service, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>No feed here</title></head><body>hi</body></html>")
    for source in (str(tmp_path / "absent.xml"), str(page), "sample:no-such-sample.xml"):
        with pytest.raises(SubscriptionError, match="cannot subscribe"):
            service.add_feed(source)
    assert service.feeds() == []


def test_bundled_samples_are_ordinary_feeds(service: Service) -> None:
    feed = service.add_feed("sample:tech-news.xml", tags=["samples"])
    assert feed.url == "sample:tech-news.xml"
    assert service.count_articles(ArticleFilter(feed_id=feed.id)) > 0


def test_remove_by_id_or_url_keeps_starred_articles(service: Service, feed_file: Path) -> None:
    feed = service.add_feed(str(feed_file))
    other = service.add_feed("sample:tech-news.xml")
    first, *_ = service.list_articles(ArticleFilter(feed_id=feed.id), 0, 10)
    service.set_starred(first.id, True)
    assert service.remove_feed(str(feed.id)).id == feed.id
    assert service.remove_feed(" sample:tech-news.xml ").id == other.id
    assert service.feeds() == []
    starred = service.list_articles(ArticleFilter(starred_only=True), 0, 10)
    assert [a.id for a in starred] == [first.id]
    assert service.count_articles(ArticleFilter()) == 1
    for ref in (str(feed.id), "https://never.example/rss", "999"):
        with pytest.raises(SubscriptionError, match="no subscribed feed"):
            service.remove_feed(ref)


def test_a_removed_feed_can_be_added_again(service: Service, feed_file: Path) -> None:
    feed = service.add_feed(str(feed_file))
    service.remove_feed(feed.url)
    again = service.add_feed(str(feed_file))
    assert [f.id for f in service.feeds()] == [again.id]
    assert service.count_articles(ArticleFilter(feed_id=again.id)) == 3


def test_find_feed_by_local_path(service: Service, feed_file: Path) -> None:
    feed = service.add_feed(str(feed_file))
    assert service.find_feed(str(feed_file)).id == feed.id


OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline text="Wire" xmlUrl="{url}"/>
<outline text="World" xmlUrl="https://world.example/rss"/></outline>
<outline text="World again" xmlUrl="https://world.example/rss"/>
<outline text="Bad" xmlUrl="ftp://bad.example/"/>
</body></opml>"""


def test_import_opml_subscribes_without_fetching_and_skips_duplicates(
    service: Service, feed_file: Path, tmp_path: Path
) -> None:
    service.add_feed(str(feed_file))
    listing = tmp_path / "subs.opml"
    listing.write_text(OPML.format(url=feed_file.as_uri()))
    result = service.import_subscriptions(listing)
    assert (result.added, result.existing, len(result.skipped)) == (1, 2, 1)
    world = service.find_feed("https://world.example/rss")
    assert (world.title, world.tags, world.updated_at) == ("World", ("News",), None)
    assert service.count_articles(ArticleFilter(feed_id=world.id)) == 0
    again = service.import_subscriptions(listing)
    assert (again.added, again.existing) == (0, 3)


def test_import_a_newsboat_urls_file(service: Service, tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text('\ufeffhttps://a.example/rss "tech" "~Alpha"\n"query:x:unread = \\"yes\\""\n')
    result = service.import_subscriptions(urls)
    assert (result.added, result.existing, len(result.skipped)) == (1, 0, 1)
    (feed,) = service.feeds()
    assert (feed.url, feed.title, feed.tags) == ("https://a.example/rss", "Alpha", ("tech",))
    service.storage.update_feed(feed.id, ParsedFeed(title="The feed's own title"))
    assert service.find_feed(feed.url).title == "Alpha"


def test_import_errors_name_the_file(service: Service, tmp_path: Path) -> None:
    with pytest.raises(SubscriptionError, match="cannot read"):
        service.import_subscriptions(tmp_path / "absent.opml")
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline")
    with pytest.raises(SubscriptionError, match="broken.opml: not valid OPML"):
        service.import_subscriptions(broken)


def test_export_then_import_elsewhere_gives_the_same_subscriptions(
    service: Service, feed_file: Path, tmp_path: Path
) -> None:
    service.add_feed(str(feed_file), tags=["local", "news"])
    service.add_feed("sample:tech-news.xml")
    exported = tmp_path / "out.opml"
    exported.write_text(service.export_opml())
    other = Service(Storage(tmp_path / "other.sqlite"))
    try:
        assert other.import_subscriptions(exported).added == 2
        moved = {(f.url, f.title, f.tags) for f in other.feeds()}
    finally:
        other.close()
    assert moved == {(f.url, f.title, f.tags) for f in service.feeds()}


def test_read_subscription_list_detects_the_format() -> None:
    assert read_subscription_list(b"  \n<opml><body/></opml>").subscriptions == ()
    urls = read_subscription_list(b"https://a.example/rss tag\n")
    assert urls.subscriptions[0].tags == ("tag",)


def test_feed_source_makes_existing_paths_absolute_file_urls(
    feed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(feed_file.parent)
    assert feed_source(" wire.xml ") == feed_file.as_uri()
    assert feed_source("missing.xml") == "missing.xml"
    assert feed_source("https://x.example/rss") == "https://x.example/rss"
    assert feed_source("sample:tech-news.xml") == "sample:tech-news.xml"


def test_refresh_reports_new_articles_and_failures(
    service: Service, feed_file: Path, tmp_path: Path
) -> None:
    feed = service.add_feed(str(feed_file))
    doomed_path = tmp_path / "doomed.xml"
    doomed_path.write_text(rss("Doomed", "x"))
    doomed = service.add_feed(str(doomed_path))
    doomed_path.unlink()
    feed_file.write_text(rss("Local wire", "a", "b", "c", "d"))
    seen: list[int] = []
    report = service.refresh(on_outcome=lambda outcome: seen.append(outcome.feed_id))
    assert sorted(seen) == sorted([feed.id, doomed.id])
    assert report.new == 1
    assert [o.feed_id for o in report.failed] == [doomed.id]
    assert report.failed[0].error
    only = service.refresh([feed.id])
    assert [o.feed_id for o in only.outcomes] == [feed.id] and not only.failed
