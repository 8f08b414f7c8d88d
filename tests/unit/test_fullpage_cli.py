"""`wirereader refresh` fetches the full articles of feeds set to, after its report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from wirereader.cli import main
from wirereader.models import ArticleFilter, FeedSettings
from wirereader.service import Service

PAGE = Path(__file__).resolve().parent.parent / "pages" / "orchard-divsoup.html"


def test_refresh_fetches_full_articles_and_says_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.sqlite"
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    monkeypatch.setenv("WIREREADER_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("WIREREADER_DB", str(db))
    with LoopbackServer() as server:
        items = "".join(
            f"<item><title>Frost {n}</title><guid>f{n}</guid><link>{server.url(f'/f/{n}')}</link>"
            "</item>"
            for n in range(2)
        )
        feed = f'<rss version="2.0"><channel><title>Farming</title>{items}</channel></rss>'
        server.route("/feed.xml", body=feed.encode())
        for n in range(2):
            server.route(f"/f/{n}", body=PAGE.read_bytes(), content_type="text/html")
        service = Service.open(db)
        added = service.storage.add_feed(server.url("/feed.xml"), "Farming")
        service.storage.update_feed_settings(added.id, FeedSettings(fetch_full=True))
        service.close()
        assert main(["refresh"]) == 0
        out = capsys.readouterr().out
        assert out == "refreshed 1 feed: 2 new, 0 updated, 0 failed\nfetched 2 full articles\n"
        assert main(["refresh"]) == 0
        assert "full article" not in capsys.readouterr().out
    service = Service.open(db)
    for row in service.list_articles(ArticleFilter(), 0, 10):
        full = service.storage.get_full_article(row.id)
        assert full is not None and "Cold air runs downhill" in full.html
    service.close()
