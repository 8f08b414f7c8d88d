"""Fetching articles' web pages over loopback HTTP: success, failures, caps and politeness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from wirereader.feeds.fullpage import (
    PER_HOST,
    Page,
    fetch_page,
    fetch_page_sync,
    fetch_pages,
    open_page_client,
)
from wirereader.feeds.settings import FetchError, FetchSettings

PAGES = Path(__file__).resolve().parent.parent / "pages"
HTML = "text/html; charset=utf-8"
FAST = FetchSettings(connect_timeout=0.5, read_timeout=0.5, deadline=0.5)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


async def fetch(url: str, settings: FetchSettings = FAST) -> Page:
    async with open_page_client(settings) as client:
        return await fetch_page(client, url, settings)


async def test_a_page_is_fetched_asking_for_html(server: LoopbackServer) -> None:
    body = (PAGES / "harbour-article.html").read_bytes()
    server.route("/story", body=body, content_type=HTML)
    page = await fetch(server.url("/story"))
    assert page == Page(server.url("/story"), body)
    (seen,) = server.requests
    assert seen.headers["accept"].startswith("text/html")
    assert seen.headers["user-agent"].startswith("wirereader/")


async def test_the_final_address_after_redirects_is_kept(server: LoopbackServer) -> None:
    server.route("/short", status=302, headers={"Location": "/long/story"})
    server.route("/long/story", body=b"<html><p>Text</p></html>", content_type=HTML)
    assert (await fetch(server.url("/short"))).url == server.url("/long/story")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404, "body": b"<html>gone</html>", "content_type": HTML}, "HTTP 404 Not Found"),
        ({"status": 503, "body": b"", "content_type": HTML}, "HTTP 503 Service Unavailable"),
        ({"hang": True}, "timed out"),
        (
            {"body": b"%PDF-1.7 ...", "content_type": "application/pdf"},
            r"not a web page \(application/pdf\)",
        ),
        (
            {"body": b'{"a": 1}', "content_type": "application/json"},
            r"not a web page \(application/json\)",
        ),
        ({"status": 302, "headers": {"Location": "file:///etc/passwd"}}, "non-web address"),
        ({"status": 302, "headers": {"Location": "javascript:alert(1)"}}, "invalid address"),
    ],
)
async def test_failures_have_a_clear_reason(
    server: LoopbackServer, route: dict[str, object], reason: str
) -> None:
    server.route("/page", **route)
    with pytest.raises(FetchError, match=reason):
        await fetch(server.url("/page"))


async def test_an_oversize_page_is_refused_while_it_streams(server: LoopbackServer) -> None:
    server.route("/huge", body=b"<html><body>", content_type=HTML, stream=64 * 1024 * 1024)
    with pytest.raises(FetchError, match="larger than 1 MB"):
        await fetch(server.url("/huge"), FetchSettings(max_bytes=1024 * 1024, deadline=5))


async def test_a_page_without_a_content_type_is_sniffed(server: LoopbackServer) -> None:
    server.route("/page", body=b"<!DOCTYPE html><html><p>Hi</p></html>", content_type="")
    assert (await fetch(server.url("/page"))).body.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "/etc/passwd", "sample:world-desk.xml", "ftp://x.example/a"]
)
async def test_only_http_and_https_pages_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        await fetch(url)


def test_fetch_page_sync_works_outside_an_event_loop(server: LoopbackServer) -> None:
    server.route("/story", body=b"<html><p>Text</p></html>", content_type=HTML)
    assert fetch_page_sync(server.url("/story"), FAST).body == b"<html><p>Text</p></html>"


async def test_many_pages_are_fetched_at_most_per_host_at_a_time(server: LoopbackServer) -> None:
    for n in range(8):
        server.route(
            f"/p{n}", body=f"<html><p>Page {n}</p></html>".encode(), content_type=HTML, delay=0.1
        )
    server.route("/missing", status=404, content_type=HTML)
    urls = [server.url(f"/p{n}") for n in range(8)] + [server.url("/missing")]
    results = await fetch_pages(urls, FetchSettings(deadline=5))
    pages = [r for r in results if isinstance(r, Page)]
    assert [p.body for p in pages] == [f"<html><p>Page {n}</p></html>".encode() for n in range(8)]
    assert isinstance(results[-1], FetchError) and "404" in str(results[-1])
    assert server.peak_in_flight <= PER_HOST


async def test_a_page_waiting_for_its_turn_does_not_use_up_its_deadline(
    server: LoopbackServer,
) -> None:
    # 12 pages of 0.2 s each, 2 at a time, take ~1.2 s: longer than one page's 1 s deadline,
    # which itself leaves each page five times its own time (a loaded CI machine is slow)
    patient = FetchSettings(connect_timeout=1.0, read_timeout=1.0, deadline=1.0)
    for n in range(12):
        server.route(f"/p{n}", body=b"<html><p>x</p></html>", content_type=HTML, delay=0.2)
    results = await fetch_pages([server.url(f"/p{n}") for n in range(12)], patient)
    assert all(isinstance(r, Page) for r in results)
