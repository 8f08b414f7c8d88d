"""A candidate name: a stretch of capitalised tokens and what is known about it so far."""

from __future__ import annotations

from dataclasses import dataclass

from wirereader.analysis.cues import PARTICLES
from wirereader.analysis.tokens import Token
from wirereader.models import Label

CONNECTORS = frozenset({"of", "the", "for", "and", "on", "&"}) | PARTICLES


@dataclass(slots=True)
class Candidate:
    """Offsets, tokens, a cue from the words around it, and the label once decided."""

    start: int
    end: int
    words: list[Token]
    cue: Label | None = None
    label: Label | None = None
    after: str = ""  # the next word, filled in once the candidate is accepted


def trim_connectors(piece: list[Token]) -> list[Token]:
    """Drop connectors at either end: "of", "and", "the", particles."""
    start, end = 0, len(piece)
    while start < end and piece[start].text in CONNECTORS:
        start += 1
    while end > start and (piece[end - 1].text in CONNECTORS):
        end -= 1
    return piece[start:end]
