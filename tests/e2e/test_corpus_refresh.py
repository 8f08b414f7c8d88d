"""Every file of feedparser's test corpus through the real refresh path into one database.

Files whose comment names HTTP headers are served by a loopback server with those headers
(status, Location, Content-Type ...), the compressed ones with their Content-Encoding, the rest
are read as local files. Each must end as a stored feed or a recorded error, in a fixed time,
and the titles and links feedparser's own expectations name must be what we stored.
"""

from __future__ import annotations

import codecs
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from wirereader.feeds.refresh import refresh_feeds_sync
from wirereader.feeds.settings import FetchSettings
from wirereader.models import ArticleFilter
from wirereader.storage import Storage

CORPUS = Path(__file__).parents[3] / "shared" / "corpora" / "feedparser"
BUDGET_SECONDS = 60
_HEADER = re.compile(r"^Header:\s*([\w-]+):\s*(.*?)\s*$", re.MULTILINE)
_EXPECT = re.compile(r"^Expect:\s*(.*)$", re.MULTILINE)
_EXPECTED_VALUE = re.compile(
    r"""(feed|entries\[0\])\[['"](title|link)['"]\]\s*==\s*u?(['"])(?P<value>[^'"&<]*)\3"""
)
_ENCODINGS = {".gz": "gzip", ".z": "deflate"}
_OLD_HOST = "http://localhost:8097/tests/"
# feedparser resolves relative links and sanitises titles; we keep links as given and
# sanitise at render time, so these folders' expectations do not apply.
_BY_DESIGN = frozenset({"base", "sanitize"})

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no feedparser corpus at {CORPUS}")


def corpus() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "LICENSE")


def route(server: LoopbackServer, path: Path) -> str | None:
    """Serve `path` as its comment's headers say and return its URL; None: read it locally."""
    data = path.read_bytes()
    relative = "/" + path.relative_to(CORPUS).as_posix()
    if path.suffix in _ENCODINGS:
        server.route(relative, body=data, headers={"Content-Encoding": _ENCODINGS[path.suffix]})
        return server.url(relative)
    headers = dict(_HEADER.findall(data[:2000].decode("latin-1")))
    if not headers:
        return None
    status = int(headers.pop("Status", 200))
    content_type = headers.pop("Content-type", headers.pop("Content-Type", "application/xml"))
    if "Location" in headers:
        headers["Location"] = headers["Location"].replace(_OLD_HOST, server.url("/"))
    server.route(relative, status=status, body=data, content_type=content_type, headers=headers)
    return server.url(relative)


def expectations(path: Path) -> list[tuple[str, str, str]]:
    """(feed or entries[0], title or link, value) pairs feedparser's Expect line asserts."""
    found = _EXPECT.search(path.read_bytes()[:4000].decode("utf-8", "replace"))
    if not found or "bozo" in found[1] and "not bozo" not in found[1]:
        return []
    return [
        (m[1], m[2], codecs.decode(m["value"], "unicode_escape"))
        for m in _EXPECTED_VALUE.finditer(found[1])
        if m["value"].strip()
    ]


def test_every_corpus_file_is_stored_or_a_recorded_error(tmp_path: Path) -> None:
    files = corpus()
    assert len(files) > 2000
    with LoopbackServer() as server, Storage(tmp_path / "corpus.sqlite") as storage:
        feeds = {}
        for path in files:
            url = route(server, path) or path.as_uri()
            feeds[storage.add_feed(url).id] = path
        start = time.monotonic()
        report = refresh_feeds_sync(storage, settings=FetchSettings(deadline=20))
        elapsed = time.monotonic() - start

        statuses = Counter(outcome.status for outcome in report.outcomes)
        errors = Counter(re.sub(r"[:(].*", "", outcome.error or "") for outcome in report.failed)
        print(f"\n{len(files)} files in {elapsed:.1f} s: {dict(statuses)}")
        print("errors by kind:", dict(errors.most_common()))
        assert elapsed < BUDGET_SECONDS
        assert len(report.outcomes) == len(files)
        assert statuses.keys() <= {"updated", "error", "not-modified"}
        assert not any(outcome.error.startswith("unexpected") for outcome in report.failed)
        by_id = {feed.id: feed for feed in storage.get_feeds()}
        for outcome in report.failed:
            assert by_id[outcome.feed_id].last_error == outcome.error

        failed = {outcome.feed_id for outcome in report.failed}
        checked, wrong = 0, []
        for feed_id, path in feeds.items():
            if feed_id in failed or path.parent.name in _BY_DESIGN:
                continue  # a recorded error, or a difference we chose
            for scope, field, value in expectations(path):
                checked += 1
                if scope == "feed":
                    stored = {getattr(by_id[feed_id], field)}
                else:
                    rows = storage.list_articles(ArticleFilter(feed_id=feed_id), 0, 100)
                    stored = {getattr(storage.get_article(row.id), field) for row in rows}
                if value.strip() not in stored:
                    wrong.append(f"{path.relative_to(CORPUS)}: {scope} {field} {value!r}")
        print(f"{checked} expected titles and links checked, {len(wrong)} differ")
        print("\n".join(wrong[:40]))
        assert checked > 150
        assert len(wrong) <= checked // 20  # feedparser itself misses some (codecs it lacks)
