"""The parser pool's caps: a document that burns CPU, memory or time fails alone, quickly."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import time

import pytest

from tests.unit.test_guard import quadratic
from wirereader.feeds import parse, pool
from wirereader.feeds.pool import ParseLimits, ParserPool
from wirereader.models import ParsedFeed

GOOD = b'<rss version="2.0"><channel><title>Good</title><item><guid>a</guid></item></channel></rss>'
# A generous wall-clock slack, so the CPU cap is what stops the spinner even on a busy machine.
TIGHT = ParseLimits(cpu_seconds=1, cpu_seconds_per_mb=0, memory_mb=256, wall_slack=30)

pytestmark = pytest.mark.skipif(os.cpu_count() == 1, reason="processes need more than one CPU")


def hostile_parser(data: bytes, *, url: str, content_type: str | None) -> ParsedFeed:
    """A parse_feed stand-in that misbehaves as the URL says, and parses anything else."""
    if url == "spin":
        while True:
            pass
    if url == "allocate":
        return ParsedFeed(title=str(len(bytearray(2 * 1024**3))))
    if url == "sleep":
        time.sleep(600)
    if url == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    return parse.parse_feed(data, url=url, content_type=content_type)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def parse_all(parser: ParserPool, urls: list[str]) -> list[ParsedFeed]:
    async with parser:
        return await asyncio.gather(*(parser.parse(GOOD, url, None) for url in urls))


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers fork after this, so they run the stand-in."""
    monkeypatch.setattr(pool, "parse_feed", hostile_parser)


@pytest.mark.usefixtures("hostile")
async def test_cpu_and_memory_hogs_fail_alone_and_the_rest_parse() -> None:
    before, start = peak_rss_mb(), time.monotonic()
    urls = ["spin", "good1", "allocate", "good2", "good3"]
    results = await parse_all(ParserPool(expected=5, workers=2, limits=TIGHT), urls)
    assert time.monotonic() - start < 30
    assert peak_rss_mb() - before < 100  # the 2 GB allocation never reached this process
    spin, good1, allocate, good2, good3 = results
    assert spin.error == "feed too expensive to parse: it used 1 s of CPU"
    assert allocate.error == "feed too expensive to parse: it needed over 256 MB of memory"
    assert all(feed.title == "Good" and feed.error is None for feed in (good1, good2, good3))


@pytest.mark.usefixtures("hostile")
async def test_a_stuck_or_dying_worker_is_replaced() -> None:
    limits = ParseLimits(cpu_seconds=1, cpu_seconds_per_mb=0, wall_factor=1, wall_slack=0.5)
    parser = ParserPool(expected=5, workers=2, limits=limits)
    sleep, die, good = await parse_all(parser, ["sleep", "die", "good"])
    assert sleep.error == "feed too expensive to parse: still parsing after 1.5 s"
    assert die.error == "feed too expensive to parse: the parser process died"
    assert good.error is None and good.title == "Good"


async def test_without_the_guard_the_caps_still_stop_an_entity_bomb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parse, "defuse", lambda data: data)
    before, start = peak_rss_mb(), time.monotonic()
    async with ParserPool(expected=5, workers=2, limits=TIGHT) as parser:
        result = await parser.parse(quadratic(), "bomb", None)
    assert time.monotonic() - start < 5
    assert peak_rss_mb() - before < 100
    assert result.error is not None and result.error.startswith("feed too expensive to parse")


async def test_without_processes_documents_parse_in_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_processes(memory_mb: int) -> None:
        raise OSError("processes are not allowed here")

    monkeypatch.setattr(pool, "_Worker", no_processes)
    results = await parse_all(ParserPool(expected=5, workers=2), ["a", "b", "c"])
    assert [feed.title for feed in results] == ["Good"] * 3
