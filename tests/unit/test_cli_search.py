"""`wirereader search`: plain and JSON output, newest first, bad syntax refused with status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirereader.cli import main
from wirereader.models import ParsedArticle
from wirereader.storage import Storage


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wire.sqlite"
    with Storage(path) as storage:
        feed = storage.add_feed("https://wire.example/rss", "Morning Wire").id
        storage.store_articles(
            feed,
            [
                ParsedArticle("1", "Ferry\tstrike\x1b[31m", content_html="<p>Tallinn port</p>"),
                ParsedArticle("2", "Rail link", content_html="<p>Tallinn rail</p>"),
                ParsedArticle("3", "Budget", content_html="<p>Lisbon</p>"),
            ],
        )
    return path


def test_plain_output_is_one_clean_line_per_match(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--db", str(db), "tallinn"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(len(line.split("\t")) == 5 for line in lines)
    assert "\x1b" not in lines[0] and "Ferry strike" in lines[0]


def test_json_output(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "search", "--json", "--", "tallinn", "-rail"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["title"] == "Ferry\tstrike\x1b[31m" and found["feed"] == "Morning Wire"
    assert found["read"] is False


def test_limit_and_no_match(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--db", str(db), "--limit", "1", "--json", "feed:morning"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["search", "--db", str(db), "nothing-like-this"]) == 0
    assert capsys.readouterr().out == ""


def test_bad_syntax_exits_2_with_the_reason(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--db", str(db), "before:soon"]) == 2
    assert "before: wants a date" in capsys.readouterr().err
