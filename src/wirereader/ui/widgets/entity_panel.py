"""The entity panel: the open article's names and figures grouped by kind, with counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wirereader.content.sanitize import clean_line
from wirereader.models import Entity
from wirereader.ui.render import LABEL_NAMES, LABEL_STYLES


class EntityPanel(OptionList):
    """Choosing an entity asks the reader to show its next mention."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("l", "list_articles", "Every stored article naming it", id="entity_articles"),
    ]

    @dataclass
    class MentionRequested(Message):
        """Show the next mention of this entity."""

        entity: Entity

    @dataclass
    class ArticlesRequested(Message):
        """List every stored article that mentions this entity."""

        entity: Entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: list[Entity] = []

    def show_entities(self, entities: list[Entity]) -> None:
        """List entities under a heading per kind; headings cannot be selected."""
        self._entities = entities
        options: list[Option] = []
        label = None
        for index, entity in enumerate(entities):
            if entity.label is not label:
                label = entity.label
                heading = Text(LABEL_NAMES[label].upper(), style=LABEL_STYLES[label])
                options.append(Option(heading, disabled=True))
            prompt = Text(clean_line(entity.text), style=LABEL_STYLES[entity.label])
            prompt.append(f" ×{len(entity.mentions)}", style="dim")
            options.append(Option(prompt, id=f"entity-{index}"))
        if not options:
            options.append(
                Option(Text("No names or figures found.", style="dim italic"), disabled=True)
            )
        self.clear_options()
        self.add_options(options)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(
                self.MentionRequested(self._entities[int(event.option.id.removeprefix("entity-"))])
            )

    def action_list_articles(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            entity = self._entities[int(option.id.removeprefix("entity-"))]
            if entity.label.is_name:
                self.post_message(self.ArticlesRequested(entity))
