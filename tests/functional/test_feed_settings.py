"""Pilot tests of the feed settings dialog: `c` on a feed, edit, save, and see the effect."""

from __future__ import annotations

from rich.console import Console
from textual.widgets import Checkbox, Input

from tests.functional.conftest import settle, shown_text
from wirereader.models import ArticleFilter, FeedSettings
from wirereader.ui.app import WireReaderApp
from wirereader.ui.screens.feed_settings import FeedSettingsScreen
from wirereader.ui.widgets.feed_pane import FeedPane


def pane_text(pane: FeedPane) -> str:
    """The feed pane's lines as plain text."""
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        for index in range(pane.option_count):
            console.print(pane.get_option_at_index(index).prompt)
    return capture.get()


async def select_first_feed(app: WireReaderApp) -> FeedPane:
    feeds = app.query_one(FeedPane)
    feeds.focus()
    feeds.highlighted = next(
        i
        for i in range(feeds.option_count)
        if (feeds.get_option_at_index(i).id or "").startswith("feed-")
    )
    return feeds


async def test_c_opens_the_dialog_and_saving_renames_and_hides_the_feed(
    app: WireReaderApp,
) -> None:
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        feeds = await select_first_feed(app)
        await settle(pilot)
        selected = feeds.selected_feed
        assert selected is not None
        feed = selected.feed
        all_before = app.service.view_counts().all
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FeedSettingsScreen)
        assert dialog.query_one("#title", Input).value == feed.title
        dialog.query_one("#title", Input).value = "My \x1b[31mown\x07 name"
        dialog.query_one("#tags", Input).value = "later, reading"
        dialog.query_one("#refresh", Input).value = "0"
        dialog.query_one("#hide", Checkbox).value = True
        await pilot.click("#save")
        await settle(pilot)
        assert not isinstance(app.screen, FeedSettingsScreen)
        saved = app.service.storage.get_feed(feed.id)
        assert (saved.title, saved.tags) == ("My own name", ("later", "reading"))
        assert saved.settings == FeedSettings(refresh_minutes=0, hide_from_all=True)
        text = pane_text(feeds)
        assert "My own name" in text and "▾ later" in text and "\x1b" not in text
        hidden = app.service.count_articles(ArticleFilter(feed_id=feed.id))
        assert app.service.view_counts().all == all_before - hidden
        assert f"All {all_before - hidden}" in text


async def test_invalid_values_are_shown_in_the_dialog_and_nothing_is_saved(
    app: WireReaderApp,
) -> None:
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        feeds = await select_first_feed(app)
        await settle(pilot)
        selected = feeds.selected_feed
        assert selected is not None
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FeedSettingsScreen)
        keep = dialog.query_one("#keep", Input)
        keep.value = "a week"
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is dialog
        assert "keep articles (days): a whole number" in shown_text(app, "#settings-status")
        assert keep.has_class("-invalid") and keep.has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FeedSettingsScreen)
        unchanged = app.service.storage.get_feed(selected.feed.id)
        assert unchanged.settings == FeedSettings()
        assert unchanged.title == selected.feed.title and not unchanged.title_locked


async def test_c_on_a_view_asks_for_a_feed(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        app.query_one(FeedPane).focus()
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, FeedSettingsScreen)
        assert any("Select a feed" in str(n.message) for n in app._notifications)
