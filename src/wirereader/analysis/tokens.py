"""Find runs of capitalised words, the raw candidates for names, with one regex pass."""

from __future__ import annotations

import re
from typing import NamedTuple

from wirereader.analysis.cues import PARTICLES

# Upper-case letters of the Latin, Greek and Cyrillic scripts (Python's re has no \p{Lu}).
_UP = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())
_UPC = f"[{re.escape(_UP)}]"
_W = r"[^\W_]"

_WORD = (
    rf"(?:{_UPC}\.){{2,}}"  # dotted acronyms: U.S., U.K.
    rf"|(?:Co|Inc|Ltd|Corp|Jr|Sr|St|Mt|Bros)\."
    rf"|{_UPC}\.(?= {_UPC})"  # an initial before another capitalised word
    rf"|(?:al|el)-{_UPC}{_W}*|d['’]{_UPC}{_W}*"
    rf"|[ie]{_UPC}{_W}*"  # iPhone, eBay
    rf"|{_UPC}{_W}*(?:['’]{_W}+)*(?:-(?:{_UPC}|\d)[\w'’]*)*(?:&{_UPC}{_W}*)?(?:-[a-z]{{1,5}})?"
)
_WORD_END = r"(?![\w$]|[.,]\d)"
_CONNECTOR = "|".join(["of the", "of", "for", "and", "on", "&", *sorted(PARTICLES)])
_NUMBER = r"\d{1,4}(?![\w.,:/%-]\d|[\w%])"

# Every word opens with a capital or one of "al-", "el-", "d'", "iPhone", "eBay": checking that
# first lets the scan skip most positions before it tries the word alternatives.
_OPENING = f"(?=[{re.escape(_UP)}adei])"

RUN_RE = re.compile(
    rf"{_OPENING}(?<![\w'’°])"
    rf"(?:{_WORD}){_WORD_END}(?:(?: (?:{_CONNECTOR}))* (?:{_WORD}){_WORD_END})*"
    rf"(?: {_NUMBER})?"
)

_OPENERS = frozenset(".!?:;\n•|")
_new_tuple = tuple.__new__


class Token(NamedTuple):
    """One word, connector or number inside a run, with its offsets in the text."""

    start: int
    end: int
    text: str


def split_run(run: str, start: int) -> list[Token]:
    """The tokens of a run found at `start`; RUN_RE joins them with single spaces only."""
    if " " not in run:
        return [Token(start, start + len(run), run)]
    tokens = []
    for word in run.split(" "):
        end = start + len(word)
        # tuple.__new__ skips NamedTuple's Python-level __new__: half the cost per token.
        tokens.append(_new_tuple(Token, (start, end, word)))
        start = end + 1
    return tokens


def starts_sentence(text: str, pos: int) -> bool:
    """True when nothing but opening punctuation separates `pos` from a sentence start."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0“\"‘'(":
        if text[i] in "“\"‘'(" and (i == 0 or text[i - 1] in " \n\t"):
            return True
        i -= 1
    return i < 0 or text[i] in _OPENERS


def word_before(text: str, pos: int) -> str:
    """The lower-case word right before `pos` (skipping one space), or ''."""
    end = pos - 1 if pos and text[pos - 1] == " " else pos
    word = text[text.rfind(" ", 0, end) + 1 : end]
    if word.isalpha():
        # The common case, a plain word after a space: no need to walk it letter by letter.
        return word.lower()
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return text[start:end].lower()


def word_after(text: str, pos: int) -> str:
    """The word right after `pos` (skipping one space), or ''."""
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


_NEXT_WORD = re.compile(r"[ ,]?([\w-]*)")
