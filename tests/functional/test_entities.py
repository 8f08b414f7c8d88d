"""Pilot tests of highlighting in the reader: the legend, the `e` toggle and the entity panel."""

from __future__ import annotations

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from tests.functional.conftest import settle
from wirereader.models import ArticleFilter, Label
from wirereader.ui.app import WireReaderApp
from wirereader.ui.render import LABEL_STYLES
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.entity_panel import EntityPanel
from wirereader.ui.widgets.reader import ReaderPane

SEED_TITLE = "China and Russia plan to boost scientific cooperation"


async def _open_seed(app: WireReaderApp, pilot: Pilot[None]) -> None:
    rows = app.service.list_articles(ArticleFilter(), 0, 1000)
    index = next(i for i, row in enumerate(rows) if row.title.startswith(SEED_TITLE))
    app.query_one(ArticleList).select_and_open(index)
    await settle(pilot)
    assert app.open_article is not None and app.open_article.article.title.startswith(SEED_TITLE)


def _person_styled(reader: ReaderPane, phrase: str) -> bool:
    """Whether the first paragraph showing `phrase` styles it as a PERSON."""
    for static in reader.query(".block").results(Static):
        content = static.content
        texts = [r for r in getattr(content, "renderables", [content]) if isinstance(r, Text)]
        for text in texts:
            start = text.plain.find(phrase)
            if start >= 0:
                person = LABEL_STYLES[Label.PERSON]
                return any(s.style == person and s.start <= start < s.end for s in text.spans)
    raise AssertionError(f"{phrase!r} not shown")


async def test_seed_article_highlights_putin_and_toggle_turns_it_off(app: WireReaderApp) -> None:
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await _open_seed(app, pilot)
        reader = app.query_one(ReaderPane)
        assert reader.query_one("#legend").display
        assert _person_styled(reader, "Vladimir Putin")
        await pilot.press("e")
        await pilot.pause()
        assert not reader.query_one("#legend").display
        assert not _person_styled(reader, "Vladimir Putin")
        await pilot.press("e")
        await pilot.pause()
        assert _person_styled(reader, "Vladimir Putin")


async def test_entity_panel_lists_entities_and_cycles_mentions(app: WireReaderApp) -> None:
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await _open_seed(app, pilot)
        await pilot.press("N")
        await pilot.pause()
        panel = app.query_one(EntityPanel)
        assert panel.display and panel.has_focus
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any(p.startswith("PERSON") for p in prompts)
        putin = next(i for i, p in enumerate(prompts) if p.startswith("Vladimir Putin"))
        count = int(prompts[putin].rsplit("×", 1)[1])
        assert count >= 2
        panel.highlighted = putin
        reader = app.query_one(ReaderPane)
        seen = []
        for _ in range(count + 1):
            await pilot.press("enter")
            await pilot.pause()
            seen.append(reader._focus)
        assert len(set(seen[:count])) == count, "each press shows another mention"
        assert seen[count] == seen[0], "after the last mention it cycles back to the first"
        await pilot.press("N")
        await pilot.pause()
        assert not panel.display


def test_label_styles_are_distinct() -> None:
    assert len({str(style) for style in LABEL_STYLES.values()}) == len(Label)
