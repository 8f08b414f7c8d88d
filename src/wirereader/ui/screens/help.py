"""The help screen: every key binding of the app and its panes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """A modal table of keys, grouped by where they work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(
        self,
        sections: Iterable[tuple[str, Iterable[BindingType]]],
        keymap: Mapping[str, Sequence[str]],
    ) -> None:
        """`keymap` holds the keys in effect per binding id (the config's `[keys]`)."""
        super().__init__()
        self._sections = list(sections)
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("wirereader keys", style="bold"), id="help-title")
            for title, bindings in self._sections:
                yield Static(_table(title, bindings, self._keymap))
            yield Static(Text("escape closes this help", style="dim italic"))


def _table(
    title: str, bindings: Iterable[BindingType], keymap: Mapping[str, Sequence[str]]
) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = keymap.get(binding.id or "", binding.key.split(","))
            table.add_row(_keys(keys), binding.description)
    return table


def _keys(keys: Sequence[str]) -> str:
    """Keys as typed: `?` and `/` rather than Textual's names for them."""
    names = {"question_mark": "?", "slash": "/"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys)
