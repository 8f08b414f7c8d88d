"""What stands just before a figure: a weekday, a currency, or a word making a number a label."""

from __future__ import annotations

import re

from wirereader.analysis.numbers import CODE_PREFIX, SIGN_PREFIX, WEEKDAY, word_set

_WEEKDAY_BEFORE = re.compile(rf"{WEEKDAY},?[^\S\n]+$")
_SIGN_PREFIX = re.compile(SIGN_PREFIX)
_CODE_PREFIX = re.compile(CODE_PREFIX)
_WORD_BEFORE = re.compile(r"(\S+)[^\S\n]+$")
_APPROXIMATOR_PREFIX = re.compile(r"(?i:mid|early|late|pre|post)[-–]$")
_MAY_BEFORE = re.compile(r"(\w+)[^\S\n]*-?[^\S\n]*$")

NUMBERING_WORDS = word_set(
    """no no. nos. nr. # page pages p. pp. chapter article section paragraph clause item
    number verse flight route room gate platform phase stage round version episode grade
    category tier exit junction highway lane seat row"""
)
"""Words after which a number only numbers something (`No. 3`, `page 4`): not a figure."""

OPEN_WORDS = word_set(
    """a an the about above across after against almost among and around as at before below
    between beyond by despite during each every except for from in including inside into just
    less like more near nearly of off on only or out outside over past per plus since some than
    that these this those through to toward towards under until up upon versus via when while
    with within without but yet so its his her their our your all both roughly approximately
    another exactly fully barely least most top early late mid circa spring summer autumn
    winter fall"""
)
"""Capitalised at a sentence start, these still let the number after them be a figure."""

CALENDAR_WORDS = word_set(
    """January February March April May June July August September October November December
    Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct Oct.
    Nov Nov. Dec Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
_MAY_CUES = word_set(
    """in since by until till from of early late mid last next this during before after through
    throughout to between"""
)


def weekday_start(text: str, start: int) -> int:
    """Where a date begins once a weekday attached to it is included: `Monday, Apr 19, 2021`."""
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
    return start if m is None else m.start()


def sign_prefix_start(text: str, sign: int) -> int:
    """Where an amount begins once letters that narrow its sign are included: `US$`, `GH₵`."""
    m = _SIGN_PREFIX.search(text, max(0, sign - 5), sign)
    return sign if m is None else m.start()


def code_prefix_start(text: str, digits: int) -> int | None:
    """Start of a currency written just before the digits (`KSh 42`, `AED 522`, `R1.2`), if any."""
    if digits == 0 or text[digits - 1].isdigit():
        return None
    m = _CODE_PREFIX.search(text, max(0, digits - 5), digits)
    return None if m is None else m.start()


def closes_hyphen_range(text: str, start: int) -> bool | None:
    """True after `10-`, False for a free number, None inside a model or name (`COVID-19`)."""
    if start == 0 or text[start - 1] not in "-–":
        return False
    if _APPROXIMATOR_PREFIX.search(text, max(0, start - 6), start):
        return False
    if start >= 2 and text[start - 2].isdigit():
        return True
    return None


def names_something(text: str, start: int) -> bool:
    """Whether the word before makes the number part of a label: `No. 3`, `Nikkei 225`, `F-35`.

    A word with a capital letter that is not a sentence-opening function word, a month or a
    possessive means the number belongs to a name or model ("Vision 2030", "iPhone 15").
    """
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return start > 0 and text[start - 1] in "#:/.,"
    word = m.group(1)
    lowered = word.lower()
    if lowered in NUMBERING_WORDS:
        return True
    if word == lowered or word in CALENDAR_WORDS or lowered in OPEN_WORDS:
        return False
    return not word.endswith(("'s", "’s", "s'", "s’")) and word[-1].isalnum()


def may_is_month(text: str, start: int) -> bool:
    """`May` alone is the month only after a calendar cue ("in May", "mid-May"), not a verb."""
    m = _MAY_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in _MAY_CUES
