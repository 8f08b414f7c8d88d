"""Time the storage queries the article list depends on, at 100,000 articles.

Run with `python bench/bench_storage.py [articles]`; prints the median of repeated runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wirereader.models import ArticleFilter, ParsedArticle
from wirereader.storage import Storage

FEEDS = 50
BATCH = 5_000
REPEATS = 25
START = datetime(2024, 1, 1, tzinfo=UTC)


def fill(storage: Storage, total: int) -> float:
    """Store `total` articles over FEEDS feeds, a third of them read; return the seconds taken."""
    feed_ids = [
        storage.add_feed(f"https://feed{n}.example/rss", f"Feed {n}").id for n in range(FEEDS)
    ]
    began = time.perf_counter()
    for first in range(0, total, BATCH):
        batch = [
            ParsedArticle(
                guid=f"urn:article:{i}",
                title=f"Article number {i}",
                published=START + timedelta(minutes=i * 7 % total),
                summary="<p>" + "Some summary text. " * 10 + "</p>",
            )
            for i in range(first, min(first + BATCH, total))
        ]
        storage.store_articles(feed_ids[first // BATCH % FEEDS], batch)
    for feed_id in feed_ids[::3]:
        storage.mark_read(ArticleFilter(feed_id=feed_id))
    return time.perf_counter() - began


def median_ms(action: Callable[[], object]) -> float:
    """Return the median wall time of `action` over REPEATS runs, in milliseconds."""
    timings = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings) * 1000


def cases(storage: Storage, total: int) -> dict[str, Callable[[], object]]:
    """The queries to time, by name; offsets are relative to `total`."""
    everything, unread = ArticleFilter(), ArticleFilter(unread_only=True)
    one_feed = ArticleFilter(feed_id=storage.get_feeds()[1].id)
    deep_offset = total * 9 // 10
    deep = storage.list_articles(everything, deep_offset, 1)[0].id
    return {
        "count_articles(all)": lambda: storage.count_articles(everything),
        "count_articles(unread)": lambda: storage.count_articles(unread),
        "view_counts()": storage.view_counts,
        "feed_stats()": storage.feed_stats,
        "list_articles(all, 0, 50)": lambda: storage.list_articles(everything, 0, 50),
        "list_articles(all, 90%, 50)": lambda: storage.list_articles(everything, deep_offset, 50),
        "list_articles(unread, 0, 50)": lambda: storage.list_articles(unread, 0, 50),
        "list_articles(one feed, 0, 50)": lambda: storage.list_articles(one_feed, 0, 50),
        "article_position(all, at 90%)": lambda: storage.article_position(everything, deep),
        "next_unread(all, -1)": lambda: storage.next_unread(everything, -1),
        "next_unread(all, 50%)": lambda: storage.next_unread(everything, total // 2),
        "get_article": lambda: storage.get_article(deep),
    }


def main() -> None:
    """Build a temporary database and print one timing per query."""
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with (
        tempfile.TemporaryDirectory() as directory,
        Storage(Path(directory) / "bench.sqlite") as storage,
    ):
        print(f"store {total:,} articles + mark a third read: {fill(storage, total):.2f} s")
        for name, action in cases(storage, total).items():
            print(f"{name:34} {median_ms(action):8.2f} ms")


if __name__ == "__main__":
    main()
