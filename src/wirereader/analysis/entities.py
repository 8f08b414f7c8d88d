"""Group an article's spans into distinct entities with their mentions, for the entity panel."""

from __future__ import annotations

from collections.abc import Sequence

from wirereader.models import Entity, Label, Span

LABEL_ORDER = tuple(Label)


def group_entities(texts: Sequence[str], spans: Sequence[Sequence[Span]]) -> list[Entity]:
    """Distinct entities in reading order of first mention, grouped by label order.

    A one-word person mention ("Putin") joins the full name it shortens ("Vladimir Putin") so
    the panel lists each person once.
    """
    mentions: dict[tuple[Label, str], list[tuple[int, int, int]]] = {}
    for index, (text, text_spans) in enumerate(zip(texts, spans, strict=True)):
        for span in text_spans:
            key = (span.label, _normal(text[span.start : span.end]))
            mentions.setdefault(key, []).append((index, span.start, span.end))
    _merge_surnames(mentions)
    entities = [Entity(name, label, tuple(found)) for (label, name), found in mentions.items()]
    return sorted(
        entities, key=lambda e: (LABEL_ORDER.index(e.label), -len(e.mentions), e.mentions[0])
    )


def _normal(value: str) -> str:
    return " ".join(value.split())


def _merge_surnames(mentions: dict[tuple[Label, str], list[tuple[int, int, int]]]) -> None:
    full_names = [name for label, name in mentions if label is Label.PERSON and " " in name]
    for label, name in list(mentions):
        if label is not Label.PERSON or " " in name:
            continue
        owners = [
            full for full in full_names if full.split()[-1] == name or full.split()[0] == name
        ]
        if len(owners) == 1:
            target = mentions[(Label.PERSON, owners[0])]
            target.extend(mentions.pop((label, name)))
            target.sort()
