"""Combine the name and figure recognisers into non-overlapping spans per text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate

from wirereader.analysis.figures import find_figures
from wirereader.analysis.names import NameMemory, find_names
from wirereader.models import Span

RECOGNISER_VERSION = "builtin-0.2"


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
    """Keep names first, then every figure that overlaps no name.

    Figures never overlap each other, so only names need checking: the names starting before a
    figure ends overlap it exactly when the furthest of their ends passes the figure's start.
    """
    kept = sorted(names, key=lambda s: s.start)
    starts = [k.start for k in kept]
    furthest = list(accumulate((k.end for k in kept), max))
    for span in figures:
        before = bisect_left(starts, span.end)
        if before == 0 or furthest[before - 1] <= span.start:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))
