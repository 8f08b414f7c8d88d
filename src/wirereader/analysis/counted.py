"""Where a QUANTITY ends: its unit, or the counted noun phrase that directly follows the number.

The convention, read off the dev gold: a QUANTITY takes the noun phrase after its number up to
and including the first plural head noun, with at most two lowercase modifiers before it —
`800 events`, `1,200 tanker trucks`, `two stolen bases`, `1.79 million square kilometres`.
It stops before anything that is not part of that phrase: a function word (`28 of their 34
matches` gives `28`), a capitalised word (a name between number and noun: `17 African
countries` gives `17`), punctuation, or a rate (`2.5 million transactions a day`). A unit of
measure ends the span at once, so `the 1.8 kg aircraft` gives `1.8 kg`; a duration may chain
(`3 minutes 51.29 seconds`). Without a plural noun the number stands alone (`7.42 million`).
"""

from __future__ import annotations

import re

from wirereader.analysis.numbers import DIGITS, TIME_UNIT, UNIT, word_set

_UNIT_RE = re.compile(rf"[^\S\n]?(?:{UNIT})")
_DURATION_RE = re.compile(rf"(?:[^\S\n]+(?:{DIGITS})[^\S\n]+(?:{TIME_UNIT})\b)+")
_TIME_UNIT_RE = re.compile(rf"(?:{TIME_UNIT})$")
_NEXT_WORD = re.compile(r"[^\S\n]+([a-z](?:[a-z'’-]*[a-z])?)(?![\w-]|['’]\w)")

MAX_MODIFIERS = 2

STOP_WORDS = word_set(
    """a an the this that these those its it his her their our your my we they he she you i
    of in on at to for from by with as into onto over under above below after before since until
    till during through throughout between among against about around across along within
    without per via than and or but nor so yet if then while when where which who whom whose
    what whether because though although
    is are was were be been being am has have had do does did will would shall should can could
    may might must not no also only just still even ever again already almost nearly more most
    less least fewer each every all both either neither some any other another such same own
    last next first later earlier ago apiece alone altogether too very much many several
    cent percent times"""
)
"""Words that end a counted noun phrase before its head, whatever follows them."""

IRREGULAR_PLURALS = word_set(
    """people children men women police staff personnel cattle sheep fish deer aircraft
    spacecraft feet teeth mice geese data media offspring livestock"""
)


def unit_end(text: str, end: int) -> int | None:
    """End of a unit directly after the number ending at `end`, chaining durations; else None."""
    m = _UNIT_RE.match(text, end)
    if m is None:
        return None
    stop = m.end()
    if _TIME_UNIT_RE.search(m.group()):
        chained = _DURATION_RE.match(text, stop)
        if chained is not None:
            stop = chained.end()
    return stop


def counted_noun_end(text: str, end: int) -> int | None:
    """End of the counted noun phrase after the number ending at `end`, or None if there is none."""
    pos = end
    for _ in range(MAX_MODIFIERS + 1):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return None
        word = m.group(1)
        if word in STOP_WORDS or word.endswith("ly"):
            return None
        if is_plural_noun(word):
            return m.end(1)
        pos = m.end()
    return None


def is_plural_noun(word: str) -> bool:
    """A rough test for a plural noun: `-s` but not `-ss`, `-us`, `-is`, `-ous`, or irregular."""
    if word in IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )
