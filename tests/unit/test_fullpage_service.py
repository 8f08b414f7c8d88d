"""The service's full articles: fetch, extract, store, annotate, toggle, and fetch after refresh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.unit.conftest import CountingRecogniser
from wirereader.content.blocks import Heading, document_inlines
from wirereader.models import ArticleFilter, EntityRef, FeedSettings, Label, ParsedArticle
from wirereader.service import FullArticleError, Service
from wirereader.storage import Storage

PAGES = Path(__file__).resolve().parent.parent / "pages"
HTML = "text/html; charset=utf-8"
SUMMARY = "<p>Port Avelin council votes on the sea wall.</p>"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        srv.route("/harbour", body=(PAGES / "harbour-article.html").read_bytes(), content_type=HTML)
        yield srv


@pytest.fixture
def service(tmp_path: Path, recogniser: CountingRecogniser) -> Iterator[Service]:
    svc = Service(Storage(tmp_path / "db.sqlite"), recogniser=recogniser)
    yield svc
    svc.close()


def add_article(service: Service, link: str | None) -> int:
    feed = service.storage.add_feed("https://n.example/feed.xml", "Coastline")
    article = ParsedArticle(guid="a", title="Sea wall vote", link=link, summary=SUMMARY)
    service.storage.store_articles(feed.id, [article])
    (row,) = service.list_articles(ArticleFilter(), 0, 10)
    return row.id


def texts(view_document: object) -> str:
    return "\n".join(inline.text for inline in document_inlines(view_document))  # type: ignore[arg-type]


def test_the_full_article_is_fetched_stored_and_annotated(
    service: Service, server: LoopbackServer
) -> None:
    article_id = add_article(service, server.url("/harbour"))
    view = service.fetch_full_article(article_id)
    assert view.showing_full and view.full is not None
    assert view.full.url == server.url("/harbour")
    assert view.full.extractor.startswith("trafilatura ") and view.full.error is None
    body = texts(view.document)
    assert "Those words came from Ilse Brandvik" in body
    assert "Accept all cookies" not in body and "My cellar has flooded" not in body
    assert any(isinstance(b, Heading) for b in view.document.blocks)
    people = {
        inline.text[s.start : s.end]
        for inline, spans in zip(document_inlines(view.document), view.spans, strict=True)
        for s in spans
        if s.label is Label.PERSON
    }
    assert "Ilse Brandvik" in people
    mentioning = ArticleFilter(entity=EntityRef(Label.PERSON, "ilse brandvik"))
    assert service.count_articles(mentioning) == 1


def test_the_summary_stays_available_and_toggling_uses_the_cache(
    service: Service, server: LoopbackServer, recogniser: CountingRecogniser
) -> None:
    article_id = add_article(service, server.url("/harbour"))
    service.fetch_full_article(article_id)
    calls = recogniser.calls
    summary = service.article_view(service.article(article_id), full=False)
    assert (
        not summary.showing_full
        and texts(summary.document) == "Port Avelin council votes on the sea wall."
    )
    assert len(summary.spans) == 1
    full = service.open_article(article_id)
    assert full.showing_full and "Ilse Brandvik" in texts(full.document)
    assert recogniser.calls == calls
    # the entity index keeps the names of both bodies
    assert service.count_articles(ArticleFilter(entity=EntityRef(Label.PLACE, "port avelin"))) == 1


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404, "content_type": HTML}, "HTTP 404 Not Found"),
        ({"body": b"%PDF-1.7", "content_type": "application/pdf"}, "not a web page"),
        (
            {"body": b"<html><nav><a href='/'>Home</a></nav></html>", "content_type": HTML},
            "no article text",
        ),
    ],
)
def test_a_failure_is_reported_and_stored_and_the_summary_stays(
    service: Service, server: LoopbackServer, route: dict[str, object], reason: str
) -> None:
    server.route("/bad", **route)
    article_id = add_article(service, server.url("/bad"))
    with pytest.raises(FullArticleError, match=reason):
        service.fetch_full_article(article_id)
    view = service.open_article(article_id)
    assert not view.showing_full and "sea wall" in texts(view.document)
    assert view.full is not None and reason in (view.full.error or "")


@pytest.mark.parametrize("link", [None, "file:///etc/passwd"])
def test_an_article_without_a_web_link_has_no_full_text(service: Service, link: str | None) -> None:
    article_id = add_article(service, link)
    with pytest.raises(FullArticleError, match="no link|only http and https"):
        service.fetch_full_article(article_id)


def rss(server: LoopbackServer, name: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>{name} {n}</title><guid>{name}-{n}</guid>"
        f"<link>{server.url(f'/{name}/{n}')}</link><description>Teaser {n}.</description></item>"
        for n in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


def test_after_a_refresh_fetch_full_feeds_get_their_full_texts(
    service: Service, server: LoopbackServer
) -> None:
    page = (PAGES / "harbour-article.html").read_bytes()
    for name in ("full", "plain"):
        server.route(f"/{name}.xml", body=rss(server, name, 3))
        for n in range(3):
            server.route(f"/{name}/{n}", body=page, content_type=HTML)
    full = service.storage.add_feed(server.url("/full.xml"), "Full")
    service.storage.add_feed(server.url("/plain.xml"), "Plain")
    service.storage.update_feed_settings(full.id, FeedSettings(fetch_full=True))
    report = service.refresh()
    assert report.new == 6
    assert service.fetch_full_texts() == 3
    assert sorted(s.path for s in server.requests if s.path.startswith("/full/")) == [
        "/full/0",
        "/full/1",
        "/full/2",
    ]
    assert server.hits("/plain/0") == 0
    for row in service.list_articles(ArticleFilter(feed_id=full.id), 0, 10):
        stored = service.storage.get_full_article(row.id)
        assert stored is not None and "flood gates" in stored.html
    # the names of the full texts are indexed at once, not when each is first opened
    radio = ArticleFilter(entity=EntityRef(Label.PERSON, "ilse brandvik"))
    assert service.count_articles(radio) == 3
    assert service.fetch_full_texts() == 0  # nothing left to fetch


def test_background_failures_are_recorded_and_not_retried_at_once(
    service: Service, server: LoopbackServer
) -> None:
    server.route("/full.xml", body=rss(server, "full", 2))
    server.route(
        "/full/0",
        body=b"<html><p>The whole text of the page, as its author wrote it.</p></html>",
        content_type=HTML,
    )
    server.route("/full/1", status=500, content_type=HTML)
    feed = service.storage.add_feed(server.url("/full.xml"), "Full")
    service.storage.update_feed_settings(feed.id, FeedSettings(fetch_full=True))
    service.refresh()
    assert service.fetch_full_texts() == 1
    assert service.fetch_full_texts() == 0
    assert server.hits("/full/1") == 1
