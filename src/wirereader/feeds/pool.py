"""Parsing feed documents off the event loop: capped worker processes for big runs, a thread
for small ones.

feedparser is pure-Python and CPU-bound, so only processes let a refresh use every core; and
only a process can be held to a CPU and memory budget, and killed when a hostile document
still makes parsing explode. Each worker parses one document at a time over its own pipe, so
the parent always knows which document a dead or stuck worker was parsing.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import DefaultContext, ForkContext
from types import FrameType, TracebackType

from wirereader.feeds.items import UNTITLED
from wirereader.feeds.parse import parse_feed
from wirereader.models import ParsedFeed

# Fewer documents than this are parsed in a thread: starting processes would cost more.
PROCESS_THRESHOLD = 3
TOO_EXPENSIVE = "feed too expensive to parse"
_MB = 1024 * 1024

Job = tuple[bytes, str, str | None, int]
# A worker's answer: the parsed feed, and whether the worker may parse another document.
Reply = tuple[ParsedFeed, bool]


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """What one document may cost a worker; a 14 MB feed needs ~4 s and ~120 MB."""

    cpu_seconds: float = 5.0
    cpu_seconds_per_mb: float = 1.0
    memory_mb: int = 1024  # address space a worker may add to what it started with
    wall_factor: float = 2.0  # the wall-clock deadline is this many times the CPU budget...
    wall_slack: float = 5.0  # ...plus this, for a busy machine

    def cpu_budget(self, size: int) -> int:
        """Whole CPU seconds a document of `size` bytes may use."""
        return math.ceil(self.cpu_seconds + self.cpu_seconds_per_mb * size / _MB)

    def deadline(self, size: int) -> float:
        """Wall-clock seconds after which the worker parsing `size` bytes is killed."""
        return self.wall_factor * self.cpu_budget(size) + self.wall_slack


DEFAULT_LIMITS = ParseLimits()


def _context() -> ForkContext | DefaultContext:
    """Fork on Linux: a forked worker starts in ~50 ms with the parser already imported.

    forkserver and spawn re-import feedparser in a fresh interpreter (~0.4 s). The workers
    only run the pure `parse_feed`, so they touch no lock another thread could hold.
    """
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class ParserPool:
    """Parse documents in lazily started, capped worker processes, or a thread for a handful.

    Use it as an async context manager; leaving it stops the workers. When processes cannot
    be started the pool parses in a thread, without the caps but with the DTD guard.
    """

    def __init__(
        self, expected: int, workers: int | None = None, limits: ParseLimits = DEFAULT_LIMITS
    ) -> None:
        """`expected` is how many documents the run may parse; it picks processes or a thread."""
        self._size = workers or os.cpu_count() or 1
        self._use_processes = expected >= PROCESS_THRESHOLD and self._size > 1
        self._limits = limits
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._slots: asyncio.Semaphore | None = None
        # Threads that parse (no processes) or wait on a worker's pipe (processes).
        self._threads: ThreadPoolExecutor | None = None

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
        """Parse one document without blocking the event loop; never raises for bad input."""
        loop = asyncio.get_running_loop()
        if not self._use_processes:
            parse = partial(parse_feed, data, url=url, content_type=content_type)
            return await loop.run_in_executor(self._executor(), parse)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._size)
        async with self._slots:
            try:
                worker = self._idle.pop() if self._idle else self._start()
            except OSError:
                self._use_processes = False  # no processes here (sandbox, limits): use a thread
                return await self.parse(data, url, content_type)
            job = (data, url, content_type, self._limits.cpu_budget(len(data)))
            deadline = self._limits.deadline(len(data))
            try:
                result, reusable = await loop.run_in_executor(
                    self._executor(), worker.call, job, deadline
                )
            except TimeoutError:
                self._stop(worker)
                return _failed(url, f"{TOO_EXPENSIVE}: still parsing after {deadline:g} s")
            except (EOFError, OSError):
                self._stop(worker)
                return _failed(url, f"{TOO_EXPENSIVE}: the parser process died")
            if reusable:
                self._idle.append(worker)
            else:
                self._stop(worker)
            return result

    def close(self, *, wait: bool) -> None:
        """Stop the workers; `wait=False` (a cancelled run) kills them mid-document."""
        for worker in list(self._live):
            if wait and worker in self._idle:
                worker.finish()
            else:
                worker.kill()
        self._idle.clear()
        self._live.clear()
        if self._threads is not None:
            self._threads.shutdown(wait=wait, cancel_futures=True)
            self._threads = None

    def _start(self) -> _Worker:
        """A new worker process; OSError when processes cannot be started."""
        worker = _Worker(self._limits.memory_mb)
        self._live.add(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        """Kill a worker that failed or may be unsound, and forget it."""
        worker.kill()
        self._live.discard(worker)

    def _executor(self) -> ThreadPoolExecutor:
        """The threads, started on first use so a run with nothing to parse starts nothing."""
        if self._threads is None:
            self._threads = ThreadPoolExecutor(self._size, thread_name_prefix="wirereader-parse")
        return self._threads


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, memory_mb: int) -> None:
        context = _context()
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(child, os.getpid(), memory_mb),
            name="wirereader-parser",
            daemon=True,
        )
        try:
            self._process.start()
        finally:
            child.close()

    def call(self, job: Job, deadline: float) -> Reply:
        """Send a job and wait for its reply; TimeoutError after `deadline` seconds."""
        self._conn.send(job)
        if not self._conn.poll(deadline):
            raise TimeoutError
        reply: Reply = self._conn.recv()
        return reply

    def finish(self) -> None:
        """Tell an idle worker to exit and wait for it.

        Closing the pipe alone is not enough: forked siblings hold copies of it, so the worker
        would not see EOF and every refresh would wait out the join timeout.
        """
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._conn.close()
        self._process.join(timeout=1)
        if self._process.is_alive():
            self.kill()

    def kill(self) -> None:
        """End the process now, whatever it is doing."""
        self._conn.close()
        self._process.kill()
        self._process.join()


class _OutOfTime(BaseException):
    """The document used up its CPU budget (SIGXCPU); a BaseException, so that no
    `except Exception` in a parser swallows it."""


def _serve(conn: Connection, parent: int, memory_mb: int) -> None:
    """A worker's loop: cap memory, then parse jobs until told to stop, the pipe closes or a cap
    is hit."""
    _exit_with_parent(parent)
    _cap_memory(memory_mb)
    signal.signal(signal.SIGXCPU, _out_of_time)
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        data, url, content_type, cpu = job
        reply = _parse_capped(data, url, content_type, cpu, memory_mb)
        conn.send(reply)
        if not reply[1]:
            return


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as its parent (pid `parent`) is gone, even killed with SIGKILL.

    Forked siblings hold copies of each other's pipes, so a dead parent does not always
    close a worker's pipe; without this watch an orphan would wait for work for ever. The
    pid comes from the parent: it may die before this worker first runs.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="wirereader-parent-watch", daemon=True).start()


def _parse_capped(
    data: bytes, url: str, content_type: str | None, cpu: int, memory_mb: int
) -> Reply:
    """Parse within `cpu` more seconds of CPU; a cap that is hit ends the worker."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = math.ceil(usage.ru_utime + usage.ru_stime)
    _set_cpu_limit(used + cpu)
    try:
        return parse_feed(data, url=url, content_type=content_type), True
    except _OutOfTime:
        return _failed(url, f"{TOO_EXPENSIVE}: it used {cpu} s of CPU"), False
    except MemoryError:
        return _failed(url, f"{TOO_EXPENSIVE}: it needed over {memory_mb} MB of memory"), False
    finally:
        _set_cpu_limit(resource.RLIM_INFINITY)


def _out_of_time(signum: int, frame: FrameType | None) -> None:
    """SIGXCPU: the CPU budget is spent; unwind the parse."""
    raise _OutOfTime


def _set_cpu_limit(seconds: int) -> None:
    """Set the soft CPU limit (SIGXCPU), never above the hard one."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY and (seconds == resource.RLIM_INFINITY or seconds > hard):
        seconds = hard
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard))


def _cap_memory(memory_mb: int) -> None:
    """Let the address space grow by at most `memory_mb` (Linux: allocations past it fail)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return  # not Linux: no reliable address-space figure to cap from
    limit = pages * os.sysconf("SC_PAGE_SIZE") + memory_mb * _MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _failed(url: str, error: str) -> ParsedFeed:
    """The result for a document that could not be parsed at all."""
    return ParsedFeed(title=url or UNTITLED, error=error)
