"""Pilot tests of the three-pane app on the bundled sample feeds."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.functional.conftest import settle, shown_text
from wirereader.models import ArticleFilter
from wirereader.service import Service
from wirereader.ui.app import WireReaderApp
from wirereader.ui.screens.help import HelpScreen
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.feed_pane import FeedPane
from wirereader.ui.widgets.reader import ReaderPane

SEED_TITLE = "China and Russia plan to boost scientific cooperation"


def _body_text(app: WireReaderApp) -> str:
    assert app.open_article is not None
    return shown_text(app, "ReaderPane Static")


async def test_first_launch_shows_sample_articles_newest_first(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total >= 30
        assert articles.has_focus
        rows = app.service.list_articles(ArticleFilter(), 0, articles.total)
        dates = [r.published for r in rows if r.published]
        assert dates == sorted(dates, reverse=True)
        feeds = app.query_one(FeedPane)
        prompts = [str(feeds.get_option_at_index(i).prompt) for i in range(3)]
        assert (
            prompts[0].startswith("All")
            and prompts[1].startswith("Unread")
            and prompts[2].startswith("Starred")
        )


async def test_tab_and_shift_tab_cycle_the_three_panes(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        order = []
        for _ in range(3):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert set(order) == {"feeds", "articles", "reader"}
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == order[1]


async def test_j_k_move_and_enter_opens_and_marks_read(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j", "j", "k")
        assert articles.cursor == 1
        target = articles.current
        assert target is not None and not target.read
        await pilot.press("enter")
        await settle(pilot)
        assert app.open_article is not None and app.open_article.article.id == target.id
        assert app.service.storage.get_article(target.id).read
        row = articles.current
        assert row is not None and row.read
        assert target.title[:30] in _body_text(app)


async def test_star_persists_across_restart(db_path: Path) -> None:
    service = Service.open(db_path)
    app = WireReaderApp(service)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        starred_id = app.query_one(ArticleList).current.id  # type: ignore[union-attr]
        await pilot.press("s")
        await settle(pilot)
        assert app.query_one(ArticleList).current.starred  # type: ignore[union-attr]
    service.close()

    again = WireReaderApp(Service.open(db_path))
    async with again.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert again.service.storage.get_article(starred_id).starred
        feeds = again.query_one(FeedPane)
        feeds.focus()
        feeds.highlighted = feeds.get_option_index("view-starred")
        await settle(pilot)
        articles = again.query_one(ArticleList)
        assert articles.total == 1
        assert articles.current is not None and articles.current.id == starred_id
        await pilot.press("s")
        await settle(pilot)
        assert not again.service.storage.get_article(starred_id).starred
    again.service.close()


async def test_unread_view_and_mark_all_read(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        total = app.query_one(ArticleList).total
        await pilot.press("enter")
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.highlighted = feeds.get_option_index("view-unread")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == total - 1
        assert articles.filter.unread_only
        await pilot.press("A")
        await settle(pilot)
        assert app.service.view_counts().unread == 0
        assert app.query_one(ArticleList).total == 0


async def test_n_jumps_to_next_unread_and_opens_it(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        app.service.set_read(app.service.list_articles(ArticleFilter(), 1, 1)[0].id, True)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert articles.cursor == 2
        assert app.open_article is not None
        assert app.open_article.article.id == app.service.list_articles(ArticleFilter(), 2, 1)[0].id


async def test_m_toggles_read(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        first = app.query_one(ArticleList).current
        assert first is not None
        await pilot.press("m")
        await settle(pilot)
        assert app.service.storage.get_article(first.id).read
        await pilot.press("m")
        await settle(pilot)
        assert not app.service.storage.get_article(first.id).read


async def test_help_screen_lists_keys_and_closes(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = shown_text(app)
        for words in ("Next unread", "Star", "Quit", "Open"):
            assert words in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_space_pages_the_reader_and_o_opens_the_link(
    app: WireReaderApp, monkeypatch: object
) -> None:
    opened: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderPane)
        assert reader.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y > 0
        await pilot.press("o")
        assert opened == [app.open_article.article.link]  # type: ignore[union-attr]


async def test_feed_pane_selects_a_feed(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.focus()
        await pilot.press("j", "j", "j", "j")
        await settle(pilot)
        option = feeds.highlighted_option
        assert option is not None and option.id is not None and option.id.startswith("feed-")
        articles = app.query_one(ArticleList)
        feed_id = int(option.id.removeprefix("feed-"))
        assert articles.filter == ArticleFilter(feed_id=feed_id)
        assert articles.current is not None and articles.current.feed_id == feed_id


async def test_mouse_click_opens_a_row(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.click(ArticleList, offset=(10, 3))
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.cursor == 2
        assert app.open_article is not None and app.open_article.article.id == articles.current.id  # type: ignore[union-attr]


async def test_hostile_titles_render_literally(app: WireReaderApp) -> None:
    markers = ("[bold red]x[/]", "[@click=app.quit]y[/]")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        rows = app.service.list_articles(ArticleFilter(), 0, 1000)
        articles = app.query_one(ArticleList)
        for marker in markers:
            index = next(i for i, r in enumerate(rows) if marker in r.title)
            articles.select_and_open(index)
            await settle(pilot)
            line = "".join(
                seg.text for seg in articles.render_line(articles.cursor - int(articles.scroll_y))
            )
            assert marker in line
            assert marker in _body_text(app)
        community = [r for r in rows if r.feed_title == "Community wire"]
        for row in community:
            articles.select_and_open(rows.index(row))
            await settle(pilot)
            shown = _body_text(app)
            assert not any(c in shown for c in "\x1b\x07\u202e\x9b\x9d")
        assert app.is_running


async def test_command_palette_runs_app_commands(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next unread")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.open_article is not None
        assert app.open_article.article.read


async def test_an_empty_view_says_so(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.highlighted = feeds.get_option_index("view-starred")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 0
        assert articles.render_line(0).text.strip() == "No articles here."
        assert articles.render_line(1).text.strip() == ""


async def test_the_first_frame_turns_garbage_collection_back_on(app: WireReaderApp) -> None:
    gc.disable()  # as `wirereader` starts the app
    try:
        async with app.run_test() as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects, out of full collections
        assert gc.get_freeze_count() == 0  # collectable again once the app is gone
    finally:
        gc.enable()
