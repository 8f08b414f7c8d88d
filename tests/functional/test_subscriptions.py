"""Pilot tests of subscribing, unsubscribing and refreshing from inside the app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.widgets import Input, ProgressBar

from tests.functional.conftest import settle
from wirereader.models import ArticleFilter
from wirereader.ui.app import WireReaderApp
from wirereader.ui.screens.add_feed import AddFeedScreen
from wirereader.ui.screens.confirm import ConfirmScreen
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.feed_pane import FeedPane

SLOW_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Slow wire</title><link>http://127.0.0.1/</link>
<description>d</description>
<item><title>Fresh from the slow wire</title><guid>slow-1</guid>
<pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate><description>Hello from Oslo.</description></item>
</channel></rss>"""


class _SlowFeed(BaseHTTPRequestHandler):
    """Answers after the test releases it, so a refresh stays in flight while keys are pressed."""

    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.release.wait(10)
        body = SLOW_FEED.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def slow_server() -> Iterator[tuple[str, threading.Event]]:
    _SlowFeed.release = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowFeed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml", _SlowFeed.release
    _SlowFeed.release.set()
    server.shutdown()


def _local_feed(tmp_path: Path) -> Path:
    path = tmp_path / "local.xml"
    path.write_text(SLOW_FEED.replace("Slow wire", "Local wire").replace("slow-1", "local-1"))
    return path


async def test_add_feed_dialog_subscribes_and_reports_errors(
    app: WireReaderApp, tmp_path: Path
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddFeedScreen)
        app.screen.query_one("#url", Input).value = str(tmp_path / "missing.xml")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AddFeedScreen), "a failed add keeps the dialog open"
        assert str(app.screen.query_one("#add-status").render()).strip()
        app.screen.query_one("#url", Input).value = str(_local_feed(tmp_path))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, AddFeedScreen)
        titles = [f.title for f in app.service.feeds()]
        assert "Local wire" in titles


async def test_delete_feed_asks_first_and_keeps_starred(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.focus()
        feeds.highlighted = next(
            i
            for i in range(feeds.option_count)
            if (feeds.get_option_at_index(i).id or "").startswith("feed-")
        )
        await settle(pilot)
        selected = feeds.selected_feed
        assert selected is not None
        first = app.query_one(ArticleList).current
        assert first is not None
        app.service.set_starred(first.id, True)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert selected.feed.id in [f.id for f in app.service.feeds()]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert selected.feed.id not in [f.id for f in app.service.feeds()]
        starred = app.service.list_articles(ArticleFilter(starred_only=True), 0, 10)
        assert [a.id for a in starred] == [first.id]


async def test_refresh_keeps_ui_responsive_and_selection_in_place(
    app: WireReaderApp, slow_server: tuple[str, threading.Event]
) -> None:
    url, release = slow_server
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        feed = app.service.storage.add_feed(url, "Slow wire")
        articles = app.query_one(ArticleList)
        await pilot.press("j", "j")
        selected = articles.current
        assert selected is not None
        await pilot.press("R")
        await pilot.pause()
        assert app.query_one("#refresh-progress", ProgressBar).display
        await pilot.press("j")
        await pilot.pause()
        assert articles.cursor == 3, "keys are handled while the refresh waits on the network"
        await pilot.press("k")
        release.set()
        await settle(pilot)
        assert not app.query_one("#refresh-progress", ProgressBar).display
        assert app.service.count_articles(ArticleFilter(feed_id=feed.id)) == 1
        current = articles.current
        assert current is not None and current.id == selected.id, (
            "the selected article stays selected"
        )
        assert articles.total == app.service.count_articles(ArticleFilter())
