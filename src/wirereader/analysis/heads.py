"""Labels that a name's own head words give ("... University", "Lake ...", "Bank of ...")."""

from __future__ import annotations

from wirereader.analysis.candidate import CONNECTORS
from wirereader.analysis.cues import (
    MISC_HEADS,
    MISC_STARTS,
    OF_HEADS,
    OF_MISC,
    OF_PLACES,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_QUALIFIERS,
    PLACE_STARTS,
)
from wirereader.analysis.gazetteer import Lexicon
from wirereader.models import Label

_LINKS = frozenset({"of", "for", "on"})


def head_label(words: list[str], lex: Lexicon) -> Label | None:
    """The label a name's head word gives: its last word, or the word before "of"."""
    if len(words) < 2:
        return None
    last, first = words[-1], words[0]
    if last in ORG_HEADS:
        return Label.ORG
    if last in PLACE_HEADS or first in PLACE_STARTS:
        return Label.PLACE
    if first in MISC_STARTS or last in MISC_HEADS:
        return Label.MISC
    for word, nxt in zip(words, words[1:], strict=False):
        if nxt in _LINKS and (word in OF_HEADS or word in ORG_HEADS):
            if word in OF_PLACES:
                return Label.PLACE
            return Label.MISC if word in OF_MISC or word in MISC_HEADS else Label.ORG
    if first in PLACE_QUALIFIERS:
        rest = " ".join(w for w in words[1:] if w not in CONNECTORS)
        if lex.label_of(rest) is Label.PLACE:
            return Label.PLACE
    return None
