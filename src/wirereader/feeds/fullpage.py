"""Fetching articles' web pages for their full text: http(s) only, HTML only, politely.

The same size cap, timeouts, overall deadline and redirect rules as feed fetching apply (this
reuses fetch.fetch_document); on top of that at most PER_HOST pages of one site are fetched
at a time, and a page's deadline starts only when its turn comes.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from wirereader.feeds.discover import looks_like_html
from wirereader.feeds.fetch import fetch_document, open_client
from wirereader.feeds.local import is_web
from wirereader.feeds.settings import FetchError, FetchSettings
from wirereader.storage.feeds import FetchState

PER_HOST = 2
_ACCEPT = "text/html, application/xhtml+xml, */*;q=0.1"


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched web page: where it was finally read from (after redirects) and its bytes."""

    url: str
    body: bytes


def open_page_client(settings: FetchSettings) -> httpx.AsyncClient:
    """A client asking for HTML, with at most PER_HOST connections to any one site."""
    return open_client(settings, accept=_ACCEPT, per_host=min(PER_HOST, settings.per_host))


async def fetch_page(client: httpx.AsyncClient, url: str, settings: FetchSettings) -> Page:
    """Fetch one web page; FetchError with a short reason when it is not an HTML page we got."""
    if not is_web(url):
        raise FetchError("only http and https pages can be fetched")
    document = await fetch_document(client, url, FetchState(), settings)
    body = document.body
    if body is None:  # a 304 to a request without validators
        raise FetchError("the server sent no page")
    if not looks_like_html(body, document.content_type):
        media_type = (document.content_type or "unknown type").split(";", 1)[0].strip()
        raise FetchError(f"not a web page ({media_type})")
    return Page(document.url, body)


async def fetch_pages(urls: Sequence[str], settings: FetchSettings) -> list[Page | FetchError]:
    """Fetch many pages, at most `settings.concurrency` at once and PER_HOST per site.

    Returns one Page or FetchError per URL, in order; one failure never stops the others.
    """
    overall = asyncio.Semaphore(max(settings.concurrency, 1))
    per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST))

    async def one(client: httpx.AsyncClient, url: str) -> Page | FetchError:
        async with per_host[_host(url)], overall:
            try:
                return await fetch_page(client, url, settings)
            except FetchError as exc:
                return exc

    async with open_page_client(settings) as client:
        return list(await asyncio.gather(*(one(client, url) for url in urls)))


def fetch_page_sync(url: str, settings: FetchSettings) -> Page:
    """fetch_page for callers outside an event loop (the app's worker threads, the CLI)."""

    async def run() -> Page:
        async with open_page_client(settings) as client:
            return await fetch_page(client, url, settings)

    return asyncio.run(run())


def _host(url: str) -> str:
    """The site a URL belongs to, for the per-host limit."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
