"""Key bindings: the catalogue matches the UI, `[keys]` rebinds, vim keys and arrows both work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.binding import Binding

from tests.functional.conftest import settle, shown_text
from wirereader.config import load_config
from wirereader.keys import BY_ID
from wirereader.service import Service
from wirereader.ui.app import WireReaderApp
from wirereader.ui.screens.help import HelpScreen
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.entity_panel import EntityPanel
from wirereader.ui.widgets.feed_pane import FeedPane
from wirereader.ui.widgets.key_bar import KeyBar
from wirereader.ui.widgets.reader import ReaderPane
from wirereader.ui.widgets.search_bar import SearchBar

BOUND = (WireReaderApp, ArticleList, FeedPane, ReaderPane, EntityPanel, SearchBar)


def _bindings() -> Iterator[tuple[str, Binding]]:
    for owner in BOUND:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            yield owner.__name__, binding


def test_every_binding_has_a_catalogued_id_and_its_default_keys() -> None:
    for owner, binding in _bindings():
        assert binding.id in BY_ID, f"{owner}: {binding.action} needs an id from wirereader.keys"
        assert tuple(binding.key.split(",")) == BY_ID[binding.id].keys, (owner, binding.id)


def test_every_catalogued_action_is_bound() -> None:
    assert {binding.id for _, binding in _bindings()} == set(BY_ID)


@pytest.fixture
def rebound(db_path: Path, tmp_path: Path) -> Iterator[WireReaderApp]:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nstar = "f"\ndown = ["ctrl+n", "down"]\n', encoding="utf-8")
    service = Service.open(db_path)
    yield WireReaderApp(service, load_config(config))
    service.close()


async def test_a_rebound_action_works_on_its_new_key_only(rebound: WireReaderApp) -> None:
    async with rebound.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = rebound.query_one(ArticleList)
        first = articles.current
        assert first is not None and not first.starred
        await pilot.press("s")
        await settle(pilot)
        assert articles.current is not None and not articles.current.starred
        await pilot.press("f")
        await settle(pilot)
        assert articles.current is not None and articles.current.starred
        await pilot.press("ctrl+n", "down", "j")
        assert articles.cursor == 2


async def test_the_help_screen_shows_the_keys_in_effect(rebound: WireReaderApp) -> None:
    async with rebound.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(rebound.screen, HelpScreen)
        lines = shown_text(rebound).splitlines()
        assert any(line.split() == ["f", "Star"] for line in lines)
        assert not any(line.split() == ["s", "Star"] for line in lines)
        assert any(line.split()[:4] == ["ctrl+n", "/", "down", "Down"] for line in lines)


async def test_the_key_bar_shows_the_keys_in_effect_and_clicks_press_them(
    rebound: WireReaderApp,
) -> None:
    async with rebound.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        bar = rebound.query_one(KeyBar)
        shown = bar.render().plain
        assert " f  Star " in shown and " s  Star " not in shown
        articles = rebound.query_one(ArticleList)
        assert articles.current is not None and not articles.current.starred
        start = shown.index(" f  Star ")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await settle(pilot)
        assert articles.current is not None and articles.current.starred


async def test_vim_keys_and_arrows_both_move(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j", "down", "down", "k")
        assert articles.cursor == 2
        await pilot.press("G")
        last = articles.cursor
        assert last == articles.total - 1
        await pilot.press("home")
        assert articles.cursor == 0
        await pilot.press("end", "g")
        assert articles.cursor == 0
        await pilot.press("pagedown")
        assert articles.cursor > 1
        await pilot.press("ctrl+u")
        assert articles.cursor == 0
