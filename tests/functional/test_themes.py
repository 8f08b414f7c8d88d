"""Themes, highlight categories, date format, browser command and mark-read-on-open."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.style import Style
from textual.theme import BUILTIN_THEMES

from tests.functional.conftest import settle, shown_text
from tests.functional.test_entities import _open_seed, _person_styled
from wirereader.config import Config
from wirereader.models import Label
from wirereader.service import Service
from wirereader.ui import browser
from wirereader.ui.app import WireReaderApp
from wirereader.ui.palette import MIN_CONTRAST, _rgb, contrast, palette_for, theme_background
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.reader import ReaderPane


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_every_highlight_reads_on_every_builtin_theme(name: str) -> None:
    """Highlights are coloured text on the pane's background (no background of their own), so
    WCAG's 4.5:1 for normal text applies to each colour against the theme's background. ANSI
    themes draw on the terminal's background, taken as black (dark) or white (light)."""
    theme = BUILTIN_THEMES[name]
    background = _rgb(theme_background(theme))
    palette = palette_for(theme)
    for label, style in [*palette.labels.items(), ("link", palette.link)]:
        assert style.color is not None and style.color.triplet is not None
        ratio = contrast(tuple(style.color.triplet), background)  # type: ignore[arg-type]
        assert ratio >= MIN_CONTRAST, (name, label, round(ratio, 2))


def test_the_default_theme_keeps_the_okabe_ito_person_colour() -> None:
    person = palette_for(BUILTIN_THEMES["textual-dark"]).labels[Label.PERSON]
    assert person.color is not None and person.color.triplet == (230, 159, 0)


def _app(db: Path, config: Config | None = None, state: Path | None = None) -> WireReaderApp:
    return WireReaderApp(Service.open(db), config, state_file=state)


async def test_a_theme_picked_is_remembered_by_the_next_start(tmp_path: Path) -> None:
    db, state = tmp_path / "db.sqlite", tmp_path / "state" / "state.json"
    first = _app(db, state=state)
    async with first.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert first.theme == "textual-dark"
        first.theme = "solarized-light"
        await settle(pilot)
        light = first.query_one(ReaderPane).palette.labels[Label.PERSON]
        assert light != palette_for(BUILTIN_THEMES["textual-dark"]).labels[Label.PERSON]
    first.service.close()
    second = _app(db, state=state)
    async with second.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert second.theme == "solarized-light"
        assert second.query_one(ReaderPane).palette.labels[Label.PERSON] == light
    second.service.close()
    # a theme set in the config since then is the user's newer word
    third = _app(db, Config(theme="nord"), state=state)
    async with third.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert third.theme == "nord"
    third.service.close()


async def test_a_category_turned_off_is_not_highlighted(tmp_path: Path) -> None:
    app = _app(tmp_path / "db.sqlite", Config(highlight=frozenset({"org", "place"})))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await _open_seed(app, pilot)
        assert not _person_styled(app.query_one(ReaderPane), "Vladimir Putin")
        legend = shown_text(app, "#legend")
        assert "organisation" in legend and "person" not in legend
    app.service.close()


def _row_text(app: WireReaderApp) -> str:
    articles = app.query_one(ArticleList)
    assert articles.current is not None
    return articles._render_row(articles.current, 120, Style()).text


async def test_date_format_columns_and_mark_read_on_open(tmp_path: Path) -> None:
    config = Config(date_format="%Y/%m/%d", columns=("date", "title"), mark_read_on_open=False)
    app = _app(tmp_path / "db.sqlite", config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        row = articles.current
        assert row is not None and row.published is not None and not row.read
        text = _row_text(app)
        assert text.startswith(row.published.astimezone().strftime("%Y/%m/%d") + " ")
        assert "●" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert app.open_article is not None and not app.open_article.article.read
        assert articles.current is not None and not articles.current.read
        header = shown_text(app, "#article-header")
        assert row.published.astimezone().strftime("%Y/%m/%d") in header
    app.service.close()


async def test_o_runs_the_configured_browser_without_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[Sequence[str]] = []
    monkeypatch.setattr(browser, "launch", launched.append)
    app = _app(tmp_path / "db.sqlite", Config(browser=("my-browser", "--tab={url}")))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        link = app.open_article.article.link if app.open_article else None
        assert link and launched == [["my-browser", f"--tab={link}"]]
    app.service.close()


def test_browser_argv_appends_the_link_without_a_placeholder() -> None:
    assert browser.browser_argv(["firefox"], "https://x.example/?a=1;b") == [
        "firefox",
        "https://x.example/?a=1;b",
    ]


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_search_matches_read_on_every_builtin_theme(name: str) -> None:
    match = palette_for(BUILTIN_THEMES[name]).match
    assert match.color is not None and match.color.triplet is not None
    assert match.bgcolor is not None and match.bgcolor.triplet is not None
    ratio = contrast(tuple(match.color.triplet), tuple(match.bgcolor.triplet))  # type: ignore[arg-type]
    assert ratio >= MIN_CONTRAST, (name, round(ratio, 2))


def test_without_colour_search_matches_are_in_reverse_video() -> None:
    match = palette_for(BUILTIN_THEMES["textual-dark"], no_color=True).match
    assert match.reverse and match.color is None and match.bgcolor is None
