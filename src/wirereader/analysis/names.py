"""Name recognition: people, organisations, places and other names."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirereader.models import Label, Span


@dataclass
class NameMemory:
    """Names already seen in the current article, so later short mentions resolve."""

    known: dict[str, Label] = field(default_factory=dict)


def find_names(text: str, memory: NameMemory) -> list[Span]:
    """Return the names in `text` (placeholder until the rules land)."""
    return []
