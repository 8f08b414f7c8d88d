"""Time wirereader's headless refresh against newsboat and `reader` on loopback feeds.

Run with `python bench/bench_refresh.py [--sizes 50x20,500x50] [--runs 3] [--skip-newsboat]
[--skip-reader]`. For each size it generates feeds × items of original news text, serves them
from a loopback server in its own process, and times each client's cold refresh (fresh
database) and all-304 refresh (run again at once), counting requests and 304s on the server.
It prints wall time (median), peak memory and the wirereader/newsboat ratios as Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from loopback_server import LoopbackFeedServer

BENCH_DIR = Path(__file__).resolve().parent
READER_VENV = Path(tempfile.gettempdir()) / "reader-venv"
RUN_TIMEOUT = 900.0
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True, slots=True)
class Measured:
    """One timed subprocess: wall time, memory and how it ended."""

    seconds: float
    max_rss_mb: float  # largest single process in the tree (wait4's ru_maxrss)
    tree_rss_mb: float  # sum over the process tree, sampled every 20 ms
    returncode: int
    output: str


@dataclass(frozen=True, slots=True)
class RunResult:
    """A cold refresh, the next one, and the first all-304 one, with the server's counts."""

    cold: Measured
    second: Measured
    warm: Measured
    cold_counts: dict[str, int]
    warm_counts: dict[str, int]
    warm_refresh: int  # which refresh was the first all-304 one (2 = the one after cold)
    stored: int


def tree_rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, from /proc (shared pages count twice)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_KB
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_measured(command: Sequence[str], env: dict[str, str], cwd: Path) -> Measured:
    """Run `command`, sampling its tree's memory; wait4 gives the exact per-process peak."""
    log = cwd / "output.log"
    with log.open("wb") as sink:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(RUN_TIMEOUT, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        timer.cancel()
        done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        seconds=seconds,
        max_rss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=max(peak[0], usage.ru_maxrss) / 1024,
        returncode=process.returncode,
        output=log.read_text(encoding="utf-8", errors="replace"),
    )


def clean_env(home: Path) -> dict[str, str]:
    """An environment with a private HOME and no proxies, so clients touch nothing of ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if "proxy" not in key.lower() and not key.startswith(("WIREREADER_", "XDG_"))
    }
    for name in ("config", "data", "cache", "state"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        NO_PROXY="*",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    return env


def must_run(command: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """Run an untimed setup step; fail loudly with its output."""
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


class Client:
    """A feed reader under test: untimed setup, the timed refresh command, a stored count."""

    name = ""

    def __init__(self, work: Path, urls_file: Path, urls: list[str], concurrency: int) -> None:
        self.work, self.urls_file, self.urls = work, urls_file, urls
        self.concurrency = concurrency
        self.env = clean_env(work / "home")

    def prepare(self) -> None:
        """Subscribe to the feeds (not timed)."""

    def refresh_command(self) -> list[str]:
        """The command whose wall time is measured."""
        raise NotImplementedError

    def stored(self) -> int:
        """How many articles the client has stored for the benchmark feeds."""
        raise NotImplementedError


class WireReader(Client):
    """`wirereader refresh` on a fresh database, subscribed with `wirereader import`."""

    name = "wirereader"

    def _cli(self, *args: str) -> list[str]:
        db, config = self.work / "wirereader.sqlite", self.work / "config.toml"
        return [sys.executable, "-m", "wirereader", *args, "--db", str(db), "--config", str(config)]

    def prepare(self) -> None:
        config = f"concurrency = {self.concurrency}\nrefresh_minutes = 0\n"
        (self.work / "config.toml").write_text(config, encoding="utf-8")
        must_run(self._cli("import", str(self.urls_file)), self.env, self.work)

    def refresh_command(self) -> list[str]:
        return self._cli("refresh")

    def stored(self) -> int:
        from wirereader.storage import Storage

        urls = set(self.urls)
        with Storage(self.work / "wirereader.sqlite") as storage:
            return sum(stats.total for stats in storage.feed_stats() if stats.feed.url in urls)


class Newsboat(Client):
    """`newsboat -x reload` with `reload-threads` equal to wirereader's concurrency."""

    name = "newsboat"

    def prepare(self) -> None:
        config = f"reload-threads {self.concurrency}\ndownload-timeout 60\n"
        (self.work / "config").write_text(config, encoding="utf-8")

    def refresh_command(self) -> list[str]:
        return [
            *("newsboat", "-u", str(self.urls_file), "-c", str(self.work / "cache.db")),
            *("-C", str(self.work / "config"), "-x", "reload"),
        ]

    def stored(self) -> int:
        with sqlite3.connect(self.work / "cache.db") as db:
            return int(db.execute("SELECT count(*) FROM rss_item").fetchone()[0])


class Reader(Client):
    """The `reader` library's update_feeds(workers=concurrency), from its own venv."""

    name = "reader"

    def _client(self, *args: str) -> list[str]:
        script = str(BENCH_DIR / "reader_client.py")
        return [str(READER_VENV / "bin" / "python"), script, *args]

    def prepare(self) -> None:
        plain = self.work / "urls.plain"
        plain.write_text("\n".join(self.urls) + "\n", encoding="utf-8")
        must_run(self._client("setup", "reader.sqlite", str(plain)), self.env, self.work)

    def refresh_command(self) -> list[str]:
        return self._client("update", "reader.sqlite", str(self.concurrency))

    def stored(self) -> int:
        answer = must_run(self._client("count", "reader.sqlite"), self.env, self.work)
        return int(json.loads(answer)["articles"])


def default_concurrency() -> int:
    """wirereader's own default, so every client gets the same number of parallel downloads."""
    try:
        from wirereader.feeds.settings import FetchSettings

        return FetchSettings().concurrency
    except ImportError:
        from wirereader.paths import Config

        return Config().concurrency


def available_clients(args: argparse.Namespace) -> list[type[Client]]:
    """The clients to run, with a note for each one left out and why."""
    clients: list[type[Client]] = []
    probe = subprocess.run(
        [sys.executable, "-m", "wirereader", "refresh", "--help"], capture_output=True, text=True
    )
    if probe.returncode == 0 and "wirereader refresh" in probe.stdout:
        clients.append(WireReader)
    else:
        print("note: `wirereader refresh` is not available yet; wirereader skipped", flush=True)
    if not args.skip_newsboat:
        if shutil.which("newsboat") is None:
            print("note: newsboat missing; `apt-get install -y newsboat` to include it")
        else:
            version = subprocess.run(["newsboat", "-v"], capture_output=True, text=True).stdout
            print(f"newsboat: {version.splitlines()[0]}")
            clients.append(Newsboat)
    if not args.skip_reader:
        if (READER_VENV / "bin" / "python").exists():
            version = must_run(
                [
                    str(READER_VENV / "bin" / "python"),
                    "-c",
                    "import reader; print(reader.__version__)",
                ],
                dict(os.environ),
                BENCH_DIR,
            )
            print(f"reader: {version.strip()} (venv {READER_VENV})")
            clients.append(Reader)
        else:
            print(
                f"note: reader skipped; `python -m venv {READER_VENV} && "
                f"{READER_VENV}/bin/pip install reader` to include it"
            )
    return clients


def timed_refresh(client: Client, server: LoopbackFeedServer) -> tuple[Measured, dict[str, int]]:
    """One measured refresh and the server's counts for it alone."""
    server.reset()
    measured = run_measured(client.refresh_command(), client.env, client.work)
    if measured.returncode != 0:
        tail = "\n    ".join(measured.output.strip().splitlines()[-6:])
        print(f"  ! {client.name} refresh exited {measured.returncode}:\n    {tail}")
    return measured, server.counts()


def one_run(client: Client, server: LoopbackFeedServer, feeds: int, items: int) -> RunResult:
    """Subscribe, time a cold refresh, then refresh again until every answer is a 304.

    newsboat 2.21 stores a feed's ETag/Last-Modified only from its second download (the first
    UPDATE runs before the feed's row exists), so its all-304 refresh is its third one.
    """
    client.prepare()
    cold, cold_counts = timed_refresh(client, server)
    stored = client.stored()
    if stored != feeds * items:
        print(f"  ! {client.name} stored {stored} articles, expected {feeds * items}")
    later = [timed_refresh(client, server)]
    while len(later) < 3 and later[-1][1]["not_modified"] < feeds:
        later.append(timed_refresh(client, server))
    warm, warm_counts = later[-1]
    return RunResult(cold, later[0][0], warm, cold_counts, warm_counts, len(later) + 1, stored)


def bench_size(
    feeds: int, items: int, runs: int, clients: list[type[Client]], args: argparse.Namespace
) -> dict[str, list[RunResult]]:
    """All runs of all clients at one size, interleaved so drift hits every client alike."""
    server = LoopbackFeedServer(feeds, items, hosts=args.hosts, with_gzip=args.gzip)
    began = time.perf_counter()
    server.start()
    results: dict[str, list[RunResult]] = {client.name: [] for client in clients}
    try:
        print(
            f"\n{feeds} feeds × {items} items: server ready in {time.perf_counter() - began:.1f} s"
        )
        with tempfile.TemporaryDirectory(prefix="bench-refresh-") as top:
            urls_file = Path(top) / "urls"
            lines = [f'{url} "bench"' for url in server.urls()]
            urls_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for run in range(runs):
                for kind in clients:
                    work = Path(tempfile.mkdtemp(prefix=f"{kind.name}-", dir=top))
                    client = kind(work, urls_file, server.urls(), args.concurrency)
                    result = one_run(client, server, feeds, items)
                    results[kind.name].append(result)
                    print(describe(run, kind.name, result), flush=True)
                    shutil.rmtree(work, ignore_errors=True)
    finally:
        server.stop()
    return results


def describe(run: int, name: str, result: RunResult) -> str:
    """One progress line per run."""
    cold, warm = result.cold_counts, result.warm_counts
    return (
        f"  run {run + 1} {name:<10} cold {result.cold.seconds:6.2f} s "
        f"({cold['requests']} req, {cold['ok']} × 200, {cold['bytes'] / 2**20:.0f} MiB, "
        f"{cold['connections']} conn)  2nd {result.second.seconds:6.2f} s  "
        f"refresh {result.warm_refresh}: {result.warm.seconds:6.2f} s "
        f"({warm['requests']} req, {warm['not_modified']} × 304)  stored {result.stored}  "
        f"RSS {result.cold.max_rss_mb:.0f}/{result.cold.tree_rss_mb:.0f} MB"
    )


def median(values: Sequence[float]) -> float:
    """The median, as a float."""
    return float(statistics.median(values))


def table(all_results: dict[str, dict[str, list[RunResult]]]) -> str:
    """The Markdown results table, then the ratio table."""
    rows = [
        "| feeds × items | client | runs | cold (s) | 2nd refresh (s) | all-304 (s) "
        "| first all-304 refresh | peak RSS, largest process (MB) | peak RSS, process tree (MB) "
        "| cold: requests / 200 | all-304: requests / 304 | articles stored |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    ratios = [
        "| feeds × items | wirereader / newsboat cold | wirereader / newsboat all-304 "
        "| wirereader / reader cold | wirereader / reader all-304 |",
        "|---|---|---|---|---|",
    ]
    for size, by_client in all_results.items():
        cold: dict[str, float] = {}
        warm: dict[str, float] = {}
        for name, results in by_client.items():
            cold[name] = median([r.cold.seconds for r in results])
            warm[name] = median([r.warm.seconds for r in results])
            last = results[-1]
            rows.append(
                f"| {size} | {name} | {len(results)} | {cold[name]:.2f} "
                f"| {median([r.second.seconds for r in results]):.3f} | {warm[name]:.3f} "
                f"| #{last.warm_refresh} "
                f"| {max(max(r.cold.max_rss_mb, r.warm.max_rss_mb) for r in results):.0f} "
                f"| {max(max(r.cold.tree_rss_mb, r.warm.tree_rss_mb) for r in results):.0f} "
                f"| {last.cold_counts['requests']} / {last.cold_counts['ok']} "
                f"| {last.warm_counts['requests']} / {last.warm_counts['not_modified']} "
                f"| {', '.join(sorted({str(r.stored) for r in results}))} |"
            )

        def ratio(times: dict[str, float], other: str) -> str:
            if "wirereader" not in times or other not in times:
                return "–"
            return f"{times['wirereader'] / times[other]:.2f}"

        ratios.append(
            f"| {size} | {ratio(cold, 'newsboat')} | {ratio(warm, 'newsboat')} "
            f"| {ratio(cold, 'reader')} | {ratio(warm, 'reader')} |"
        )
    return "\n".join(rows) + "\n\n" + "\n".join(ratios)


def parse_sizes(text: str) -> list[tuple[int, int]]:
    """`50x20,500x50` → [(50, 20), (500, 50)]."""
    sizes = []
    for part in text.split(","):
        feeds, _, items = part.strip().lower().partition("x")
        sizes.append((int(feeds), int(items)))
    return sizes


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("50x20,500x50"))
    parser.add_argument("--runs", type=int, default=3, help="runs per client at small sizes")
    parser.add_argument(
        "--large-runs", type=int, default=1, help="runs per client above 5,000 articles"
    )
    parser.add_argument("--concurrency", type=int, default=None, help="default: wirereader's")
    parser.add_argument("--hosts", type=int, default=16, help="loopback addresses to spread over")
    parser.add_argument("--gzip", action="store_true", help="serve gzip to clients that ask")
    parser.add_argument("--skip-newsboat", action="store_true")
    parser.add_argument("--skip-reader", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run every size and print the tables."""
    args = build_parser().parse_args(argv)
    args.concurrency = args.concurrency or default_concurrency()
    print(f"concurrency {args.concurrency}, {args.hosts} loopback hosts, {os.cpu_count()} cores")
    clients = available_clients(args)
    if not clients:
        print("nothing to benchmark")
        return 1
    all_results = {}
    for feeds, items in args.sizes:
        runs = args.runs if feeds * items <= 5000 else args.large_runs
        all_results[f"{feeds} × {items}"] = bench_size(feeds, items, runs, clients, args)
    print("\n" + table(all_results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
