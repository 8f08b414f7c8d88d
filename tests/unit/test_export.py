"""Article exports: file names, never overwriting, and `wirereader export-articles`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wirereader.cli import main
from wirereader.export import ExportError, file_stem, write_new
from wirereader.models import Article, ArticleFilter, ParsedArticle
from wirereader.service import Service
from wirereader.storage import Storage

BASE = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def _article(title: str, published: datetime | None = BASE, article_id: int = 7) -> Article:
    return Article(
        article_id, 1, "Feed", "guid", title, None, None, published, "", "", False, False
    )


@pytest.mark.parametrize(
    ("title", "published", "stem"),
    [
        ("Budget: the €3bn question!", BASE, "2024-05-01-budget-the-3bn-question"),
        ("Ça coûte très cher", BASE, "2024-05-01-ca-coute-tres-cher"),
        ("../../etc/passwd", BASE, "2024-05-01-etc-passwd"),
        ("\x1b]52;c;ZXZpbA==\x07Clean", None, "clean"),
        ("東京", None, "article-7"),
        ("x" * 200, None, "x" * 60),
    ],
)
def test_file_stem(title: str, published: datetime | None, stem: str) -> None:
    assert file_stem(_article(title, published)) == stem


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "exports" / "deeper"
    paths = [write_new(target, "note", f"text {n}") for n in range(3)]
    assert [p.name for p in paths] == ["note.md", "note-2.md", "note-3.md"]
    assert [p.read_text(encoding="utf-8") for p in paths] == ["text 0", "text 1", "text 2"]


def test_write_new_names_an_unwritable_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ExportError, match="cannot write to"):
        write_new(blocker / "sub", "note", "text")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wire.sqlite"
    with Storage(path) as storage:
        feed = storage.add_feed("https://wire.example/rss", "Morning Wire", tags=["news"]).id
        storage.store_articles(
            feed,
            [
                ParsedArticle(
                    "1",
                    "# Ferry [strike](javascript:alert(1))\x1b[31m",
                    link="https://wire.example/1",
                    author="Ana",
                    published=BASE,
                    content_html="<p>Tallinn <a href='/port'>port</a></p><ul><li>one</li></ul>",
                ),
                ParsedArticle("2", "Rail link", published=BASE + timedelta(hours=1)),
                ParsedArticle("3", "Budget", published=BASE + timedelta(hours=2)),
            ],
        )
        ids = {row.title: row.id for row in storage.list_articles(ArticleFilter(), 0, 10)}
        storage.set_starred(ids["Budget"], True)
        storage.set_starred(next(i for t, i in ids.items() if t.startswith("# Ferry")), True)
    return path


def test_markdown_of_starred_articles(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-articles", "--db", str(db), "--starred"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "# Budget\n"
        "\n"
        "Source: Morning Wire  \n"
        "Date: 2024-05-01 10:00 UTC\n"
        "\n* * *\n\n"
        "# \\# Ferry \\[strike\\](javascript:alert(1))\n"
        "\n"
        "Source: Morning Wire  \n"
        "Date: 2024-05-01 08:00 UTC  \n"
        "Author: Ana  \n"
        "Link: <https://wire.example/1>\n"
        "\n"
        "Tallinn [port](https://wire.example/port)\n"
        "\n"
        "- one\n"
    )


def test_json_to_a_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "starred.json"
    args = ["--db", str(db), "export-articles", "--starred", "--format", "json"]
    assert main([*args, "--output", str(output), "--html"]) == 0
    assert capsys.readouterr().out == f"exported 2 articles to {output}\n"
    budget, ferry = json.loads(output.read_text(encoding="utf-8"))
    assert budget["title"] == "Budget" and budget["starred"] is True
    assert budget["published"] == "2024-05-01T10:00:00+00:00"
    assert ferry["title"] == "# Ferry [strike](javascript:alert(1))\x1b[31m"
    assert ferry["tags"] == ["news"] and ferry["feed"] == "Morning Wire"
    assert ferry["text"] == "Tallinn port\n\none" and "<a href" in ferry["html"]
    assert set(ferry) == {
        *("id", "feed", "feed_id", "title", "link", "author", "published"),
        *("read", "starred", "tags", "text", "html"),
    }


@pytest.mark.parametrize(
    ("selection", "titles"),
    [
        (["--all"], ["Budget", "Rail link", "# Ferry ["]),
        (["--search", "rail"], ["Rail link"]),
        (["--feed", "https://wire.example/rss", "--starred"], ["Budget", "# Ferry ["]),
    ],
)
def test_selections(
    db: Path, capsys: pytest.CaptureFixture[str], selection: list[str], titles: list[str]
) -> None:
    assert main(["export-articles", "--db", str(db), "--format", "json", *selection]) == 0
    found = [row["title"][:9] for row in json.loads(capsys.readouterr().out)]
    assert found == titles


def test_nothing_chosen_or_bad_search_exits_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-articles", "--db", str(db)]) == 2
    assert "choose --starred" in capsys.readouterr().err
    assert main(["export-articles", "--db", str(db), "--search", "before:soon"]) == 2
    assert "before:" in capsys.readouterr().err


def test_empty_json_is_an_empty_array(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["export-articles", "--db", str(db), "--search", "nothing", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == []


def test_iter_articles_pages_by_key(tmp_path: Path) -> None:
    service = Service.open(tmp_path / "many.sqlite")
    try:
        feed = service.storage.add_feed("https://many.example/rss", "Many").id
        service.storage.store_articles(
            feed,
            [
                ParsedArticle(str(n), f"Title {n}", published=BASE + timedelta(minutes=n % 7))
                for n in range(23)
            ],
        )
        expected = [row.id for row in service.list_articles(ArticleFilter(), 0, 100)]
        assert [a.id for a in service.iter_articles(ArticleFilter(), page_size=5)] == expected
        assert len(expected) == 23
    finally:
        service.close()


def test_export_markdown_writes_a_new_file(tmp_path: Path, db: Path) -> None:
    service = Service.open(db)
    try:
        row = service.list_articles(ArticleFilter(search=None), 0, 10)[-1]
        article = service.storage.get_article(row.id)
        first = service.export_markdown(article, service.document(article), tmp_path / "out")
        second = service.export_markdown(article, service.document(article), tmp_path / "out")
    finally:
        service.close()
    assert first.name == "2024-05-01-ferry-strike-javascript-alert-1.md"
    assert second.name == "2024-05-01-ferry-strike-javascript-alert-1-2.md"
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert first.read_text(encoding="utf-8").startswith("# \\# Ferry")
