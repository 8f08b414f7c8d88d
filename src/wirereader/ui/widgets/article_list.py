"""The article list: a virtual list that pages rows from the database as they scroll into view.

Only the visible rows are rendered and only the pages around them are held in memory, so a
view of 100,000 articles paints as fast as a view of ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar, NamedTuple, Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from wirereader.content.sanitize import clean_line
from wirereader.models import ArticleFilter, ArticleSummary
from wirereader.search import match_ranges
from wirereader.service import LIST_PAGE
from wirereader.storage.dates import local_time

PAGE_SIZE = LIST_PAGE
# A search's first read: a screen's worth of rows. Its matches are spread over the whole
# table, so with a cold disk cache each row is a read of its own: 64 rows come back in about
# a third of the time 200 take (4-72 ms against 4-180 ms at 100,000 articles).
SEARCH_FIRST_ROWS = 64
MAX_PAGES = 20
LINE_CACHE = 500


class ArticleSource(Protocol):
    """Where the list reads its rows; the service satisfies it."""

    def count_articles(self, flt: ArticleFilter) -> int: ...

    def list_articles(
        self, flt: ArticleFilter, offset: int, limit: int
    ) -> list[ArticleSummary]: ...

    def list_after(
        self, flt: ArticleFilter, key: tuple[str, int] | None, limit: int
    ) -> list[ArticleSummary]: ...

    def list_before(
        self, flt: ArticleFilter, key: tuple[str, int], limit: int
    ) -> list[ArticleSummary]: ...

    def article_position(self, flt: ArticleFilter, article_id: int) -> int | None: ...


# Where a page is read from: the key just above it ("after") or just below it ("before"),
# or None for a jump, read by offset from the list index.
Anchor = tuple[str, tuple[str, int]] | None


class _Paint(NamedTuple):
    """What every row of one repaint shares: the base style, the row width, the top row."""

    base: Style
    width: int
    top: int


EMPTY_VIEW = Text("  No articles here.", style="dim italic")


class ArticleList(ScrollView, can_focus=True):
    """Articles of the current view, newest first, one line each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="up"),
        Binding("ctrl+d,pagedown", "cursor_page(1)", "Page down", show=False, id="page_down"),
        Binding("ctrl+u,pageup", "cursor_page(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "cursor_to(0)", "First article", show=False, id="top"),
        Binding("G,end", "cursor_to(-1)", "Last article", show=False, id="bottom"),
        Binding("enter", "open", "Open", id="open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--star",
        "article-list--match",
    }

    # repaint=False: watch_cursor repaints just the two rows that changed, which keeps a key
    # press to a two-line screen update instead of re-rendering every row beside the list
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    @dataclass
    class Opened(Message):
        """The user opened an article (enter or click)."""

        summary: ArticleSummary

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another article (or to none)."""

        summary: ArticleSummary | None

    @dataclass
    class _FirstPage(Message):
        generation: int
        rows: list[ArticleSummary]

    @dataclass
    class _CountLoaded(Message):
        generation: int
        total: int
        page: int
        rows: list[ArticleSummary]
        position: int | None

    @dataclass
    class _PageLoaded(Message):
        generation: int
        page: int
        rows: list[ArticleSummary]

    def __init__(
        self,
        source: ArticleSource,
        *,
        id: str | None = None,
        columns: Sequence[str] = ("flags", "title", "feed", "date"),
        date_format: str = "%d %b %Y",
        oldest_first: bool = False,
    ) -> None:
        """`columns`, `date_format` and `oldest_first` come from the config's [list]."""
        super().__init__(id=id)
        self._source = source
        self._columns = tuple(columns)
        self._date_format = date_format
        # the widest date of the format (September, Wednesday), so the column never jumps
        self._date_width = len(clean_line(datetime(2024, 9, 25, 23, 59).strftime(date_format)))
        self._oldest_first = oldest_first
        self._filter = ArticleFilter()
        self._generation = 0
        self._total = 0
        self._pages: dict[int, list[ArticleSummary]] = {}
        self._requested: set[int] = set()
        self._open_when_loaded: int | None = None
        self._loaded = False
        self._first_page_shown = -1  # the generation whose top page is on screen uncounted
        # rendered rows by (row, width, base style, theme, under the cursor, focused): a key
        # press then formats only the two rows the cursor left and reached
        self._lines: dict[tuple[object, ...], Strip] = {}
        # the same rows as Textual finished them, with the border and background
        self._screen_lines: dict[tuple[object, ...], Strip] = {}
        self._component_styles_seen: dict[tuple[str, str, bool], Style] = {}
        self._paint = _Paint(Style(), 0, 0)

    @property
    def total(self) -> int:
        """How many articles the current view holds."""
        return self._total

    @property
    def filter(self) -> ArticleFilter:
        return self._filter

    @property
    def ordered_filter(self) -> ArticleFilter:
        """The filter with the config's sort order, as the rows are read and positions counted."""
        return replace(self._filter, oldest_first=self._oldest_first)

    @property
    def current(self) -> ArticleSummary | None:
        """The article under the cursor, if its page is loaded."""
        return self._row(self.cursor)

    def show(self, flt: ArticleFilter, *, keep_selection: bool = False) -> None:
        """Show another view, or reload this one keeping the selected article in place."""
        current = self.current
        keep_id = current.id if keep_selection and current else None
        self._filter = flt
        self._generation += 1
        self._forget_lines()  # the search words marked in titles may have changed
        if not keep_selection:
            # Forget the old rows at once so keys pressed before the new view arrives
            # cannot open an article from the view the user just left.
            self._pages, self._total, self._loaded = {}, 0, False
            self.refresh()
        self._load_count(self._generation, self.ordered_filter, keep_id)

    def update_row(self, summary: ArticleSummary) -> None:
        """Replace a cached row after its flags changed, without reloading the view."""
        for page, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.id == summary.id:
                    rows[i] = summary
                    self._refresh_index(page * PAGE_SIZE + i)

    def set_flags(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Update the flags shown for one article."""
        row = self.find(article_id)
        if row is not None:
            self.update_row(
                replace(
                    row,
                    read=row.read if read is None else read,
                    starred=row.starred if starred is None else starred,
                )
            )

    def find(self, article_id: int) -> ArticleSummary | None:
        """A loaded row by article id."""
        return next((r for rows in self._pages.values() for r in rows if r.id == article_id), None)

    def select_and_open(self, index: int) -> None:
        """Move the cursor to `index` and open that article once its row is loaded."""
        self._open_when_loaded = index
        self.cursor = index
        self._open_if_ready()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_cursor_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_cursor_to(self, index: int) -> None:
        self._move_to(index if index >= 0 else self._total - 1)

    def action_open(self) -> None:
        if (summary := self.current) is not None:
            self.post_message(self.Opened(summary))

    def _move_to(self, index: int) -> None:
        if self._total:
            self.cursor = max(0, min(index, self._total - 1))

    def watch_cursor(self, previous: int, cursor: int) -> None:
        top = self.scroll_offset.y
        self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, force=True)
        if self.scroll_offset.y == top:
            self._refresh_index(previous)
            self._refresh_index(cursor)
        else:
            self.refresh()
        self.post_message(self.Highlighted(self._row(cursor)))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < self._total:
            self.cursor = index
            self.action_open()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Not ScrollView's watcher: it also moves the hidden scrollbar, and refreshing a
        # widget that is not on screen made Textual re-arrange every widget (~1 ms a scroll).
        self.refresh()
        self._show_range()
        self._prefetch()

    def _prefetch(self) -> None:
        """Ask for the rows two screens above and below before they scroll into view, so a
        page down shows rows at once instead of placeholders and a second repaint."""
        top, height = int(self.scroll_offset.y), self.size.height
        for index in (top - 2 * height, top + 3 * height):
            if 0 <= index < self._total:
                self._row(index)

    def _show_range(self) -> None:
        """Say which rows are on screen in the border, in place of a scrollbar.

        A scrollbar would repaint at every line scrolled; the range changes only then too,
        so a cursor move that does not scroll still repaints just two rows.
        """
        if self._total <= self.size.height:
            self.border_title = ""
            return
        first = int(self.scroll_offset.y) + 1
        last = min(self._total, first + self.size.height - 1)
        self.border_title = f"{first:,}–{last:,} of {self._total:,}"

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._total)
        self._show_range()

    @work(thread=True, exclusive=True, group="article-count", exit_on_error=False)
    def _load_count(self, generation: int, flt: ArticleFilter, keep_id: int | None) -> None:
        if keep_id is None:
            # The first screen goes up before the count: counting a search that matches
            # most of 100,000 articles takes several times as long as reading its top page.
            first = SEARCH_FIRST_ROWS if flt.search is not None else PAGE_SIZE
            rows = self._source.list_articles(flt, 0, first)
            self.post_message(self._FirstPage(generation, rows))
            if len(rows) == first < PAGE_SIZE:  # the rest of the top page, from the last row
                rows = rows + self._source.list_after(flt, rows[-1].key, PAGE_SIZE - first)
            total = len(rows) if len(rows) < PAGE_SIZE else self._source.count_articles(flt)
            self.post_message(self._CountLoaded(generation, total, 0, rows, None))
            return
        total = self._source.count_articles(flt)
        position = self._source.article_position(flt, keep_id)
        page = (position or 0) // PAGE_SIZE
        rows = self._source.list_articles(flt, page * PAGE_SIZE, PAGE_SIZE)
        self.post_message(self._CountLoaded(generation, total, page, rows, position))

    @work(thread=True, group="article-pages", exit_on_error=False)
    def _load_page(self, generation: int, flt: ArticleFilter, page: int, anchor: Anchor) -> None:
        if anchor is None:
            rows = self._source.list_articles(flt, page * PAGE_SIZE, PAGE_SIZE)
        elif anchor[0] == "after":
            rows = self._source.list_after(flt, anchor[1], PAGE_SIZE)
        else:
            rows = self._source.list_before(flt, anchor[1], PAGE_SIZE)
        self.post_message(self._PageLoaded(generation, page, rows))

    def _anchor(self, page: int) -> Anchor:
        """Read a page next to a loaded one by key; only a jump reads by offset."""
        above = self._pages.get(page - 1)
        if above is not None and len(above) == PAGE_SIZE:
            return ("after", above[-1].key)
        below = self._pages.get(page + 1)
        return ("before", below[0].key) if below else None

    @on(_FirstPage)
    def _first_page(self, message: _FirstPage) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._first_page_shown = message.generation
        self._show_rows(len(message.rows), 0, message.rows, None)

    @on(_CountLoaded)
    def _count_loaded(self, message: _CountLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        if self._first_page_shown == message.generation:
            # Only the total and the rest of the top page were missing: keep the cursor
            # the user may already be moving, over the same rows.
            self._pages[message.page] = message.rows
            self._total = message.total
            self.virtual_size = Size(self.scrollable_content_region.width, self._total)
            self._show_range()
            self.refresh()
            return
        self._show_rows(message.total, message.page, message.rows, message.position)

    def _show_rows(
        self, total: int, page: int, rows: list[ArticleSummary], position: int | None
    ) -> None:
        """Put a freshly read view on screen, the cursor on `position` (else the top)."""
        self._total = total
        self._loaded = True
        self._pages = {page: rows}
        self._requested = set()
        self.virtual_size = Size(self.scrollable_content_region.width, self._total)
        if position is not None:
            # Keep the selected article on the same screen line while rows are added above it.
            line = self.cursor - int(self.scroll_offset.y)
            self.scroll_to(y=max(0, position - line), animate=False, immediate=True)
            self.cursor = position
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.cursor = 0
        self._show_range()
        self.refresh()

    @on(_PageLoaded)
    def _page_loaded(self, message: _PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._pages[message.page] = message.rows
        self._requested.discard(message.page)
        self._evict(message.page)
        top = int(self.scroll_offset.y)
        first, end = message.page * PAGE_SIZE, (message.page + 1) * PAGE_SIZE
        if first < top + self.size.height and top < end:
            self.refresh()  # rows on screen were waiting for this page; a prefetch was not
        if message.page == self.cursor // PAGE_SIZE:
            self.post_message(self.Highlighted(self._row(self.cursor)))
        self._open_if_ready()

    def _open_if_ready(self) -> None:
        index = self._open_when_loaded
        if index is not None and (summary := self._row(index)) is not None:
            self._open_when_loaded = None
            self.post_message(self.Opened(summary))

    def _evict(self, keep_near: int) -> None:
        """Drop the pages furthest from the one just loaded once too many are held."""
        while len(self._pages) > MAX_PAGES:
            far = max(self._pages, key=lambda p: abs(p - keep_near))
            del self._pages[far]

    def _row(self, index: int) -> ArticleSummary | None:
        page, offset = divmod(index, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            if 0 <= index < self._total and page not in self._requested:
                self._requested.add(page)
                self._load_page(self._generation, self.ordered_filter, page, self._anchor(page))
            return None
        return rows[offset] if offset < len(rows) else None

    def _refresh_index(self, index: int) -> None:
        y = index - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The widget's lines; rows already seen come from the screen-line cache.

        Textual re-renders every line of a widget that scrolled, each through the border and
        background styling (~0.06 ms a line). A one-line scroll brings in one new row, so the
        lines Textual finished before are handed back to its per-line cache (by what each line
        shows, not where) and only the new ones are styled. With a Textual whose cache looks
        different, every line is simply rendered.
        """
        # Looked up once per repaint instead of once per row: each lookup walks the styles.
        self._paint = _Paint(
            self.rich_style, self.scrollable_content_region.width, int(self.scroll_offset.y)
        )
        styled = getattr(self._styles_cache, "_cache", None)
        dirty = getattr(self._styles_cache, "_dirty_lines", None)
        if not isinstance(styled, dict) or not isinstance(dirty, set):
            return super().render_lines(crop)
        base, width, _ = self._paint
        shared = (width, base, self.app.theme, self.has_focus)
        gutter, height = self.gutter.top, self.size.height
        keys = {y: self._screen_line_key(y, y - gutter, height, shared) for y in crop.line_range}
        for y, key in keys.items():
            if key is not None and (line := self._screen_lines.get(key)) is not None:
                styled[y] = line
                dirty.discard(y)
        lines = super().render_lines(crop)
        if len(self._screen_lines) >= LINE_CACHE:
            self._screen_lines.clear()
        for y, key in keys.items():
            if key is not None and (line := styled.get(y)) is not None:
                self._screen_lines[key] = line
        return lines

    def _screen_line_key(
        self, y: int, row: int, height: int, shared: tuple[object, ...]
    ) -> tuple[object, ...] | None:
        """What line `y` of the widget (list row `row`, border included) shows, with the
        `shared` width, style, theme and focus; None: a row still loading."""
        if not 0 <= row < height:
            return ("border", y, self.border_title if y == 0 else None, *shared)
        index = self._paint.top + row
        if index >= self._total:
            return ("blank", index == 0 and self._loaded, *shared)
        summary = self._row(index)
        return None if summary is None else (summary, index == self.cursor, *shared)

    def render_line(self, y: int) -> Strip:
        base, width, top = self._paint
        index = top + y
        if index >= self._total:
            if index == 0 and self._loaded:
                return Strip(EMPTY_VIEW.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        summary = self._row(index)
        if summary is None:
            return Strip(Text("  …", style="dim").render(self.app.console)).crop_extend(
                0, width, base
            )
        return self._cached_row(summary, width, base, index == self.cursor)

    def _cached_row(self, summary: ArticleSummary, width: int, base: Style, cursor: bool) -> Strip:
        """A row from the line cache; the cursor row is the plain row with the cursor style
        laid over it, so moving the cursor formats no row that was already on screen."""
        key = (summary, width, base, self.app.theme, cursor, self.has_focus if cursor else None)
        strip = self._lines.get(key)
        if strip is None:
            if cursor:
                plain = self._cached_row(summary, width, base, False)
                style = self._style("article-list--cursor")
                segments = Segment.apply_style(iter(plain), post_style=style)
                strip = Strip(segments, plain.cell_length).simplify()
            else:
                strip = self._render_row(summary, width, base)
            if len(self._lines) >= LINE_CACHE:
                self._lines.clear()
            self._lines[key] = strip
        return strip

    def _style(self, component: str) -> Style:
        """A component's style, looked up once per theme and focus.

        Textual forgets its own copy at every refresh and a lookup walks the DOM (~0.1 ms),
        which was most of the cost of formatting the one row a key press scrolls in.
        """
        key = (component, self.app.theme, self.has_focus)
        style = self._component_styles_seen.get(key)
        if style is None:
            style = self._component_styles_seen[key] = self.get_component_rich_style(component)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._component_styles_seen.clear()
        self._forget_lines()

    def _forget_lines(self) -> None:
        self._lines.clear()
        self._screen_lines.clear()

    def _render_row(self, summary: ArticleSummary, width: int, base: Style) -> Strip:
        """One row as a strip, built from segments directly.

        Rich's Text would lay out the same cells at ~0.15 ms a row; a page down brings in a
        whole screen of rows, so that alone took a key press past 2 ms.
        """
        style = self._style
        cells: dict[str, list[Segment]] = {}
        if "flags" in self._columns:
            cells["flags"] = [
                Segment("●" if not summary.read else " ", style("article-list--unread")),
                Segment("★" if summary.starred else " ", style("article-list--star")),
            ]
        if "date" in self._columns:
            published = summary.published
            date = local_time(published).strftime(self._date_format) if published else ""
            cells["date"] = [
                Segment(
                    _fit(clean_line(date), self._date_width, right=True),
                    style("article-list--meta"),
                )
            ]
        if "feed" in self._columns:
            feed = _fit(clean_line(summary.feed_title), min(18, width // 5))
            cells["feed"] = [Segment(feed, style("article-list--meta"))]
        used = sum(cell_len(segment.text) for cell in cells.values() for segment in cell)
        title = _fit(clean_line(summary.title), max(1, width - used - len(cells)))
        state = style("article-list--read" if summary.read else "article-list--unread")
        cells["title"] = _marked(
            title,
            match_ranges(title, self._filter.search),
            state,
            state + style("article-list--match"),
        )
        segments: list[Segment] = []
        for column in self._columns:
            if segments:
                segments.append(_GAP)
            segments += cells[column]
        return Strip(segments).crop_extend(0, width, base).simplify()


_GAP = Segment(" ", Style())


def _fit(value: str, width: int, *, right: bool = False) -> str:
    """`value` in exactly `width` cells: cut with an ellipsis, or padded with spaces
    (on the left when `right`)."""
    length = cell_len(value)
    if length > width:
        return set_cell_size(value, width - 1) + "…" if width > 1 else "…"[:width]
    padding = " " * (width - length)
    return padding + value if right else value + padding


def _marked(
    text: str, ranges: Sequence[tuple[int, int]], style: Style, marked: Style
) -> list[Segment]:
    """`text` in `style`, with the half-open character `ranges` in `marked`."""
    segments: list[Segment] = []
    position = 0
    for start, end in ranges:
        if start > position:
            segments.append(Segment(text[position:start], style))
        segments.append(Segment(text[start:end], marked))
        position = end
    if position < len(text) or not segments:
        segments.append(Segment(text[position:], style))
    return segments
