"""The subscription subcommands end to end through `main([...])`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.unit.test_service_subscriptions import rss
from wirereader.cli import main
from wirereader.models import ArticleFilter
from wirereader.service import Service

SUBCOMMANDS = ("add", "remove", "feeds", "import", "export", "refresh")


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Plain output whatever the environment says; never the user's config or database."""
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    monkeypatch.setenv("WIREREADER_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("WIREREADER_DB", str(tmp_path / "unused.sqlite"))


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database every `main` call of the test uses, through the environment."""
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("WIREREADER_DB", str(path))
    return path


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "wire.xml"
    path.write_text(rss("Local wire", "a", "b"), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `wirereader argv...` and return its status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: wirereader {name}") and "--db PATH" in out


def test_top_level_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in SUBCOMMANDS) and "--config PATH" in out


def test_add_then_add_again(db: Path, feed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "add", str(feed_file), "--tag", "news", "--tag", "local")
    assert status == 0
    assert out == f"subscribed to “Local wire” <{feed_file.as_uri()}> (id 1): 2 articles\n"
    status, out, _ = run(capsys, "add", feed_file.as_uri())
    assert status == 0 and out.startswith("already subscribed: “Local wire”")


def test_add_failure_is_a_clear_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "add", str(tmp_path / "absent.xml"))
    assert (status, out) == (1, "")
    assert err.startswith("wirereader: cannot subscribe to") and err.count("\n") == 1


def test_db_option_after_the_subcommand(
    tmp_path: Path, feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    assert run(capsys, "add", str(feed_file), "--title", "Mine", "--db", str(other))[0] == 0
    status, out, _ = run(capsys, "--db", str(other), "feeds")
    assert status == 0 and out.split("\t")[1] == "Mine"


def test_feeds_lists_tab_separated_rows(
    db: Path, feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", str(feed_file), "--tag", "news", "--tag", "local")
    status, out, _ = run(capsys, "feeds")
    assert status == 0
    (line,) = out.splitlines()
    feed_id, title, url, tags, counts, updated, error = line.split("\t")
    assert (feed_id, title, url, tags, counts, error) == (
        "1",
        "Local wire",
        feed_file.as_uri(),
        "news, local",
        "2/2",
        "",
    )
    assert updated[:2] == "20"


def test_feeds_table_on_a_terminal_shows_hostile_titles_literally(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(rss("[bold red]Loud[/] &#27;[31mred", "x"))
    run(capsys, "add", str(hostile))
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    status, out, _ = run(capsys, "feeds")
    assert status == 0
    assert "[bold red]Loud[/]" in out and "\x1b[31mred" not in out
    assert "unread/total" in out and "1/1" in out


def test_remove_keeps_starred_articles(
    db: Path, feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", str(feed_file))
    service = Service.open(db)
    try:
        first, *_ = service.list_articles(ArticleFilter(), 0, 10)
        service.set_starred(first.id, True)
    finally:
        service.close()
    status, out, _ = run(capsys, "remove", feed_file.as_uri())
    assert status == 0 and out.startswith("unsubscribed from “Local wire”")
    assert run(capsys, "feeds")[1] == ""
    service = Service.open(db)
    try:
        starred = service.list_articles(ArticleFilter(starred_only=True), 0, 10)
        assert [a.id for a in starred] == [first.id]
    finally:
        service.close()
    status, _, err = run(capsys, "remove", "1")
    assert status == 1 and "no subscribed feed '1'" in err


def test_import_and_export(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        'https://a.example/rss "tech" "~A & B"\nhttps://b.example/rss\n'
        "https://a.example/rss\nexec:~/bin/x\n"
    )
    status, out, err = run(capsys, "import", str(urls))
    assert status == 0
    assert out == (
        "imported 2 feeds (1 already subscribed, 1 skipped)\n"
        "run `wirereader refresh` to fetch their articles\n"
    )
    assert err.startswith("skipped line 4: exec:")
    status, out, _ = run(capsys, "export")
    assert status == 0
    outlines = {o.get("xmlUrl"): o for o in ET.fromstring(out).iter("outline")}
    assert outlines["https://a.example/rss"].get("title") == "A & B"
    target = tmp_path / "subs.opml"
    status, out, _ = run(capsys, "export", str(target))
    assert (status, out) == (0, f"exported 2 feeds to {target}\n")
    status, out, _ = run(capsys, "import", str(target))
    assert out.startswith("imported 0 feeds (2 already subscribed, 0 skipped)")


def test_import_of_an_unreadable_file_fails(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "import", str(tmp_path / "absent.opml"))
    assert status == 1 and err.startswith("wirereader: cannot read")


def test_refresh_summary_and_failures(
    db: Path, feed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", str(feed_file))
    status, out, err = run(capsys, "refresh")
    assert (status, out, err) == (0, "refreshed 1 feed: 0 new, 0 updated, 0 failed\n", "")
    doomed = tmp_path / "doomed.xml"
    doomed.write_text(rss("Doomed", "x"))
    run(capsys, "add", str(doomed))
    doomed.unlink()
    feed_file.write_text(rss("Local wire", "a", "b", "c"))
    status, out, err = run(capsys, "refresh")
    assert status == 1
    assert out == "refreshed 2 feeds: 1 new, 0 updated, 1 failed\n"
    assert err.startswith(f"failed: {doomed.as_uri()}: ") and len(err.strip()) > len(
        f"failed: {doomed.as_uri()}: "
    )
    status, out, _ = run(capsys, "refresh", "--feed", str(feed_file))
    assert (status, out) == (0, "refreshed 1 feed: 0 new, 0 updated, 0 failed\n")
    status, _, err = run(capsys, "refresh", "--feed", "42")
    assert status == 1 and "no subscribed feed '42'" in err


def test_refresh_on_a_terminal_draws_progress_and_summarises(
    db: Path, feed_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "add", str(feed_file))
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    status, out, _ = run(capsys, "refresh")
    assert status == 0 and out.rstrip().endswith("refreshed 1 feed: 0 new, 0 updated, 0 failed")


def test_add_over_http_with_autodiscovery_and_a_404_on_refresh(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LoopbackServer() as server:
        feed_route = server.route("/feed.xml", body=rss("Web wire", "w1", "w2").encode())
        page = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        server.route("/", body=page.encode(), content_type="text/html")
        status, out, _ = run(capsys, "add", server.url("/"))
        assert status == 0
        assert out == f"subscribed to “Web wire” <{server.url('/feed.xml')}> (id 1): 2 articles\n"
        feed_route.status = 404
        status, out, err = run(capsys, "refresh")
    assert (status, out) == (1, "refreshed 1 feed: 0 new, 0 updated, 1 failed\n")
    assert err.startswith(f"failed: {server.url('/feed.xml')}: ") and "404" in err
