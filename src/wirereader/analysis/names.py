"""Name recognition: people, organisations, places and other names."""

from __future__ import annotations

import re
from functools import lru_cache

from wirereader.analysis.candidate import Candidate
from wirereader.analysis.connectors import ACRONYM_AFTER
from wirereader.analysis.coordination import extend_coordinated
from wirereader.analysis.cues import CURRENCY_NOUNS, DISEASE_NOUNS, FUNCTION_WORDS, MONTHS_AND_DAYS
from wirereader.analysis.gazetteer import Lexicon, lexicon
from wirereader.analysis.labels import strong_label, weak_labels
from wirereader.analysis.memory import NameMemory
from wirereader.analysis.segment import segment, whole_name
from wirereader.analysis.tokens import RUN_RE, Token, split_run, word_after
from wirereader.models import Label, Span

__all__ = ["NameMemory", "find_names"]

_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|bn|m)) $")
_NEVER_ALONE = FUNCTION_WORDS | MONTHS_AND_DAYS
_WORD_CACHE = 4096  # distinct capitalised words remembered: well under a megabyte


def find_names(text: str, memory: NameMemory) -> list[Span]:
    """Return the names in `text`, learning confident ones into `memory` for later texts."""
    lex = lexicon()
    candidates: list[Candidate] = []
    joined_to = 0  # end of a list joined onto a name; the runs before it are inside that name
    for m in RUN_RE.finditer(text):
        run = m.group()
        if run in _NEVER_ALONE or m.start() < joined_to or _date_run(run):
            continue
        if _plain_known_word(run, lex, memory):
            # The common case, "China" or "Huawei": segmenting would return it unchanged.
            found = [Candidate(m.start(), m.end(), [Token(m.start(), m.end(), run)])]
        elif (skip := whole_name(text, run, m.start())) is not None:
            start = m.start() + skip
            found = [Candidate(start, m.end(), split_run(run[skip:], start))]
        else:
            found = segment(text, split_run(run, m.start()), lex, memory)
        end = m.end()
        if found and text.startswith(", ", end) and text[end + 2 : end + 3].isupper():
            joined = extend_coordinated(text, found[-1], lex) if found[-1].end == end else None
            if joined is not None:
                found[-1] = joined
                joined_to = joined.end
        for cand in found:
            if _is_candidate(text, cand, lex):
                candidates.append(cand)
    for cand in candidates:
        if cand.label is None:
            cand.label = strong_label(text, cand, lex, memory)
            if cand.label is not None:
                _learn(text, cand, lex, memory)
    weak_labels(text, [c for c in candidates if c.label is None], lex, memory)
    return [Span(c.start, c.end, c.label) for c in candidates if c.label is not None]


def _date_run(run: str) -> bool:
    """A month or day and a number ("Apr 19", "March 2025"): a figure, never a name."""
    first, _, rest = run.partition(" ")
    return first in MONTHS_AND_DAYS and rest.isdigit()


def _plain_known_word(run: str, lex: Lexicon, memory: NameMemory) -> bool:
    """One listed or remembered word with no hyphen, apostrophe, digit or shouting."""
    return _plain_listed_word(run) or (_plain_word(run) and memory.recall(run) is not None)


@lru_cache(maxsize=_WORD_CACHE)
def _plain_word(run: str) -> bool:
    """One word with no hyphen, apostrophe, digit or shouting that is not a listed non-name.

    Cached per word: the same names recur from paragraph to paragraph, and the checks are
    many for one lookup.
    """
    lex = lexicon()
    return (
        run[0].isalpha()
        and " " not in run
        and "-" not in run
        and "'" not in run
        and "’" not in run
        and (not run.isupper() or run in lex.exact)
        and run not in lex.not_names
    )


@lru_cache(maxsize=_WORD_CACHE)
def _plain_listed_word(run: str) -> bool:
    """A plain word (see `_plain_word`) that the gazetteer lists."""
    return _plain_word(run) and lexicon().label_of(run) is not None


def _is_candidate(text: str, cand: Candidate, lex: Lexicon) -> bool:
    """False for diseases ("Marburg virus"), currencies ("Danish crowns") and bare numbers."""
    after = cand.after = word_after(text, cand.end)
    if after in DISEASE_NOUNS or not cand.words[0].text[0].isalpha():
        return False
    if after in CURRENCY_NOUNS and _AMOUNT_BEFORE.search(text, 0, cand.start):
        return lex.label_of(text[cand.start : cand.end]) not in (Label.MISC, Label.PLACE)
    return True


def _learn(text: str, cand: Candidate, lex: Lexicon, memory: NameMemory) -> None:
    """Remember a confident name, and an acronym given for it in brackets."""
    assert cand.label is not None
    name = text[cand.start : cand.end]
    if cand.label is Label.PERSON and len(cand.words) > 1:
        memory.remember(name, cand.label, cand.words[0].text in lex.east_asian_surnames)
    elif cand.label is not Label.PERSON and lex.exact.get(name) is not cand.label:
        # A name listed with this very label needs no memory: the gazetteer answers for it.
        memory.remember(name, cand.label)
    if text.startswith(" (", cand.end):
        m = ACRONYM_AFTER.match(text, cand.end)
        if m:
            memory.remember(m.group(1), cand.label)
