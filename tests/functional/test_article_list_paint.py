"""The article list's repaint shortcuts: cached screen lines, rows built from segments, prefetch.

Each test drives the widget alone over an in-memory source of 1,000 rows and compares what it
paints with a cold render (every cache dropped), so a shortcut can never show a stale line.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib.resources import files

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region

from wirereader.models import ArticleFilter, ArticleSummary
from wirereader.search import parse_query
from wirereader.ui.widgets.article_list import (
    PAGE_SIZE,
    SEARCH_FIRST_ROWS,
    ArticleList,
    _fit,
    _marked,
)

ROWS = 1_000
START = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


class MemorySource:
    """Rows newest first, read by offset or by key like the service; counts the pages asked for."""

    def __init__(self, total: int) -> None:
        self.rows = [
            ArticleSummary(
                id=n + 1,
                feed_id=n % 3,
                feed_title=f"Wire {n % 3}",
                title=f"Story {n}: 東京 council budget {'word ' * (n % 7)}",
                published=START - timedelta(minutes=n),
                read=n % 4 == 0,
                starred=n % 9 == 0,
                key=((START - timedelta(minutes=n)).isoformat(), n + 1),
            )
            for n in range(total)
        ]
        self.reads: list[int] = []
        self.first_reads: list[int] = []  # the limits of reads from the top

    def count_articles(self, flt: ArticleFilter) -> int:
        return len(self.rows)

    def list_articles(self, flt: ArticleFilter, offset: int, limit: int) -> list[ArticleSummary]:
        self.reads.append(offset // PAGE_SIZE)
        if offset == 0:
            self.first_reads.append(limit)
        return self.rows[offset : offset + limit]

    def list_after(
        self, flt: ArticleFilter, key: tuple[str, int] | None, limit: int
    ) -> list[ArticleSummary]:
        start = 0 if key is None else next(i for i, r in enumerate(self.rows) if r.key == key) + 1
        self.reads.append(start // PAGE_SIZE)
        return self.rows[start : start + limit]

    def list_before(
        self, flt: ArticleFilter, key: tuple[str, int], limit: int
    ) -> list[ArticleSummary]:
        end = next(i for i, r in enumerate(self.rows) if r.key == key)
        self.reads.append(max(0, end - limit) // PAGE_SIZE)
        return self.rows[max(0, end - limit) : end]

    def article_position(self, flt: ArticleFilter, article_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == article_id), None)


class ListApp(App[None]):
    """The list alone, styled by the app's stylesheet."""

    CSS_PATH = str(files("wirereader.ui") / "wirereader.tcss")

    def __init__(self, source: MemorySource) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        yield ArticleList(self.source, id="articles")

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)


def painted(articles: ArticleList) -> list[list[tuple[str, Style | None]]]:
    """Every line of the widget, border included, as (text, style) runs."""
    size = articles.outer_size
    strips = articles.render_lines(Region(0, 0, size.width, size.height))
    return [[(s.text, s.style) for s in strip.simplify()] for strip in strips]


def cold(articles: ArticleList) -> list[list[tuple[str, Style | None]]]:
    """The same lines rendered with every cache dropped."""
    articles._forget_lines()
    articles._styles_cache.clear()
    return painted(articles)


async def _ready(app: ListApp) -> None:
    app.articles.focus()
    app.articles.show(ArticleFilter())
    await app.workers.wait_for_complete()


@pytest.mark.parametrize("keys", [["j"] * 40 + ["k"] * 30, ["ctrl+d"] * 12 + ["ctrl+u"] * 5])
async def test_every_repaint_matches_a_cold_render(keys: list[str]) -> None:
    app = ListApp(MemorySource(ROWS))
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(app)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown = painted(app.articles)
            assert shown == cold(app.articles), f"stale line after {key}"
        assert app.articles.border_title.startswith(f"{int(app.articles.scroll_offset.y) + 1}–")


async def test_focus_theme_and_search_changes_repaint_every_line() -> None:
    app = ListApp(MemorySource(ROWS))
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(app)
        for _ in range(25):
            await pilot.press("j")
        await pilot.pause()
        focused = painted(app.articles)
        app.articles.blur()
        await pilot.pause()
        assert painted(app.articles) != focused  # the cursor row and the border dim
        assert painted(app.articles) == cold(app.articles)
        app.theme = "textual-light"
        await pilot.pause()
        assert painted(app.articles) == cold(app.articles)
        app.articles.show(ArticleFilter(search=parse_query("council")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        marked = painted(app.articles)
        assert marked == cold(app.articles)
        assert any(text == "council" for line in marked for text, _ in line)


async def test_the_next_page_is_read_before_the_cursor_reaches_it() -> None:
    source = MemorySource(ROWS)
    app = ListApp(source)
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(app)
        height = app.articles.size.height
        while app.articles.cursor < PAGE_SIZE - 2 * height:
            await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        assert 1 in source.reads  # asked for while page 0 still fills the screen
        while app.articles.cursor < PAGE_SIZE + height:
            await pilot.press("ctrl+d")
            await pilot.pause()
            assert not any(
                text.strip() == "…" for line in painted(app.articles) for text, _ in line
            )


async def test_a_search_shows_a_screen_of_rows_first_then_the_whole_page() -> None:
    source = MemorySource(ROWS)
    app = ListApp(source)
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(app)
        source.first_reads.clear()
        app.articles.show(ArticleFilter(search=parse_query("council")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert source.first_reads == [SEARCH_FIRST_ROWS]  # the rest is read on from row 64
        assert app.articles._pages[0] == source.rows[:PAGE_SIZE]
        assert app.articles.total == ROWS
        for _ in range(SEARCH_FIRST_ROWS + 5):
            await pilot.press("j")
        assert app.articles.current == source.rows[SEARCH_FIRST_ROWS + 5]
        source.first_reads.clear()
        app.articles.show(ArticleFilter())
        await app.workers.wait_for_complete()
        assert source.first_reads == [PAGE_SIZE]  # a view's rows come from one index range


def test_fit_cuts_with_an_ellipsis_and_pads_by_cells() -> None:
    assert _fit("abc", 5) == "abc  "
    assert _fit("abc", 5, right=True) == "  abc"
    assert _fit("abcdef", 4) == "abc…"
    assert _fit("東京東京", 5) == "東京…"  # two cells a character, cut at a boundary
    assert _fit("東京東京", 4) == "東 …"  # a wide character never half-shown
    assert _fit("abc", 1) == "…"


def test_marked_splits_the_title_at_the_matches() -> None:
    plain, mark = Style(), Style(bold=True)
    segments = _marked("city council votes", [(5, 12)], plain, mark)
    assert segments == [
        Segment("city ", plain),
        Segment("council", mark),
        Segment(" votes", plain),
    ]
    assert _marked("", [], plain, mark) == [Segment("", plain)]
    assert _marked("ab", [(0, 2)], plain, mark) == [Segment("ab", mark)]
