"""Real `wirereader refresh` processes killed with SIGKILL mid-run, or racing each other and a
flag toggler on one database: the database stays whole and no read/starred flag is lost."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from wirereader.models import ArticleFilter
from wirereader.storage import Storage

FEEDS = 8
ITEMS = 120
KILLS = 20

Flags = dict[int, tuple[bool, bool]]


def feed_body(feed: int, round_: int) -> bytes:
    """A feed whose every item changes each round, so every refresh rewrites every article."""
    items = "".join(
        f"<item><title>Feed {feed} story {i} (round {round_})</title><guid>f{feed}-{i}</guid>"
        f"<description>&lt;p&gt;Round {round_}: {'words ' * 60}&lt;/p&gt;</description></item>"
        for i in range(ITEMS)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
        f"<weird/>{items}</channel></rss>"  # <weird/> keeps it on the slower feedparser path
    ).encode()


def publish(server: LoopbackServer, round_: int) -> None:
    for feed in range(FEEDS):
        server.route(f"/feed{feed}.xml", body=feed_body(feed, round_))


def start_refresh(db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "wirereader", "--db", str(db), "refresh"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def flags(db: Path) -> Flags:
    with Storage(db) as storage:
        rows = storage.list_articles(ArticleFilter(), 0, FEEDS * ITEMS)
    return {row.id: (row.read, row.starred) for row in rows}


def toggle(db: Path, expected: Flags, rng: random.Random, count: int) -> None:
    """Flip the flags of `count` random articles, recording what they should now be."""
    with Storage(db) as storage:
        for article_id in rng.sample(sorted(expected), count):
            read, starred = expected[article_id]
            storage.set_read(article_id, not read)
            storage.set_starred(article_id, not starred)
            expected[article_id] = (not read, not starred)


def integrity(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@pytest.fixture
def subscribed(tmp_path: Path) -> Iterator[tuple[LoopbackServer, Path]]:
    """A database subscribed to the loopback feeds and refreshed once."""
    db = tmp_path / "crash.sqlite"
    with LoopbackServer() as server:
        publish(server, 0)
        with Storage(db) as storage:
            for feed in range(FEEDS):
                storage.add_feed(server.url(f"/feed{feed}.xml"))
        first = start_refresh(db)
        assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
        yield server, db


def test_kill_9_at_random_moments_loses_nothing(subscribed: tuple[LoopbackServer, Path]) -> None:
    server, db = subscribed
    rng = random.Random(6)
    expected = flags(db)
    assert len(expected) == FEEDS * ITEMS
    publish(server, -1)  # new content, so the timed refresh parses and stores every feed
    began = time.monotonic()
    assert start_refresh(db).wait(timeout=120) == 0
    whole = time.monotonic() - began
    killed = stored = 0  # refreshes killed; of those, how many had stored some feeds
    for round_ in range(1, KILLS + 1):
        toggle(db, expected, rng, 10)
        publish(server, round_)
        # The moment is chosen by progress, not by the clock, since a refresh's length varies
        # with the machine's load: after `target` feeds are stored, or during start-up and
        # fetching when the target is none.
        target = rng.randrange(FEEDS - 1)
        process = start_refresh(db)
        if target == 0:
            time.sleep(rng.uniform(0.0, 0.3) * whole)  # waiting on the subprocess, not a UI
        while process.poll() is None and stored_so_far(db, round_) < target:
            time.sleep(0.005)
        process.kill()
        killed += process.wait(timeout=30) == -9
        assert integrity(db) == "ok", f"round {round_}"
        assert flags(db) == expected, f"round {round_}"
        stored += updated_feeds(db, round_) > 0 and process.returncode == -9
    print(f"\n{killed} of {KILLS} refreshes killed mid-run, {stored} of them after storing a feed")
    assert killed >= KILLS // 2 and stored >= 3
    deadline = time.monotonic() + 5
    while survivors(db) and time.monotonic() < deadline:
        time.sleep(0.1)  # orphaned parser workers notice their parent is gone within 0.5 s
    assert survivors(db) == []


def survivors(db: Path) -> list[int]:
    """Processes still working on `db`: a killed refresh must leave no parser worker behind."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if str(db).encode() in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def stored_so_far(db: Path, round_: int) -> int:
    """How many feeds the running refresh of `round_` has stored, read without a Storage."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        (count,) = connection.execute(
            "SELECT count(DISTINCT feed_id) FROM articles WHERE title LIKE ?",
            (f"%(round {round_})%",),
        ).fetchone()
        return int(count)
    finally:
        connection.close()


def updated_feeds(db: Path, round_: int) -> int:
    """How many feeds the refresh of `round_` has stored."""
    with Storage(db) as storage:
        rows = storage.list_articles(ArticleFilter(), 0, FEEDS * ITEMS)
    return len({row.feed_id for row in rows if f"(round {round_})" in row.title})


def test_two_refreshes_and_a_flag_toggler_at_once(subscribed: tuple[LoopbackServer, Path]) -> None:
    server, db = subscribed
    rng = random.Random(7)
    expected = flags(db)
    publish(server, 1)
    refreshes = [start_refresh(db), start_refresh(db)]
    while any(process.poll() is None for process in refreshes):
        toggle(db, expected, rng, 5)
    for process in refreshes:
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert process.wait() == 0, stderr
        assert stderr == ""
    assert integrity(db) == "ok"
    assert flags(db) == expected
    with Storage(db) as storage:
        titles = {row.title for row in storage.list_articles(ArticleFilter(), 0, 10)}
    assert all("(round 1)" in title for title in titles)
