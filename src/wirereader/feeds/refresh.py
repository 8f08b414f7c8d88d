"""Refreshing many feeds at once: fetch concurrently, parse in worker processes, store each."""

from __future__ import annotations

import asyncio
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar
from urllib.parse import urlsplit

import httpx

from wirereader.feeds.fetch import Document, fetch_document, open_client
from wirereader.feeds.local import is_local
from wirereader.feeds.pool import ParserPool
from wirereader.feeds.report import GONE, FeedOutcome, RefreshReport
from wirereader.feeds.settings import (
    DEFAULT_SETTINGS,
    FetchError,
    FetchSettings,
    GoneError,
    RetryLaterError,
)
from wirereader.storage import FeedExistsError, FetchState, FetchTarget, Storage, StorageError
from wirereader.storage.dates import utcnow

T = TypeVar("T")


async def refresh_feeds(
    storage: Storage,
    feed_ids: Sequence[int] | None = None,
    *,
    settings: FetchSettings = DEFAULT_SETTINGS,
    on_outcome: Callable[[FeedOutcome], None] | None = None,
) -> RefreshReport:
    """Refresh every subscribed feed (or those of `feed_ids`); one feed failing stops no other.

    `on_outcome` is called on the event loop's thread as each feed finishes.
    """
    outcomes: dict[int, FeedOutcome] = {}

    def finish(outcome: FeedOutcome) -> None:
        outcomes[outcome.feed_id] = outcome
        if on_outcome is not None:
            on_outcome(outcome)

    now = utcnow()
    due: list[FetchTarget] = []
    for target in storage.fetch_targets(feed_ids):
        if target.gone:
            finish(FeedOutcome(target.feed_id, target.url, "gone", error=GONE))
        elif target.retry_after is not None and target.retry_after > now:
            wait = f"the server asked to wait until {target.retry_after:%Y-%m-%d %H:%M} UTC"
            finish(FeedOutcome(target.feed_id, target.url, "skipped", error=wait))
        else:
            due.append(target)
    if due:
        async with _Run(storage, settings, len(due)) as run:
            await asyncio.gather(*(run.refresh(target, finish) for target in due))
    return RefreshReport(tuple(outcomes[feed_id] for feed_id in sorted(outcomes)))


def refresh_feeds_sync(
    storage: Storage,
    feed_ids: Sequence[int] | None = None,
    *,
    settings: FetchSettings = DEFAULT_SETTINGS,
    on_outcome: Callable[[FeedOutcome], None] | None = None,
) -> RefreshReport:
    """`refresh_feeds` on a fresh event loop, for worker threads and the CLI."""
    return asyncio.run(refresh_feeds(storage, feed_ids, settings=settings, on_outcome=on_outcome))


class _Run:
    """The shared machinery of one refresh: HTTP client, limits, parser pool, writer thread."""

    def __init__(self, storage: Storage, settings: FetchSettings, feeds: int) -> None:
        self._storage = storage
        self._settings = settings
        self._client: httpx.AsyncClient = open_client(settings)
        self._parser = ParserPool(expected=feeds)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            partial(asyncio.Semaphore, settings.per_host)
        )
        # Bodies fetched but not yet stored: bounds memory when parsing lags behind fetching.
        self._backlog = asyncio.Semaphore(2 * settings.concurrency)
        # One writer: the storage lock serialises writes anyway, and the loop never blocks.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="wirereader-store")

    async def __aenter__(self) -> _Run:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        completed = exc_info[0] is None
        try:
            await self._client.aclose()
        finally:
            self._parser.close(wait=completed)
            self._writer.shutdown(wait=completed, cancel_futures=True)

    async def refresh(self, target: FetchTarget, finish: Callable[[FeedOutcome], None]) -> None:
        """Refresh one feed and report its outcome; failures are recorded on the feed."""
        async with self._backlog:
            try:
                outcome = await self._refresh(target)
            except StorageError as exc:
                outcome = FeedOutcome(target.feed_id, target.url, "error", error=str(exc))
            except Exception as exc:  # a bug must cost one feed, never the whole refresh
                error = f"unexpected error: {type(exc).__name__}: {exc}"
                outcome = FeedOutcome(target.feed_id, target.url, "error", error=error)
        finish(outcome)

    async def _refresh(self, target: FetchTarget) -> FeedOutcome:
        """Fetch, then record the failure, the unchanged state or the new document."""
        feed_id, url = target.feed_id, target.url
        try:
            document = await self._fetch(target)
        except GoneError:
            await self._write(self._storage.mark_feed_gone, feed_id, GONE)
            return FeedOutcome(feed_id, url, "gone", error=GONE)
        except RetryLaterError as exc:
            await self._write(self._record_back_off, feed_id, exc)
            return FeedOutcome(feed_id, url, "skipped", error=str(exc))
        except FetchError as exc:
            await self._write(self._storage.record_failure, feed_id, str(exc))
            return FeedOutcome(feed_id, url, "error", error=str(exc))
        if document.moved_to is not None and document.moved_to != url:
            url = await self._write(self._move, feed_id, url, document.moved_to)
        return await self._store(target, url, document)

    async def _fetch(self, target: FetchTarget) -> Document:
        """Fetch within the per-host and global limits; local sources need no slot."""
        fetch = partial(fetch_document, self._client, target.url, target.state, self._settings)
        if is_local(target.url):
            return await fetch()
        host = (urlsplit(target.url).hostname or "").lower()
        async with self._hosts[host], self._slots:
            return await fetch()

    async def _store(self, target: FetchTarget, url: str, document: Document) -> FeedOutcome:
        """Skip parsing a 304 or an unchanged body; else parse off the loop and store."""
        feed_id, old = target.feed_id, target.state
        if document.body is None:
            state = FetchState(document.etag or old.etag, old.last_modified, old.content_hash)
            await self._write(self._storage.record_check, feed_id, state)
            return FeedOutcome(feed_id, url, "not-modified")
        digest = hashlib.sha256(document.body).hexdigest()
        state = FetchState(document.etag, document.last_modified, digest)
        if digest == old.content_hash:
            await self._write(self._storage.record_check, feed_id, state)
            return FeedOutcome(feed_id, url, "unchanged")
        parsed = await self._parser.parse(document.body, url, document.content_type)
        if parsed.error is not None and not parsed.articles:
            await self._write(self._storage.record_failure, feed_id, parsed.error)
            return FeedOutcome(feed_id, url, "error", error=parsed.error)
        if parsed.error is not None:
            # No validators for a broken document: the next refresh parses it again, so the
            # recorded problem stays true until the feed is fixed.
            state = FetchState()
        result = await self._write(self._storage.save_fetch, feed_id, parsed, state)
        return FeedOutcome(feed_id, url, "updated", result.new, result.updated, parsed.error)

    def _record_back_off(self, feed_id: int, exc: RetryLaterError) -> None:
        """Remember until when the server asked us to wait, and why."""
        self._storage.set_retry_after(feed_id, exc.until)
        self._storage.record_failure(feed_id, str(exc))

    def _move(self, feed_id: int, old_url: str, new_url: str) -> str:
        """Follow a permanent redirect in storage; keep the old URL if the new one is taken."""
        try:
            self._storage.set_feed_url(feed_id, new_url)
        except FeedExistsError:
            return old_url
        return new_url

    async def _write(self, call: Callable[..., T], *args: object) -> T:
        """Run a storage call on the writer thread, so the event loop keeps fetching."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, partial(call, *args))
