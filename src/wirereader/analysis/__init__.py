"""Entity and figure recognition: pure functions from text to labelled spans.

The recogniser's patterns and word lists (~0.1 s to load) load on first use, so importing a
light sibling such as `analysis.entities` does not slow the app's start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wirereader.models import Label, Span

if TYPE_CHECKING:
    from wirereader.analysis.recogniser import RECOGNISER_VERSION, annotate_document

__all__ = ["RECOGNISER_VERSION", "Label", "Span", "annotate", "annotate_document"]


def annotate(text: str) -> Sequence[Span]:
    """Return the names and figures in one text, sorted and non-overlapping."""
    from wirereader.analysis.recogniser import annotate_document

    return annotate_document([text])[0]


def __getattr__(name: str) -> Any:
    if name in ("RECOGNISER_VERSION", "annotate_document"):
        from wirereader.analysis import recogniser

        return getattr(recogniser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
