"""`y` copies an article's link, `E` exports it as Markdown, `N` toggles the entity panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.functional.conftest import settle
from wirereader.models import ParsedArticle
from wirereader.service import Service
from wirereader.ui.app import WireReaderApp
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.entity_panel import EntityPanel


def _notes(app: WireReaderApp) -> list[str]:
    return [f"{note.title}: {note.message}" for note in app._notifications]


@pytest.fixture
def copied(app: WireReaderApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app put on the clipboard (the OSC 52 write itself goes to no terminal here)."""
    texts: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", texts.append)
    return texts


async def _open_first(app: WireReaderApp, pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert app.open_article is not None


async def test_y_copies_the_cursor_article_link_and_shows_it(
    app: WireReaderApp, copied: list[str]
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        row = app.query_one(ArticleList).current
        assert row is not None and app.open_article is None
        link = app.service.article(row.id).link
        assert link and link.startswith("https://")
        await pilot.press("y")
        await settle(pilot)
        assert copied == [link]
        assert any(link in note for note in _notes(app))


async def test_y_copies_the_open_article_link(app: WireReaderApp, copied: list[str]) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        await pilot.press("j", "y")  # the cursor moved, but an article is open
        await settle(pilot)
        assert app.open_article is not None
        assert copied == [app.open_article.article.link]


@pytest.mark.parametrize(
    ("link", "note"),
    [
        ("javascript:alert(1)", "Not copied: only http, https and mailto links are."),
        (None, "This article has no link."),
    ],
)
async def test_y_refuses_other_links(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, link: str | None, note: str
) -> None:
    service = Service.open(db_path)
    feed = service.storage.add_feed("https://odd.example/rss", "Odd").id
    service.storage.store_articles(feed, [ParsedArticle("1", "Odd link", link=link)])
    app = WireReaderApp(service)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert copied == []
            assert any(note in text for text in _notes(app)), _notes(app)
    finally:
        service.close()


async def test_E_exports_the_open_article_as_markdown(db_path: Path, tmp_path: Path) -> None:
    service = Service.open(db_path)
    feed = service.storage.add_feed("https://wire.example/rss", "Wire [desk]").id
    service.storage.store_articles(
        feed,
        [
            ParsedArticle(
                "1",
                "Ferry *strike* ends",
                link="https://wire.example/ferry",
                author="Ana Lima",
                content_html="<p>Talks in <a href='/tallinn'>Tallinn</a> ended.</p>",
            )
        ],
    )
    exports = tmp_path / "exports"
    app = WireReaderApp(service, export_dir=exports)
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            await _open_first(app, pilot)
            await pilot.press("E", "E")
            await settle(pilot)
            files = sorted(exports.iterdir())
            assert [f.name for f in files] == ["ferry-strike-ends-2.md", "ferry-strike-ends.md"]
            assert any(str(files[1]) in note for note in _notes(app))
    finally:
        service.close()
    assert files[1].read_text(encoding="utf-8") == (
        "# Ferry \\*strike\\* ends\n"
        "\n"
        "Source: Wire \\[desk\\]  \n"
        "Author: Ana Lima  \n"
        "Link: <https://wire.example/ferry>\n"
        "\n"
        "Talks in [Tallinn](https://wire.example/tallinn) ended.\n"
    )


async def test_E_without_an_open_article_says_so(app: WireReaderApp, tmp_path: Path) -> None:
    app.export_dir = tmp_path / "exports"
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert not app.export_dir.exists()
        assert any("Open an article to export it." in note for note in _notes(app))


async def test_E_reports_a_directory_it_cannot_write(app: WireReaderApp, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app.export_dir = blocker / "exports"
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        await pilot.press("E")
        await settle(pilot)
        assert any("cannot write to" in note for note in _notes(app)), _notes(app)


async def test_N_toggles_the_entity_panel(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        panel = app.query_one(EntityPanel)
        assert not panel.display
        await pilot.press("N")
        await pilot.pause()
        assert panel.display and panel.has_focus
        await pilot.press("N")
        await pilot.pause()
        assert not panel.display
