"""Time wirereader at 10,000 and 100,000 stored articles, and newsboat's start on the same ones.

Run with `python bench/bench_scale.py [--sizes 10000,100000] [--keep DIR] [--runs 3]
[--skip-newsboat]`. For each size it stores generated articles (~10 KB of our own HTML with
names and figures, bench/feedgen.py) through the public Storage API, then measures:

- first paint, headless: a fresh process builds the app with `make_app` and runs
  `run_test` until the article list shows its first row (wall time from process launch);
- first paint in tmux: the real `wirereader` command (the one installed beside this
  interpreter, so run it with a venv's python to time a venv install) until the newest
  title is on screen;
- keypresses (j, k, ctrl+d): the main thread's CPU time spent on the app's own work for
  each key: every message it dispatches (the key, the actions, the messages they post,
  timers) and every screen update, with the update also rendered to the escape sequences a
  terminal would be sent (headless mode skips that). Pilot's own wait callbacks are the only
  messages not counted. As a cross-check, the older figure: all CPU of press + pause less
  twice the median CPU of an idle `pilot.pause()`;
- search: the first screen of 64 rows (what the list reads and shows first for a search),
  then with the rest of its top page of 200 and the count that sizes the list, p50/p95 over
  every query and repeat (each query's first run is the first since the database was
  opened, so its pages come from disk unless the OS still caches them);
- resident memory of the tmux process after the list is shown, and its peak;
- newsboat 2.21's start in tmux on a cache holding the same articles (its own schema,
  written directly) until its feed list is on screen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_refresh import clean_env
from feedgen import ArticleWriter

FEEDS = 50
BATCH = 1_000
TARGET_BYTES = 10_000
START = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SIZE = (160, 48)
QUERIES = (
    "lisbon",
    '"city council"',
    "helix*",
    "amara achterberg",
    "nakamura -lisbon",
    "author:zofia is:unread",
    'feed:"wire 7" budget',
    "budget after:2024-05-20",
    "tessellate semiconductors -rail",
    "quixotic",
)
SEARCH_REPEATS = 5


def fill(path: Path, total: int) -> None:
    """Store `total` generated articles over FEEDS feeds, a third of them read."""
    from wirereader.models import ArticleFilter, ParsedArticle
    from wirereader.storage import Storage

    writer = ArticleWriter(seed=11)
    began = time.perf_counter()
    with Storage(path) as storage:
        feeds = [
            storage.add_feed(f"https://news{n}.example/rss", f"Bench Wire {n}").id
            for n in range(FEEDS)
        ]
        for first in range(0, total, BATCH):
            feed_no = first // BATCH % FEEDS
            batch = []
            for n in range(first, min(first + BATCH, total)):
                item = writer.item(f"https://news{feed_no}.example", feed_no, n, _when(n))
                html = item.html
                while len(html) < TARGET_BYTES:
                    html += "\n" + writer.rng.choice(writer.pool)
                batch.append(
                    ParsedArticle(
                        guid=item.guid,
                        title=item.title,
                        link=item.link,
                        author=item.author,
                        published=item.published,
                        content_html=html,
                    )
                )
            storage.store_articles(feeds[feed_no], batch)
        for feed_id in feeds[::3]:
            storage.mark_read(ArticleFilter(feed_id=feed_id))
    print(f"  stored {total:,} articles in {time.perf_counter() - began:.0f} s", flush=True)


def _when(n: int) -> datetime:
    """Article n's date: one every four minutes going back, shuffled within each hour."""
    return START - timedelta(minutes=4 * n + (n * 7919) % 60)


def newsboat_cache(source: Path, target: Path, work: Path) -> Path:
    """Write newsboat's cache (schema made by newsboat itself) with the same articles."""
    urls = work / "newsboat-urls"
    config = work / "newsboat-config"
    config.write_text("show-read-feeds yes\n", encoding="utf-8")
    with sqlite3.connect(source) as db:
        feeds = db.execute("SELECT url, title FROM feeds ORDER BY id").fetchall()
    urls.write_text("\n".join(url for url, _ in feeds) + "\n", encoding="utf-8")
    if target.exists():
        return urls
    empty = work / "empty-urls"
    empty.write_text("\n", encoding="utf-8")
    subprocess.run(
        ["newsboat", "-u", str(empty), "-c", str(target), "-C", str(config), "-x", "print-unread"],
        capture_output=True,
        env=clean_env(work / "home"),
        check=False,
    )
    db = sqlite3.connect(target)
    db.execute(f"ATTACH DATABASE '{source}' AS wr")
    db.execute("INSERT INTO rss_feed (rssurl, url, title) SELECT url, url, title FROM wr.feeds")
    db.execute(
        """
        INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)
        SELECT a.guid, a.title, coalesce(a.author, ''), coalesce(a.link, ''), f.url,
            CAST(strftime('%s', substr(a.sort_date, 1, 19)) AS INTEGER), a.content_html,
            1 - a.read
        FROM wr.articles AS a JOIN wr.feeds AS f ON f.id = a.feed_id
        """
    )
    db.commit()
    db.close()
    return urls


class AppWork:
    """Main-thread CPU seconds the app spends dispatching its messages and updating the screen.

    Wraps Textual's message dispatch and screen update (private methods: this is a probe, not
    the product). A section started inside another is part of it, so nothing counts twice;
    Pilot's wait callbacks are left out, being the harness's work, not the app's.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._busy = False

    def install(self) -> None:
        """Wrap dispatch, screen updates and the headless display."""
        from textual.app import App
        from textual.message_pump import MessagePump
        from textual.screen import Screen

        dispatch = MessagePump._dispatch_message
        update = Screen._on_timer_update
        display = App._display
        work = self

        async def timed_dispatch(pump: Any, message: Any) -> Any:
            if work._busy or _is_pilot_wait(message):
                return await dispatch(pump, message)
            work._busy, began = True, time.thread_time()
            try:
                return await dispatch(pump, message)
            finally:
                work.seconds += time.thread_time() - began
                work._busy = False

        def timed_update(screen: Any) -> None:
            if work._busy:
                return update(screen)
            work._busy, began = True, time.thread_time()
            try:
                return update(screen)
            finally:
                work.seconds += time.thread_time() - began
                work._busy = False

        def rendered_display(app: Any, screen: Any, renderable: Any) -> None:
            display(app, screen, renderable)
            if app.is_headless and renderable is not None:
                renderable.render_segments(app.console)  # what a terminal would be sent

        MessagePump._dispatch_message = timed_dispatch  # type: ignore[method-assign]
        Screen._on_timer_update = timed_update  # type: ignore[method-assign]
        App._display = rendered_display  # type: ignore[method-assign]


def _is_pilot_wait(message: Any) -> bool:
    """Is this the callback Pilot posts to every widget to learn that the screen is idle?"""
    callback = getattr(getattr(message, "callback", None), "func", None)
    return "Pilot._wait_for_screen" in getattr(callback, "__qualname__", "")


def probe(db: str, config: str) -> None:
    """Child process: headless first paint, keypress costs and memory, as one JSON line."""
    began = time.perf_counter()
    from wirereader.cli import make_app

    app = make_app(db, Path(config))
    work = AppWork()
    work.install()

    async def run() -> dict[str, Any]:
        async with app.run_test(size=SIZE) as pilot:
            while app.article_list.current is None:
                await pilot.pause()
            # Timed now: the row was rendered by that pause, and the next one would also
            # wait for the span-cache worker that the first row starts.
            painted = time.perf_counter() - began
            await app.workers.wait_for_complete()  # start-up annotation of the newest ones
            idle = []
            for _ in range(50):
                cpu = time.thread_time()
                await pilot.pause()
                idle.append(time.thread_time() - cpu)
            baseline = statistics.median(idle)  # Pilot's own cost of one pause
            costs: dict[str, list[float]] = {"j": [], "k": [], "ctrl+d": []}
            subtracted: list[float] = []
            for key in ["j"] * 300 + ["k"] * 60 + ["ctrl+d"] * 20:
                cpu, done = time.thread_time(), work.seconds
                await pilot.press(key)
                await pilot.pause()
                costs[key].append(work.seconds - done)
                subtracted.append(max(0.0, time.thread_time() - cpu - 2 * baseline))
            return {
                "painted": painted,
                "keys": costs,
                "subtracted": subtracted,
                "rss_mb": _rss("VmHWM"),
            }

    result = asyncio.run(run())
    app.service.close()
    print(json.dumps(result), flush=True)


def _rss(field: str, pid: str = "self") -> float:
    """A memory figure of /proc/PID/status in MB (VmRSS now, VmHWM the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def headless(db: Path, config: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run the probe in a fresh interpreter; first paint is timed from the launch."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--probe", str(db), str(config)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["launch_overhead"] = time.perf_counter() - began
    return result


def tmux_start(command: list[str], expect: str, env: dict[str, str]) -> tuple[float, float, float]:
    """Start `command` in a detached tmux pane; seconds until `expect` shows, RSS now, peak.

    Each start gets its own tmux server: no other sessions are touched, and a new server
    never races the shutdown of the previous one on the same socket.
    """
    tmux = ["tmux", "-L", f"bench-scale-{os.getpid()}-{time.monotonic_ns()}"]
    shell = " ".join(f"'{part}'" for part in command)
    began = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", str(SIZE[0]), "-y", str(SIZE[1]), shell],
        env=env,
        check=True,
    )
    try:
        seconds = _wait_for(tmux, expect, began)
        pid = _leaf_pid(tmux)
        time.sleep(2)  # let start-up work settle before reading memory
        return seconds, _rss("VmRSS", pid), _rss("VmHWM", pid)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


def _wait_for(tmux: list[str], expect: str, began: float, timeout: float = 300) -> float:
    """Poll the pane every 5 ms until `expect` appears; the elapsed seconds."""
    while time.perf_counter() - began < timeout:
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p"], capture_output=True, text=True
        ).stdout
        if expect in screen:
            return time.perf_counter() - began
        time.sleep(0.005)
    raise TimeoutError(f"{expect!r} never appeared")


def _leaf_pid(tmux: list[str]) -> str:
    """The pid of the program in the pane (the shell's last descendant)."""
    pid = subprocess.run(
        [*tmux, "display-message", "-p", "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    while children := Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        pid = children[0]
    return pid


def installed_command() -> str:
    """The wirereader command of this interpreter's environment (a venv's own, if run from one)."""
    beside = Path(sys.executable).with_name("wirereader")
    return str(beside) if beside.exists() else shutil.which("wirereader") or "wirereader"


def search_latency(db: Path) -> dict[str, list[float]]:
    """Seconds per query until the first screen of results is read, then until the list is whole.

    The list puts the first screen on screen before it reads the rest of its top page and
    counts the matches, so the first figure is what the user waits for.
    """
    from wirereader.models import ArticleFilter
    from wirereader.search import parse_query
    from wirereader.service import LIST_PAGE
    from wirereader.storage import Storage
    from wirereader.ui.widgets.article_list import SEARCH_FIRST_ROWS

    timings: dict[str, list[float]] = {}
    with Storage(db) as storage:
        for text in QUERIES:
            flt = ArticleFilter(search=parse_query(text))
            for _ in range(SEARCH_REPEATS):
                began = time.perf_counter()
                rows = storage.list_articles(flt, 0, SEARCH_FIRST_ROWS)
                timings.setdefault(text, []).append(time.perf_counter() - began)
                if len(rows) == SEARCH_FIRST_ROWS:  # as the list reads on from its last row
                    storage.list_after(flt, rows[-1].key, LIST_PAGE - SEARCH_FIRST_ROWS)
                storage.count_articles(flt)
                timings.setdefault(f"{text} +count", []).append(time.perf_counter() - began)
    return timings


def cold_search(db: Path) -> list[float] | None:
    """Seconds to each query's first screen with the OS page cache dropped before it.

    Needs root (writes /proc/sys/vm/drop_caches); None elsewhere. The worst case: a search
    in a database no process has read since the machine started.
    """
    drop = Path("/proc/sys/vm/drop_caches")
    if os.geteuid() != 0 or not drop.exists():
        return None
    from wirereader.models import ArticleFilter
    from wirereader.search import parse_query
    from wirereader.storage import Storage
    from wirereader.ui.widgets.article_list import SEARCH_FIRST_ROWS

    timings = []
    for text in QUERIES:
        os.sync()
        drop.write_text("3\n")
        with Storage(db) as storage:
            flt = ArticleFilter(search=parse_query(text))
            began = time.perf_counter()
            storage.list_articles(flt, 0, SEARCH_FIRST_ROWS)
            timings.append(time.perf_counter() - began)
    return timings


def newest_title(db: Path) -> str:
    """The first 24 characters of the newest article's title, as the list shows it."""
    with sqlite3.connect(db) as raw:
        (title,) = raw.execute(
            "SELECT title FROM articles ORDER BY sort_date DESC, id DESC LIMIT 1"
        ).fetchone()
    return str(title)[:24]


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0-1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench(total: int, keep: Path, runs: int, with_newsboat: bool) -> dict[str, str]:
    """Every measurement at one size, as table cells."""
    print(f"\n{total:,} articles", flush=True)
    db = keep / f"scale-{total}.sqlite"
    if not db.exists():
        fill(db, total)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    env = clean_env(work / "home")
    config = work / "config.toml"
    config.write_text("refresh_minutes = 0\n", encoding="utf-8")
    probes = [headless(db, config, env) for _ in range(runs)]
    expect = newest_title(db)
    command = [installed_command(), "--db", str(db), "--config", str(config)]
    starts = [tmux_start(command, expect, env) for _ in range(runs)]
    searches = search_latency(db)
    pages = [t for text, times in searches.items() if not text.endswith("+count") for t in times]
    counted = [t for text, times in searches.items() if text.endswith("+count") for t in times]
    keys = [cost for p in probes for costs in p["keys"].values() for cost in costs]
    rough = [cost for p in probes for cost in p["subtracted"]]
    for key in ("j", "k", "ctrl+d"):
        each = [cost for p in probes for cost in p["keys"][key]]
        p50, p95 = pct(each, 0.5) * 1000, pct(each, 0.95) * 1000
        print(f"  key {key:7} p50 {p50:5.1f}  p95 {p95:5.1f} ms", flush=True)
    paint = statistics.median(float(p["painted"]) for p in probes)
    rss, peak = max(s[1] for s in starts), max(s[2] for s in starts)
    cells = {
        "articles": f"{total:,}",
        "first paint, headless (s)": f"{paint:.2f}",
        "first paint, tmux (s)": f"{statistics.median(s[0] for s in starts):.2f}",
        "key p50 / p95 / max (ms)": f"{pct(keys, 0.5) * 1000:.1f} / {pct(keys, 0.95) * 1000:.1f} "
        f"/ {max(keys) * 1000:.1f}",
        "key, Pilot subtracted p50 / p95 (ms)": f"{pct(rough, 0.5) * 1000:.1f} / "
        f"{pct(rough, 0.95) * 1000:.1f}",
        "search results p50 / p95 (ms)": f"{pct(pages, 0.5) * 1000:.1f} / "
        f"{pct(pages, 0.95) * 1000:.1f}",
        "with top page + count p50 / p95 (ms)": f"{pct(counted, 0.5) * 1000:.1f} / "
        f"{pct(counted, 0.95) * 1000:.1f}",
        "RSS / peak, tmux (MB)": f"{rss:.0f} / {peak:.0f}",
    }
    for text, times in searches.items():
        print(f"  search {text!r:36} median {statistics.median(times) * 1000:6.1f} ms", flush=True)
    if with_newsboat:
        urls = newsboat_cache(db, keep / f"newsboat-{total}.db", work)
        newsboat = [
            "newsboat", "-u", str(urls), "-c", str(keep / f"newsboat-{total}.db"),
            "-C", str(work / "newsboat-config"),
        ]  # fmt: skip
        boat = [tmux_start(newsboat, "Bench Wire", env) for _ in range(runs)]
        ours = statistics.median(s[0] for s in starts)
        theirs = statistics.median(b[0] for b in boat)
        cells["newsboat start (s)"] = f"{theirs:.2f}"
        cells["newsboat RSS (MB)"] = f"{max(b[1] for b in boat):.0f}"
        cells["newsboat / wirereader"] = f"{theirs / ours:.1f}×"
    # last: dropping the page cache would make newsboat's start above a cold one
    if (cold := cold_search(db)) is not None:
        print(
            "  search, page cache dropped before each query: "
            + ", ".join(f"{t * 1000:.0f}" for t in cold)
            + f" ms (p50 {pct(cold, 0.5) * 1000:.0f}, max {max(cold) * 1000:.0f})",
            flush=True,
        )
    shutil.rmtree(work, ignore_errors=True)
    print("  " + json.dumps(cells), flush=True)
    return cells


def main() -> None:
    """Parse the options, run each size and print a Markdown table."""
    if len(sys.argv) == 4 and sys.argv[1] == "--probe":
        probe(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "bench-scale")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-newsboat", action="store_true")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    with_newsboat = not args.skip_newsboat and shutil.which("newsboat") is not None
    rows = [bench(int(size), args.keep, args.runs, with_newsboat) for size in args.sizes.split(",")]
    print("\n| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")


if __name__ == "__main__":
    main()
