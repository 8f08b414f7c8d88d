"""Fetching one document over loopback HTTP: limits, timeouts, redirects, statuses, sources."""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.loopback import LoopbackServer
from wirereader.feeds.fetch import Document, fetch_and_parse, fetch_document, open_client
from wirereader.feeds.reasons import MAX_BACK_OFF, network_reason, retry_after
from wirereader.feeds.settings import FetchError, FetchSettings, GoneError, RetryLaterError
from wirereader.feeds.transport import proxy_for
from wirereader.storage import FetchState

FAST = FetchSettings(connect_timeout=0.5, read_timeout=0.5, deadline=0.5)


def rss(title: str = "Wire", *guids: str) -> bytes:
    """A small RSS 2.0 document with one item per guid."""
    items = "".join(
        f"<item><title>Story {g}</title><guid>{g}</guid><description>About {g}.</description>"
        "</item>"
        for g in guids
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://wire.example/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


async def fetch(
    url: str, settings: FetchSettings = FAST, state: FetchState | None = None
) -> Document:
    async with open_client(settings) as client:
        return await fetch_document(client, url, state or FetchState(), settings)


async def test_a_feed_is_fetched_with_our_user_agent_and_validators(
    server: LoopbackServer,
) -> None:
    server.route("/feed.xml", body=rss("Wire", "a"), etag='"v1"', last_modified="Mon, 02 Mar 2026")
    document = await fetch(server.url("/feed.xml"))
    assert document.body == rss("Wire", "a")
    assert (document.etag, document.last_modified) == ('"v1"', "Mon, 02 Mar 2026")
    assert document.content_type == "application/rss+xml" and document.moved_to is None
    (seen,) = server.requests
    assert seen.headers["user-agent"].startswith("wirereader/")
    assert "gzip" in seen.headers["accept-encoding"]
    assert "if-none-match" not in seen.headers


async def test_a_conditional_get_is_answered_304_without_a_body(server: LoopbackServer) -> None:
    server.route("/feed.xml", body=rss(), etag='"v1"', last_modified="Mon, 02 Mar 2026")
    document = await fetch(server.url("/feed.xml"), state=FetchState('"v1"', "Mon, 02 Mar 2026"))
    assert document.body is None
    (seen,) = server.requests
    assert seen.headers["if-none-match"] == '"v1"'
    assert seen.headers["if-modified-since"] == "Mon, 02 Mar 2026"
    assert seen.status == 304


async def test_a_gzipped_body_is_decoded(server: LoopbackServer) -> None:
    server.route("/feed.xml", body=rss("Zipped", "a"), gzip=True)
    assert (await fetch(server.url("/feed.xml"))).body == rss("Zipped", "a")


@pytest.mark.parametrize(
    ("status", "message"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (418, "HTTP 418")],
)
async def test_http_errors_have_short_messages(
    server: LoopbackServer, status: int, message: str
) -> None:
    server.route("/feed.xml", status=status, body=b"nope")
    with pytest.raises(FetchError, match=f"^{message}"):
        await fetch(server.url("/feed.xml"))


async def test_410_is_gone_and_429_asks_to_retry_later(server: LoopbackServer) -> None:
    server.route("/gone", status=410)
    server.route("/busy", status=429, headers={"Retry-After": "120"})
    server.route("/down", status=503, headers={"Retry-After": "Wed, 21 Oct 2037 07:28:00 GMT"})
    server.route("/vague", status=503, headers={"Retry-After": "soon"})
    with pytest.raises(GoneError, match="HTTP 410 Gone"):
        await fetch(server.url("/gone"))
    with pytest.raises(RetryLaterError, match="HTTP 429 Too Many Requests: retry after") as busy:
        await fetch(server.url("/busy"))
    assert (busy.value.until - busy.value.until.now(busy.value.until.tzinfo)).seconds > 100
    with pytest.raises(RetryLaterError):
        await fetch(server.url("/down"))
    with pytest.raises(FetchError, match="^HTTP 503 Service Unavailable$"):
        await fetch(server.url("/vague"))


@pytest.mark.parametrize(("status", "moved"), [(301, True), (308, True), (302, False)])
async def test_redirects_are_followed_and_permanent_ones_reported(
    server: LoopbackServer, status: int, moved: bool
) -> None:
    server.route("/old", status=status, headers={"Location": "/new"})
    server.route("/new", body=rss())
    document = await fetch(server.url("/old"))
    assert document.body == rss() and document.url == server.url("/new")
    assert document.moved_to == (server.url("/new") if moved else None)


async def test_a_temporary_hop_makes_a_redirect_chain_temporary(server: LoopbackServer) -> None:
    server.route("/a", status=301, headers={"Location": "/b"})
    server.route("/b", status=307, headers={"Location": "/c"})
    server.route("/c", body=rss())
    assert (await fetch(server.url("/a"))).moved_to is None


async def test_redirect_loops_and_non_web_targets_are_refused(server: LoopbackServer) -> None:
    server.route("/loop", status=302, headers={"Location": "/loop"})
    server.route("/local", status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await fetch(server.url("/loop"))
    with pytest.raises(FetchError, match="non-web address"):
        await fetch(server.url("/local"))


async def test_a_server_that_never_answers_hits_the_deadline(server: LoopbackServer) -> None:
    server.route("/hang", hang=True)
    settings = FetchSettings(read_timeout=5, deadline=0.3)
    with pytest.raises(FetchError, match="^timed out after 0.3 s$"):
        await fetch(server.url("/hang"), settings)


async def test_a_dripping_server_is_stopped_by_the_deadline(server: LoopbackServer) -> None:
    server.route("/drip", body=rss("Slow", "a"), drip=0.02)
    settings = FetchSettings(read_timeout=5, deadline=0.3)
    with pytest.raises(FetchError, match="^timed out after 0.3 s$"):
        await fetch(server.url("/drip"), settings)


async def test_a_silent_server_hits_the_read_timeout(server: LoopbackServer) -> None:
    server.route("/slow", body=rss(), delay=1.0)
    settings = FetchSettings(read_timeout=0.2, deadline=5)
    with pytest.raises(FetchError, match="^no data received for 0.2 s$"):
        await fetch(server.url("/slow"), settings)


async def test_an_oversize_body_is_cut_off(server: LoopbackServer) -> None:
    big = b"<rss>" + b"x" * (3 * 1024 * 1024)
    server.route("/declared", body=big)
    server.route("/zipped", body=big, gzip=True)
    settings = FetchSettings(max_bytes=1024 * 1024)
    for path in ("/declared", "/zipped"):
        with pytest.raises(FetchError, match="^response larger than 1 MB$"):
            await fetch(server.url(path), settings)
    assert len(gzip.compress(big)) < 1024 * 1024  # the zipped one was cut off while streaming


async def test_a_refused_connection_is_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="^connection refused$"):
        await fetch(f"http://127.0.0.1:{port}/feed.xml")


async def test_unsupported_schemes_are_refused() -> None:
    with pytest.raises(FetchError, match="unsupported address"):
        await fetch("ftp://example.org/feed.xml")


async def test_local_paths_file_urls_and_samples_are_read(tmp_path: Path) -> None:
    path = tmp_path / "my feed.xml"
    path.write_bytes(rss("Local", "a"))
    assert (await fetch(str(path))).body == rss("Local", "a")
    assert (await fetch(path.as_uri())).body == rss("Local", "a")
    assert (await fetch("sample:tech-news.xml")).body
    with pytest.raises(FetchError, match="no such file"):
        await fetch(str(tmp_path / "missing.xml"))
    with pytest.raises(FetchError, match="no bundled sample"):
        await fetch("sample:nothing.xml")


async def test_fetch_and_parse_returns_the_feed(server: LoopbackServer) -> None:
    server.route("/feed.xml", body=rss("Wire", "a", "b"))
    url, parsed = await fetch_and_parse(server.url("/feed.xml"), FAST)
    assert url == server.url("/feed.xml")
    assert parsed.title == "Wire" and [a.guid for a in parsed.articles] == ["a", "b"]


async def test_fetch_and_parse_discovers_the_feed_of_an_html_page(
    server: LoopbackServer,
) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Home</title>"
        b'<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        b'<link rel="Alternate" type="application/rss+xml" href="feeds/rss.xml">'
        b"</head><body>Hello</body></html>"
    )
    server.route("/site/", body=page, content_type="text/html; charset=utf-8")
    server.route("/site/feeds/rss.xml", status=301, headers={"Location": "/rss2.xml"})
    server.route("/rss2.xml", body=rss("Found", "a"))
    url, parsed = await fetch_and_parse(server.url("/site/"), FAST)
    assert url == server.url("/rss2.xml")
    assert parsed.title == "Found"


async def test_fetch_and_parse_refuses_pages_and_documents_that_are_no_feed(
    server: LoopbackServer,
) -> None:
    server.route("/page", body=b"<html><body>No feed</body></html>", content_type="text/html")
    server.route("/text", body=b"just some words", content_type="text/plain")
    with pytest.raises(FetchError, match="^no feed found at http"):
        await fetch_and_parse(server.url("/page"), FAST)
    with pytest.raises(FetchError, match="not a feed"):
        await fetch_and_parse(server.url("/text"), FAST)


async def test_fetch_and_parse_reads_local_files(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss("Local", "a"))
    url, parsed = await fetch_and_parse(path.as_uri(), FAST)
    assert (url, parsed.title) == (path.as_uri(), "Local")


def test_proxies_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("https_proxy", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://proxy.example:3128")
    monkeypatch.setenv("no_proxy", "internal.example")
    assert proxy_for(httpx.URL("http://feeds.example/rss")) == "http://proxy.example:3128"
    assert proxy_for(httpx.URL("http://internal.example/rss")) is None
    assert proxy_for(httpx.URL("https://feeds.example/rss")) is None


def test_dns_and_other_connect_failures_are_named() -> None:
    lookup = httpx.ConnectError("[Errno -2] Name or service not known")
    lookup.__context__ = socket.gaierror(-2, "Name or service not known")
    assert network_reason(lookup, 10, 20) == "DNS lookup failed"
    assert network_reason(httpx.ConnectTimeout("x"), 10, 20) == "connection timed out after 10 s"
    assert network_reason(httpx.ConnectError("no route"), 10, 20) == "cannot connect: no route"


def test_retry_after_reads_seconds_and_dates_and_caps_the_wait() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert retry_after("90", now) == now + timedelta(seconds=90)
    assert retry_after("Mon, 02 Mar 2026 10:00:00 GMT", now) == now + timedelta(hours=1)
    assert retry_after("Mon, 02 Mar 2026 08:00:00 GMT", now) == now
    assert retry_after("99999999", now) == now + MAX_BACK_OFF
    assert retry_after("later", now) is None and retry_after(None, now) is None
