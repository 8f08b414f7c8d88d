"""Figure recognition: money, percentages, dates and quantities, as the guidelines define them.

Two fast regex scans find where a figure can start — a digit or currency sign, or a month or
number word — and an anchored regex at each such place reads the figure itself. Python runs
once per candidate, never per word, so the recogniser keeps pace with the scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirereader.analysis.counted import counted_noun_end, unit_end
from wirereader.analysis.figure_context import (
    closes_hyphen_range,
    code_prefix_start,
    may_is_month,
    names_something,
    sign_prefix_start,
    weekday_start,
)
from wirereader.analysis.numbers import (
    AMBIGUOUS_CURRENCY,
    CENTURY,
    CURRENCY_CODE,
    CURRENCY_SIGN,
    CURRENCY_WORD,
    DAY,
    DIGITS,
    MONTH,
    MONTH_ABBREVIATION,
    MONTH_NAME,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SCALE,
    WORD_NUMBER,
    YEAR,
    trie_pattern,
)
from wirereader.models import Label, Span

_DIGIT_TRIGGER = re.compile(rf"[\d{CURRENCY_SIGN[1:-1]}][\w.,]*")
_TRIGGER_WORDS = [
    *"|".join([MONTH_NAME, MONTH_ABBREVIATION, ORDINAL_WORDS]).split("|"),
    *NUMBER_WORDS.split(),
    *NUMBER_WORDS.title().split(),
]
# Checking the possible first letters before the trie lets the scan pass most words quickly.
_TRIGGER_FIRSTS = "".join(sorted({w[0] for w in _TRIGGER_WORDS}))
_WORD_TRIGGER = re.compile(rf"\b(?=[{_TRIGGER_FIRSTS}]){trie_pattern(_TRIGGER_WORDS)}\b")
_YEAR_RANGE = r"(?:1[5-9]|20)\d{2}[-–/](?:\d{2}|(?:1[5-9]|20)\d{2})(?![\w%]|[.,]\d)"
_AT_DIGIT = re.compile(
    rf"(?P<day>\b{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?)"
    rf"|(?P<date>\d{{4}}-\d{{2}}-\d{{2}}\b|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th){CENTURY}|\d{{1,4}}\s?(?:AD|BC|BCE|CE)\b|\d{{3}}0s\b)"
    rf"|(?P<years>{_YEAR_RANGE})"
    rf"|(?P<money>{CURRENCY_SIGN}\s?{DIGITS}(?:{SCALE})?)"
    rf"|(?P<number>(?<!\w)(?:{DIGITS})(?:{SCALE})?)"
)
_AT_WORD = re.compile(
    rf"(?P<day>{MONTH}\s+{DAY}(?:,?\s+{YEAR})?)|(?P<date>{MONTH},?\s+{YEAR}|(?:{ORDINAL_WORDS}){CENTURY})"
    rf"|(?P<month>(?:{MONTH_NAME})\b)|(?P<number>{WORD_NUMBER}(?:{SCALE})?)"
)
_AMOUNT = re.compile(rf"(?:{DIGITS})(?P<scale>{SCALE})?")
_PERCENT = re.compile(
    r"[^\S\n]?(?:%|(?i:per[^\S\n]?cent|percent|pct|percentage[\s-]points?|basis\s+points?|bps)\b)"
)
_CURRENCY_AFTER = re.compile(
    rf"(?P<nation>(?:\s+[A-Z][\w.]*){{0,2}}?)\s+(?P<currency>{CURRENCY_WORD})\b"
    rf"|[^\S\n]?(?:{CURRENCY_CODE})\b|p(?!\w)"
)
_NOT_A_COUNT = re.compile(
    r"[^\S\n]?(?:[ap]\.?m\.?(?!\w)|[AP]M\b|GMT\b|UTC\b|o['’]clock\b)"  # a time of day
    r"|[:/]\d"  # 10:30, 24/7, 1/2
    r"|[^\S\n]*(?:-fold\b|times\b|x\b)"  # a multiplier
)
_HYPHEN = re.compile(r"[-–](?:(?=\d)|(?P<word>[A-Za-z]))")
_HYPHEN_UNIT = re.compile(
    r"-(?:year|month|week|day|hour|minute|second|decade|century|mile|km|kg|tonne|ton"
    r"|(?:kilo|centi|milli)?met(?:re|er))(?:-old)?\b"
)
_GLUED_LETTER = re.compile(r"[A-Za-z]")
_YEAR_SHAPE = re.compile(r"1\d{3}|20\d{2}")
_SCALED = re.compile(rf"(?:{SCALE})$")
_RANGE_GAP = re.compile(r"[^\S\n]*(?:(?P<word>and|to|or)|[-–])[^\S\n]*")
_BETWEEN_BEFORE = re.compile(r"\bbetween[^\S\n]+$")
_DATE_BAND = range(1900, 2040)
"""Years a plural noun after does not turn into a count: `2024 elections` stays a DATE."""


@dataclass(slots=True)
class _Found:
    """A figure before range sharing: `bare` is a number alone, `opens_range` one before "-"."""

    start: int
    end: int
    label: Label
    bare: bool = False
    opens_range: bool = False


def find_figures(text: str) -> list[Span]:
    """Return the money, percent, date and quantity spans of `text`, sorted and disjoint."""
    hits = [(m.start(), False) for m in _DIGIT_TRIGGER.finditer(text)]
    words = [(m.start(), True) for m in _WORD_TRIGGER.finditer(text)]
    if words:
        hits = sorted(hits + words)
    found: list[_Found] = []
    done = 0
    for pos, by_word in hits:
        if pos < done:
            continue
        figure = _at_word(text, pos) if by_word else _at_digit(text, pos)
        if figure is not None and figure.start >= done:
            found.append(figure)
            done = figure.end
    return [Span(f.start, f.end, f.label) for f in _share_range_units(text, found)]


def _at_digit(text: str, pos: int) -> _Found | None:
    """The figure starting at a digit or currency sign, widened over any prefix it has."""
    code = code_prefix_start(text, pos) if text[pos].isdigit() else None
    if code is not None:
        return _coded_amount(text, code, pos)
    m = _AT_DIGIT.match(text, pos)
    if m is None:
        return None
    kind = m.lastgroup
    if kind == "day":
        return _Found(weekday_start(text, pos), m.end(), Label.DATE)
    if kind == "date":
        return _Found(pos, m.end(), Label.DATE)
    if kind == "years":
        return _year_range(m)
    if kind == "money":
        return _Found(sign_prefix_start(text, pos), m.end(), Label.MONEY)
    return _number(text, pos, m.end())


def _at_word(text: str, pos: int) -> _Found | None:
    """The figure starting at a month name or a number word."""
    m = _AT_WORD.match(text, pos)
    if m is None:
        return None
    kind = m.lastgroup
    if kind == "day":
        return _Found(weekday_start(text, pos), m.end(), Label.DATE)
    if kind == "date":
        return _Found(pos, m.end(), Label.DATE)
    if kind == "month":
        return (
            _Found(pos, m.end(), Label.DATE)
            if m.group() != "May" or may_is_month(text, pos)
            else None
        )
    return _number(text, pos, m.end())


def _coded_amount(text: str, start: int, digits: int) -> _Found | None:
    """`KSh 42.7 billion`; a bare `R` is a rand only with a scale or a formatted amount."""
    m = _AMOUNT.match(text, digits)
    if m is None:
        return None
    if text[start:digits] == "R" and m.group("scale") is None and not re.search("[.,]", m.group()):
        return None
    return _Found(start, m.end(), Label.MONEY)


def _year_range(m: re.Match[str]) -> _Found | None:
    """`2023-24` or `1990–2010` is one DATE; a pair that does not run forward is no figure."""
    first, _, second = re.split("([-–/])", m.group(), maxsplit=1)
    tail = int(second) if len(second) == 4 else int(first[:2] + second)
    if int(first) < tail <= int(first) + 100:
        return _Found(m.start(), m.end(), Label.DATE)
    return None


def _number(text: str, start: int, end: int) -> _Found | None:
    """Label a number from its neighbours and extend it over its unit or counted noun."""
    continues_range = closes_hyphen_range(text, start)
    if continues_range is None or _NOT_A_COUNT.match(text, end):
        return None
    figure = _rate_or_amount(text, start, end)
    if figure is None:
        if names_something(text, start):
            return None
        figure = _measure(text, start, end)
    if figure is not None and continues_range and figure.bare:
        return None
    return figure


def _rate_or_amount(text: str, start: int, end: int) -> _Found | None:
    """`15%`, `3 percentage points`, `400 million yuan`, `58.2 billion Danish crowns`."""
    percent = _PERCENT.match(text, end)
    if percent is not None:
        return _Found(start, percent.end(), Label.PERCENT)
    m = _CURRENCY_AFTER.match(text, end)
    if m is None:
        return None
    currency = m.group("currency")
    ambiguous = currency is not None and currency.lower() in AMBIGUOUS_CURRENCY
    if ambiguous and not m.group("nation") and not _SCALED.search(text, start, end):
        return None  # "three crowns", "5 pounds" of weight
    return _Found(start, m.end(), Label.MONEY)


def _measure(text: str, start: int, end: int) -> _Found | None:
    """A quantity with its unit or counted noun, a year, or a bare count."""
    hyphen = _HYPHEN.match(text, end)
    if hyphen is not None:
        return _hyphenated(text, start, end, hyphen)
    stop = unit_end(text, end)
    if stop is None and _GLUED_LETTER.match(text, end):
        return None  # 5G, 2Africa, 17th: a model, a name or an ordinal
    number = text[start:end]
    if stop is not None:
        if number.lower() == "one" and text[end:stop].strip() == "day":
            return None
        return _Found(start, stop, Label.QUANTITY)
    noun_end = counted_noun_end(text, end)
    if _YEAR_SHAPE.fullmatch(number) and (noun_end is None or int(number) in _DATE_BAND):
        return _Found(start, end, Label.DATE)
    if noun_end is not None:
        return _Found(start, noun_end, Label.QUANTITY)
    if number.lower() == "one":
        return None
    return _Found(start, end, Label.QUANTITY, bare=True)


def _hyphenated(text: str, start: int, end: int, hyphen: re.Match[str]) -> _Found | None:
    """`10-15 per cent` opens a range; `10-year`, `45-year-old` are QUANTITY; `two-way` nothing."""
    if hyphen.group("word") is None:
        return _Found(start, end, Label.QUANTITY, bare=True, opens_range=True)
    unit = _HYPHEN_UNIT.match(text, end)
    return None if unit is None else _Found(start, unit.end(), Label.QUANTITY)


def _share_range_units(text: str, found: list[_Found]) -> list[_Found]:
    """`between 40 and 75 per cent`: a bare number takes the label of the figure ending a range."""
    kept: list[_Found] = []
    for i, figure in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        joined = after is not None and _ranges_to(text, figure, after)
        if joined and figure.bare and after is not None and not after.bare:
            figure.label = after.label
        if figure.opens_range and not joined:
            continue
        kept.append(figure)
    return kept


def _ranges_to(text: str, first: _Found, second: _Found) -> bool:
    gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
    if gap is None:
        return False
    window = max(0, first.start - 12)
    return (
        gap.group("word") != "and" or _BETWEEN_BEFORE.search(text, window, first.start) is not None
    )
