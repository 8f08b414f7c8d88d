"""Parsing feed documents off the event loop: worker processes for big runs, a thread for small.

feedparser is pure-Python and CPU-bound, so only processes let a refresh use every core.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from types import TracebackType

from wirereader.feeds.parse import parse_feed
from wirereader.models import ParsedFeed

# Fewer documents than this are parsed in a thread: starting processes would cost more.
PROCESS_THRESHOLD = 3


def _context() -> multiprocessing.context.BaseContext:
    """Fork on Linux: a forked worker starts in ~50 ms with the parser already imported.

    forkserver and spawn re-import feedparser in a fresh interpreter (~0.4 s). The workers
    only run the pure `parse_feed`, so they touch no lock another thread could hold.
    """
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class ParserPool:
    """Parse documents in a lazily started process pool, or a thread for a handful of them.

    Use it as an async context manager; leaving it shuts the workers down.
    """

    def __init__(self, expected: int, workers: int | None = None) -> None:
        """`expected` is how many documents the run may parse; it picks processes or a thread."""
        self._workers = workers or os.cpu_count() or 1
        self._use_processes = expected >= PROCESS_THRESHOLD and self._workers > 1
        self._executor: Executor | None = None

    async def __aenter__(self) -> ParserPool:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(wait=exc_type is None)

    async def parse(self, data: bytes, url: str, content_type: str | None) -> ParsedFeed:
        """Parse one document without blocking the event loop; never raises for bad input.

        A worker that dies (out of memory on a huge document) sends the rest to a thread.
        """
        job = partial(parse_feed, data, url=url, content_type=content_type)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._get_executor(), job)
        except BrokenProcessPool:
            self.close(wait=False)
            self._use_processes = False
            return await loop.run_in_executor(self._get_executor(), job)

    def close(self, *, wait: bool) -> None:
        """Stop the workers; `wait=False` (a cancelled run) does not wait for running parses."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def _get_executor(self) -> Executor:
        """The executor, started on first use so a run with nothing to parse starts nothing."""
        if self._executor is None:
            if self._use_processes:
                self._executor = ProcessPoolExecutor(self._workers, mp_context=_context())
            else:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="wirereader-parse")
        return self._executor
