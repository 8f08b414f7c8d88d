"""Entity and figure recognition: pure functions from text to labelled spans."""

from __future__ import annotations

from collections.abc import Sequence

from wirereader.analysis.recogniser import RECOGNISER_VERSION, annotate_document
from wirereader.models import Label, Span

__all__ = ["RECOGNISER_VERSION", "Label", "Span", "annotate", "annotate_document"]


def annotate(text: str) -> Sequence[Span]:
    """Return the names and figures in one text, sorted and non-overlapping."""
    return annotate_document([text])[0]
