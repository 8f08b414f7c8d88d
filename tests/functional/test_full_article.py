"""Pilot tests of full articles: fetch with f, toggle, failures, offline reading, refresh."""

from __future__ import annotations

from pathlib import Path

from tests.functional.conftest import settle, shown_text
from tests.loopback import LoopbackServer
from wirereader.content.blocks import document_inlines
from wirereader.models import ArticleFilter, FeedSettings, Label, ParsedArticle
from wirereader.service import Service
from wirereader.ui.app import WireReaderApp

PAGES = Path(__file__).resolve().parent.parent / "pages"
HTML = "text/html; charset=utf-8"
SUMMARY = "<p>The council in Port Avelin voted on the sea wall.</p>"


def seed(db_path: Path, link: str) -> None:
    """A database with one feed and one article whose link is `link`."""
    service = Service.open(db_path)
    feed = service.storage.add_feed("https://coast.example/feed.xml", "Coastline Courier")
    article = ParsedArticle(guid="wall", title="Sea wall vote", link=link, summary=SUMMARY)
    service.storage.store_articles(feed.id, [article])
    service.close()


def reader_text(app: WireReaderApp) -> str:
    return shown_text(app, "ReaderPane Static")


def people(app: WireReaderApp) -> set[str]:
    """The PERSON spans of the article in the reader, as text."""
    view = app.open_article
    assert view is not None
    return {
        inline.text[s.start : s.end]
        for inline, spans in zip(document_inlines(view.document), view.spans, strict=True)
        for s in spans
        if s.label is Label.PERSON
    }


async def test_f_fetches_the_full_article_toggles_and_reads_it_offline(db_path: Path) -> None:
    with LoopbackServer() as server:
        page = (PAGES / "harbour-article.html").read_bytes()
        server.route("/harbour", body=page, content_type=HTML, delay=0.3)
        seed(db_path, server.url("/harbour"))
        service = Service.open(db_path)
        app = WireReaderApp(service)
        async with app.run_test(size=(140, 50)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert "Feed's text · f: fetch the full article" in reader_text(app)
            await pilot.press("f")
            await pilot.pause()
            assert "Fetching full article…" in reader_text(app)
            await settle(pilot)
            shown = reader_text(app)
            assert "Full article, fetched" in shown and "f: the feed's text" in shown
            assert "Those words came from Ilse Brandvik" in shown
            assert "Accept all cookies" not in shown and "gullwatcher" not in shown
            assert "Ilse Brandvik" in people(app)
            assert app.query_one("#legend").display  # highlighting is on for the full text
            await pilot.press("f")
            await settle(pilot)
            shown = reader_text(app)
            assert "Feed's text · f: the full article" in shown
            assert "voted on the sea wall" in shown and "Ilse Brandvik" not in shown
        service.close()
        assert server.hits("/harbour") == 1

    # the server is gone: the full text is read from the database
    service = Service.open(db_path)
    app = WireReaderApp(service)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = reader_text(app)
        assert "Full article, fetched" in shown and "Ilse Brandvik" in shown
        assert "Ilse Brandvik" in people(app)
        await pilot.press("f")
        await settle(pilot)
        assert "voted on the sea wall" in reader_text(app)
    service.close()


async def test_a_failed_fetch_says_why_and_keeps_the_summary(db_path: Path) -> None:
    with LoopbackServer() as server:
        server.route("/gone", status=404, body=b"<html>no</html>", content_type=HTML)
        seed(db_path, server.url("/gone"))
        service = Service.open(db_path)
        app = WireReaderApp(service)
        async with app.run_test(size=(140, 50)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)
            shown = reader_text(app)
            assert "could not fetch the full article: HTTP 404 Not Found" in shown
            assert "voted on the sea wall" in shown
            assert app.is_running
            # reopening shows the stored failure and offers to try again
            await pilot.press("enter")
            await settle(pilot)
            assert "the full article failed: HTTP 404 Not Found · f: try again" in reader_text(app)
            server.route(
                "/gone", body=(PAGES / "library-schemaorg.html").read_bytes(), content_type=HTML
            )
            await pilot.press("f")
            await settle(pilot)
            assert "open around the clock for five weeks" in reader_text(app)
        service.close()


async def test_a_refresh_fetches_full_articles_of_feeds_set_to(db_path: Path) -> None:
    with LoopbackServer() as server:
        items = "".join(
            f"<item><title>Story {n}</title><guid>s{n}</guid><link>{server.url(f'/s/{n}')}</link>"
            "<description>Teaser.</description></item>"
            for n in range(3)
        )
        feed_xml = f'<rss version="2.0"><channel><title>Bridge</title>{items}</channel></rss>'
        server.route("/feed.xml", body=feed_xml.encode())
        for n in range(3):
            server.route(
                f"/s/{n}", body=(PAGES / "bridge-split-ads.html").read_bytes(), content_type=HTML
            )
        service = Service.open(db_path)
        feed = service.storage.add_feed(server.url("/feed.xml"), "Bridge")
        service.storage.update_feed_settings(feed.id, FeedSettings(fetch_full=True))
        app = WireReaderApp(service)
        async with app.run_test(size=(140, 50)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await settle(pilot)
            rows = service.list_articles(ArticleFilter(), 0, 10)
            assert len(rows) == 3
            for row in rows:
                full = service.storage.get_full_article(row.id)
                assert full is not None and "Hamish Quarrie" in full.html
            await pilot.press("enter")
            await settle(pilot)
            assert "Full article, fetched" in reader_text(app)
            assert "Switch your energy supplier" not in reader_text(app)
        service.close()
