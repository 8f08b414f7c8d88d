"""How a name is folded so that its mentions in different articles meet in the entity index."""

from __future__ import annotations

from collections.abc import Sequence

from wirereader.models import Entity, EntityRef


def entity_key(text: str) -> str:
    """The name case-folded with its blanks collapsed: "Vladimir  PUTIN" → "vladimir putin"."""
    return " ".join(text.split()).casefold()


def entity_refs(entities: Sequence[Entity]) -> list[tuple[EntityRef, str]]:
    """The named entities (not figures) of an article as index rows: (ref, as written)."""
    return [
        (EntityRef(entity.label, entity_key(entity.text)), entity.text)
        for entity in entities
        if entity.label.is_name and entity_key(entity.text)
    ]
