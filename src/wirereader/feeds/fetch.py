"""Fetching one feed document: conditional, size- and time-limited HTTP, or a local source."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from wirereader.feeds.discover import discover_feed, looks_like_html
from wirereader.feeds.local import LocalSourceError, is_local, is_web, read_local
from wirereader.feeds.parse import parse_feed
from wirereader.feeds.reasons import http_status, network_reason, retry_after
from wirereader.feeds.settings import (
    DEFAULT_SETTINGS,
    FetchError,
    FetchSettings,
    GoneError,
    RetryLaterError,
)
from wirereader.feeds.transport import HostPools
from wirereader.models import ParsedFeed
from wirereader.storage.dates import utcnow
from wirereader.storage.feeds import FetchState

_MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_DRAIN_LIMIT = 64 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class Document:
    """A fetched feed document; `body` is None when it has not changed since the last fetch."""

    # Where the document was finally read from, after any redirects.
    url: str
    body: bytes | None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    # The address every redirect permanently (301/308) moved the feed to, if any.
    moved_to: str | None = None


def open_client(
    settings: FetchSettings, *, accept: str = _ACCEPT, per_host: int | None = None
) -> httpx.AsyncClient:
    """One client for a whole refresh, with a small connection pool per host.

    Redirects are followed by hand, to tell permanent moves from temporary ones. `accept`
    and `per_host` (default: the settings') let the full-page fetcher ask for HTML, gently.
    """
    return httpx.AsyncClient(
        transport=HostPools(settings.per_host if per_host is None else per_host),
        headers={"User-Agent": settings.user_agent, "Accept": accept},
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=None,
        ),
        follow_redirects=False,
    )


async def fetch_document(
    client: httpx.AsyncClient, url: str, state: FetchState, settings: FetchSettings
) -> Document:
    """Fetch `url` (http(s), a local path, file:// or sample:) within the overall deadline.

    Raises FetchError (GoneError, RetryLaterError) with a short reason.
    """
    if is_local(url):
        return await asyncio.to_thread(_read_local, url)
    if not is_web(url):
        raise FetchError("unsupported address: only http(s), file:// and local paths work")
    try:
        async with asyncio.timeout(settings.deadline):
            return await _fetch_http(client, url, state, settings)
    except TimeoutError:
        raise FetchError(f"timed out after {settings.deadline:g} s") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        reason = network_reason(exc, settings.connect_timeout, settings.read_timeout)
        raise FetchError(reason) from exc


def _read_local(url: str) -> Document:
    """Read a local source whole; its body hash stands in for HTTP validators."""
    try:
        return Document(url, read_local(url))
    except LocalSourceError as exc:
        raise FetchError(str(exc)) from exc


async def _fetch_http(
    client: httpx.AsyncClient, url: str, state: FetchState, settings: FetchSettings
) -> Document:
    """GET with the stored validators, following up to five redirects by hand."""
    headers = _conditional_headers(state)
    permanent: bool | None = None  # None until redirected; then whether every hop was 301/308
    for _ in range(_MAX_REDIRECTS + 1):
        async with _get(client, url, headers) as response:
            if response.status_code not in _REDIRECTS or "location" not in response.headers:
                return await _document(response, bool(permanent), settings)
            await _drain(response)
            permanent = permanent is not False and response.status_code in _PERMANENT
            url = str(response.url.join(response.headers["location"]))
            if not is_web(url):
                raise FetchError("redirected to a non-web address")
    raise FetchError(f"more than {_MAX_REDIRECTS} redirects")


@asynccontextmanager
async def _get(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> AsyncIterator[httpx.Response]:
    """A streamed GET whose connection goes back to the pool however the block ends."""
    request = client.build_request("GET", url, headers=headers)
    try:
        response = await client.send(request, stream=True)
    except httpx.InvalidURL:  # httpx resolves a redirect's Location even when not following it
        raise FetchError("redirected to an invalid address") from None
    try:
        yield response
    finally:
        await response.aclose()


async def _document(response: httpx.Response, moved: bool, settings: FetchSettings) -> Document:
    """Turn the final response into a Document, or raise the FetchError its status means.

    `moved`: permanent redirects led here, so this is the feed's new address.
    """
    code = response.status_code
    url = str(response.url)
    moved_to = url if moved else None
    if code != 200:
        await _drain(response)
    if code == 304:
        return Document(url, None, etag=_header(response, "etag"), moved_to=moved_to)
    if code == 410:
        raise GoneError(http_status(code))
    if code in (429, 503):
        until = retry_after(response.headers.get("retry-after"), utcnow())
        if until is not None:
            message = f"{http_status(code)}: retry after {until:%Y-%m-%d %H:%M} UTC"
            raise RetryLaterError(message, until)
    if code != 200:
        raise FetchError(http_status(code))
    return Document(
        url,
        await _read_limited(response, settings.max_bytes),
        content_type=response.headers.get("content-type"),
        etag=_header(response, "etag"),
        last_modified=_header(response, "last-modified"),
        moved_to=moved_to,
    )


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """Read the decoded body, stopping as soon as it grows past `max_bytes`.

    Counting decoded bytes as they stream in also stops a compressed "bomb" early.
    """
    too_big = FetchError(f"response larger than {max_bytes / 1024 / 1024:g} MB")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _drain(response: httpx.Response) -> None:
    """Read a short body we do not need, so the connection can be reused.

    An unread response, even an empty 304, makes httpcore close its connection; a long body
    is not worth reading, so its connection is closed instead.
    """
    read = 0
    async for chunk in response.aiter_raw():
        read += len(chunk)
        if read > _DRAIN_LIMIT:
            return


def _conditional_headers(state: FetchState) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last full fetch."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _header(response: httpx.Response, name: str) -> str | None:
    """A header's value, or None when missing or blank."""
    value = response.headers.get(name, "").strip()
    return value or None


async def fetch_and_parse(
    url: str, settings: FetchSettings = DEFAULT_SETTINGS
) -> tuple[str, ParsedFeed]:
    """Fetch and parse one feed for subscribing: returns (feed URL to store, parsed feed).

    An HTML page is followed to the feed it advertises. Raises FetchError when nothing can be
    fetched or the document is not a feed.
    """
    async with open_client(settings) as client:
        document = await fetch_document(client, url, FetchState(), settings)
        body = document.body or b""
        if is_web(url) and looks_like_html(body, document.content_type):
            found = discover_feed(body, document.url)
            if found is None:
                raise FetchError(f"no feed found at {url}")
            url = found
            document = await fetch_document(client, url, FetchState(), settings)
            body = document.body or b""
    final_url = document.moved_to or url
    parsed = await asyncio.to_thread(
        parse_feed, body, url=final_url, content_type=document.content_type
    )
    if parsed.error is not None and not parsed.articles:
        raise FetchError(parsed.error)
    return final_url, parsed
