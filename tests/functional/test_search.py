"""Pilot tests of search: `/` opens the box, results follow typing, matches are marked."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.widgets import Static

from tests.functional.conftest import settle, shown_text
from wirereader.models import ArticleFilter
from wirereader.search import parse_query
from wirereader.ui.app import WireReaderApp
from wirereader.ui.render import MATCH_STYLE
from wirereader.ui.screens.help import HelpScreen
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.feed_pane import FeedPane
from wirereader.ui.widgets.search_bar import DEBOUNCE_SECONDS, SearchBar

WORDS = "scientific cooperation"


def _texts(renderable: object) -> list[Text]:
    """The Text objects inside a rendered block (Groups and Paddings opened)."""
    if isinstance(renderable, Text):
        return [renderable]
    if isinstance(renderable, Group):
        return [text for part in renderable.renderables for text in _texts(part)]
    if isinstance(renderable, Padding):
        return _texts(renderable.renderable)
    return []


async def _type(pilot: object, app: WireReaderApp, text: str) -> None:
    """Type `text` into the focused search box and wait out the pause and the list's workers."""
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.pause(DEBOUNCE_SECONDS * 2)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_results_follow_typing_and_escape_restores_the_view(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        everything = articles.total
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        assert bar.display and bar.has_focus
        await _type(pilot, app, "sci*")
        assert articles.filter == ArticleFilter(search=parse_query("sci*"))
        assert 1 < articles.total < everything
        for _ in "sci*":
            await pilot.press("backspace")
        await _type(pilot, app, WORDS)
        assert articles.total == 1
        assert articles.current is not None and "cooperation" in articles.current.title
        await pilot.press("escape")
        await settle(pilot)
        assert not bar.display and articles.has_focus
        assert articles.filter == ArticleFilter() and articles.total == everything


async def test_enter_goes_to_results_and_the_reader_marks_the_words(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *WORDS, "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.has_focus and articles.total == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.open_article is not None
        marked = [
            text.plain[span.start : span.end].lower()
            for static in app.query("ReaderPane .block").results(Static)
            for text in _texts(static.content)
            for span in text.spans
            if span.style == MATCH_STYLE
        ]
        assert "cooperation" in marked or "scientific" in marked


async def test_bad_syntax_is_explained_and_keeps_the_results(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await _type(pilot, app, "cooperation")
        await _type(pilot, app, " is:later")
        bar = app.query_one(SearchBar)
        assert "is:later" in str(bar.border_subtitle)
        assert app.query_one(ArticleList).filter == ArticleFilter(search=parse_query("cooperation"))


async def test_help_lists_the_search_syntax(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = shown_text(app)
        assert "Search" in shown and "is:unread" in shown and "author:" in shown


async def test_a_saved_search_is_a_virtual_feed_until_forgotten(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cooperation", "ctrl+s")
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        index = feeds.get_option_index(f"saved-{app.service.saved_searches()[0].id}")
        await pilot.press("escape")
        await settle(pilot)
        feeds.focus()
        feeds.highlighted = index
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.filter == ArticleFilter(search=parse_query("cooperation"))
        assert articles.total == 1
        await pilot.press("d")
        await settle(pilot)
        assert app.service.saved_searches() == []
        assert not any(
            (feeds.get_option_at_index(i).id or "").startswith("saved-")
            for i in range(feeds.option_count)
        )


async def test_a_late_query_from_a_closed_search_leaves_the_view_alone(
    app: WireReaderApp,
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cooperation", "escape")
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.focus()
        feeds.highlighted = 1  # Unread
        await settle(pilot)
        shown = app.query_one(ArticleList).filter
        assert shown.unread_only
        # clearing the closed bar's text posts its debounced query after the user moved on
        app.query_one(SearchBar).post_message(SearchBar.QueryChanged(""))
        await settle(pilot)
        assert app.query_one(ArticleList).filter == shown
