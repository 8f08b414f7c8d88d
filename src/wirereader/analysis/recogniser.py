"""Combine the name and figure recognisers into non-overlapping spans per text."""

from __future__ import annotations

from collections.abc import Sequence

from wirereader.analysis.figures import find_figures
from wirereader.analysis.names import NameMemory, find_names
from wirereader.models import Span

RECOGNISER_VERSION = "builtin-0.1"


def annotate_document(texts: Sequence[str]) -> list[list[Span]]:
    """Annotate the texts of one article in order, sharing name memory across them.

    Memory is shared so that a surname alone ("Putin") is recognised once the full name
    ("Vladimir Putin") has appeared earlier in the same article.
    """
    memory = NameMemory()
    return [_annotate_one(text, memory) for text in texts]


def _annotate_one(text: str, memory: NameMemory) -> list[Span]:
    figures = find_figures(text)
    names = find_names(text, memory)
    return _merge(figures, names)


def _merge(figures: list[Span], names: list[Span]) -> list[Span]:
    """Keep names first, then every figure that overlaps no kept span."""
    kept = sorted(names, key=lambda s: s.start)
    for span in figures:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))
