"""The reader pane: a scrollable view of the open article."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

PLACEHOLDER = "Select an article and press enter to read it."


class ReaderPane(VerticalScroll):
    """Shows one rendered article; scrolls with the keyboard and the mouse wheel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="dim italic"), id="article-body")

    def show(self, renderable: RenderableType) -> None:
        """Replace the content and go back to the top."""
        self.query_one("#article-body", Static).update(renderable)
        self.scroll_home(animate=False)

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)
