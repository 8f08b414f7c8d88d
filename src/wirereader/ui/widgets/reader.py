"""The reader pane: the open article as one widget per block, so a mention can be scrolled to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from wirereader.content.blocks import block_inlines
from wirereader.content.sanitize import clean_line
from wirereader.models import SearchQuery
from wirereader.service import ArticleView
from wirereader.storage.dates import local_time
from wirereader.ui.palette import Palette
from wirereader.ui.render import (
    DATE_FORMAT,
    DEFAULT_PALETTE,
    legend,
    render_block,
    render_header,
    render_links,
)

PLACEHOLDER = "Select an article and press enter to read it."


class ReaderPane(VerticalScroll):
    """Shows one article; scrolls with the keyboard and the mouse wheel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="up"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: ArticleView | None = None
        self.highlight = True
        # the current theme's highlight styles and the config's date format, set by the app
        self.palette: Palette = DEFAULT_PALETTE
        self.date_format = DATE_FORMAT
        # the search whose words are marked in the article, set before `show`
        self.search: SearchQuery | None = None
        self._focus: tuple[int, int, int] | None = None
        self._inline_block: list[tuple[int, int]] = []
        self._block_start: list[int] = []
        self._blocks: list[Static] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="dim italic"), id="article-header")
        yield Static("", id="body-status")
        yield Static(legend(), id="legend", classes="legend")
        yield Vertical(id="blocks")
        yield Static("", id="links")

    def on_mount(self) -> None:
        self.query_one("#legend").display = False
        self.query_one("#body-status").display = False

    async def show(self, view: ArticleView) -> None:
        """Replace the content with another article and go back to the top."""
        self.view, self._focus = view, None
        self._inline_block, self._block_start = [], []
        for b, block in enumerate(view.document.blocks):
            self._block_start.append(len(self._inline_block))
            self._inline_block += [(b, i) for i in range(len(block_inlines(block)))]
        self._blocks = [Static("", classes="block") for _ in view.document.blocks]
        with self.app.batch_update():
            self.query_one("#article-header", Static).update(
                render_header(view, self.date_format, self.palette)
            )
            self._show_status(self._body_line(view))
            links = self.query_one("#links", Static)
            links.update(render_links(view.document.links) if view.document.links else "")
            links.display = bool(view.document.links)
            blocks = self.query_one("#blocks", Vertical)
            await blocks.remove_children()
            await blocks.mount_all(self._blocks)
            self._render_blocks()
        self.scroll_home(animate=False)

    def set_palette(self, palette: Palette) -> None:
        """Draw with another theme's highlight styles."""
        self.palette = palette
        if self.view is not None:
            header = render_header(self.view, self.date_format, palette)
            self.query_one("#article-header", Static).update(header)
        self._render_blocks()

    def set_body_status(self, text: str, *, error: bool = False) -> None:
        """Say what happens to the full article ("Fetching full article…", why it failed)."""
        self._show_status(Text(clean_line(text), style="bold red" if error else "italic"))

    def _show_status(self, line: Text) -> None:
        status = self.query_one("#body-status", Static)
        status.update(line)
        status.display = True

    def _body_line(self, view: ArticleView) -> Text:
        """Which body is shown, the full text or the feed's, and the key that switches."""
        full = view.full
        if view.showing_full and full is not None:
            when = local_time(full.fetched_at).strftime(self.date_format)
            text = f"Full article, fetched {when}"
            hint = self._key_hint("fetch_full", "the feed's text")
            return Text(f"{text} · {hint}" if hint else text, style="italic")
        if full is not None and full.html:
            hint = self._key_hint("fetch_full", "the full article")
        elif full is not None and full.error:
            error = f"Feed's text · the full article failed: {clean_line(full.error)}"
            hint = self._key_hint("fetch_full", "try again")
            return Text(f"{error} · {hint}" if hint else error, style="italic")
        else:
            hint = self._key_hint("fetch_full", "fetch the full article")
        return Text(f"Feed's text · {hint}" if hint else "Feed's text", style="italic")

    def _key_hint(self, action: str, what: str) -> str:
        """ "f: what", with the key bound to `action` now (the user may have rebound it)."""
        for active in self.app.active_bindings.values():
            if active.binding.action == action:
                return f"{self.app.get_key_display(active.binding)}: {what}"
        return ""

    def set_highlight(self, highlight: bool) -> None:
        """Show or hide entity and figure highlighting."""
        self.highlight = highlight
        self._render_blocks()

    def focus_mention(self, mention: tuple[int, int, int]) -> None:
        """Mark one mention in reverse video and scroll its block into view."""
        if self.view is None or not 0 <= mention[0] < len(self._inline_block):
            return
        previous, self._focus = self._focus, mention
        for index in {m[0] for m in (previous, mention) if m is not None}:
            self._render_block(self._inline_block[index][0])
        self.scroll_to_widget(
            self._blocks[self._inline_block[mention[0]][0]], animate=False, top=True
        )

    def _render_blocks(self) -> None:
        shown = self.query_one("#legend", Static)
        shown.update(legend(self.palette))
        shown.display = self.highlight and self.view is not None and bool(self.palette.shown)
        for index in range(len(self.view.document.blocks) if self.view else 0):
            self._render_block(index)

    def _render_block(self, index: int) -> None:
        assert self.view is not None
        block = self.view.document.blocks[index]
        first = self._block_start[index]
        spans = self.view.spans[first : first + len(block_inlines(block))]
        focus = None
        if self._focus is not None and self._inline_block[self._focus[0]][0] == index:
            focus = (self._inline_block[self._focus[0]][1], self._focus[1], self._focus[2])
        renderable = render_block(
            block,
            spans,
            highlight=self.highlight,
            focus=focus,
            query=self.search,
            palette=self.palette,
        )
        widget = self._blocks[index]
        widget.display = renderable is not None
        if renderable is not None:
            widget.update(renderable)
