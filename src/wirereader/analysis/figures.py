"""Figure recognition: money, percentages, dates and quantities."""

from __future__ import annotations

from wirereader.models import Span


def find_figures(text: str) -> list[Span]:
    """Return the figures in `text` (placeholder until the rules land)."""
    return []
