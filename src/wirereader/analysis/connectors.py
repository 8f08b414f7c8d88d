"""Decide whether "and", "of", "for" and "on" join one name or separate two."""

from __future__ import annotations

import re

from wirereader.analysis.candidate import CONNECTORS, trim_connectors
from wirereader.analysis.cues import MISC_HEADS, OF_HEADS, ORG_HEADS, PLACE_HEADS, TITLES
from wirereader.analysis.gazetteer import Lexicon
from wirereader.analysis.memory import NameMemory
from wirereader.analysis.tokens import Token

ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Za-z&.]*[A-Z])\)")
_SPLITTERS = frozenset({"and", "of", "for", "on"})
_LINKS_BEFORE_AND = frozenset({"of", "for", "Against", "For", "Of", "On", "Without", "With"})


def split_connectors(
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[list[Token]]:
    """Split at "and", "of", "for", "on" unless they sit inside one organisation's name."""
    if not piece:
        return []
    if not any(t.text in _SPLITTERS for t in piece):
        # Nothing to split at, and the caller has already trimmed the ends: the common case.
        return [piece]
    whole = " ".join(t.text for t in piece)
    if lex.label_of(whole) is not None or memory.recall(whole) is not None:
        return [piece]
    # A name spelt out before its acronym is one name: "Alternative for Germany (AfD)".
    m = ACRONYM_AFTER.match(text, piece[-1].end)
    if m and m.group(1)[0] == whole[0]:
        return [piece]
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(piece):
        if tok.text in _SPLITTERS and not _joins(piece, i, lex):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in (trim_connectors(p) for p in parts) if p]


def _joins(piece: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether connector `piece[i]` belongs inside the name it stands in."""
    word = piece[i].text
    left = piece[i - 1].text
    last = piece[-1].text
    if word in {"of", "for"} and left in TITLES:
        return True
    if word == "of":
        return left in OF_HEADS or left in ORG_HEADS or left in PLACE_HEADS or left in MISC_HEADS
    if word == "and":
        if lex.label_of(left) is not None or lex.label_of(_segment_after(piece, i)) is not None:
            return False
        # "of" or a capitalised preposition before it: "Global Alliance Against Hunger and Poverty".
        if any(t.text in _LINKS_BEFORE_AND for t in piece[1:i]):
            return True
        # "Food and Drug Administration" is one body; "Rolls-Royce and BAE Systems" are two.
        return last in ORG_HEADS and _plain_words_before(piece, i, lex)
    return left in ORG_HEADS or last in ORG_HEADS


def _segment_after(piece: list[Token], i: int) -> str:
    """The words after connector `piece[i]` up to the next connector."""
    words = []
    for tok in piece[i + 1 :]:
        if tok.text in CONNECTORS:
            break
        words.append(tok.text)
    return " ".join(words)


def _plain_words_before(piece: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether an ordinary dictionary word stands among the words before `piece[i]`."""
    for tok in reversed(piece[:i]):
        if tok.text in CONNECTORS:
            break
        if tok.text.lower() in lex.common:
            return True
    return False
