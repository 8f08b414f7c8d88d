"""Join a title-case list after "of" into one name: "Ministry of Health, Labour and Welfare".

A run of capitalised words stops at a comma, so a name whose head is followed by a list of
capitalised common words ("Year of Science, Technology and Innovation") would otherwise come
out as several pieces, each mislabelled.
"""

from __future__ import annotations

from wirereader.analysis.candidate import CONNECTORS, Candidate
from wirereader.analysis.cues import OF_HEADS, ORG_HEADS, TITLES
from wirereader.analysis.gazetteer import Lexicon
from wirereader.analysis.tokens import RUN_RE, split_run, word_before
from wirereader.models import Label

_HEAD_LINKS = frozenset({"of", "for", "on"})
_HEAD_WORDS = OF_HEADS | ORG_HEADS
# Lower-case nouns before "of" that make the listed theme an event: "the year of ...".
_EVENT_NOUNS = frozenset({"year", "day", "week", "month", "decade", "season"})
_MAX_ITEMS = 6


def extend_coordinated(text: str, last: Candidate, lex: Lexicon) -> Candidate | None:
    """`last` joined with the ", X, Y and Z" list right after it, or None when none belongs.

    The list belongs to the name only when the name hangs off "of", "for" or "on" (inside it,
    or just before it) and every listed word is a capitalised common word, not a name of its
    own: "China, Russia and India" stay three names.
    """
    if not _open_to_list(text, last, lex):
        return None
    tokens = list(last.words)
    pos = last.end
    for _ in range(_MAX_ITEMS):
        serial = text.startswith(", and ", pos)
        m = RUN_RE.match(text, pos + (6 if serial else 2))
        if m is None:
            return None
        item = split_run(m.group(), m.start())
        if not all(_plain_capitalised(t.text, lex) for t in item if t.text not in CONNECTORS):
            return None
        tokens.extend(item)
        if serial or any(t.text == "and" for t in item):
            return Candidate(last.start, m.end(), tokens, _cue(text, last))
        pos = m.end()
        if not text.startswith(", ", pos):
            return None
    return None


def _open_to_list(text: str, last: Candidate, lex: Lexicon) -> bool:
    """A name that can take a list: a head word and "of" before it, its last word plain.

    The head is inside the name ("Ministry of Health") or a period just before it ("the year
    of Russian-Chinese Scientific"); without one, a title-case headline could read as a name.
    """
    words = [t.text for t in last.words]
    if words[0] in TITLES or not _plain_capitalised(words[-1], lex):
        return False
    pairs = zip(words, words[1:], strict=False)
    if any(w in _HEAD_WORDS and nxt in _HEAD_LINKS for w, nxt in pairs):
        return True
    return _period_before(text, last.start)


def _plain_capitalised(word: str, lex: Lexicon) -> bool:
    """A capitalised common word ("Labour", "Media") that is not a listed name itself."""
    return (
        word[0].isupper()
        and (word.lower() in lex.common or word in ORG_HEADS)
        and lex.label_of(word) is None
    )


def _period_before(text: str, start: int) -> bool:
    """Whether "year of", "day of" or the like comes right before `start`."""
    return word_before(text, start) == "of" and word_before(text, start - 3) in _EVENT_NOUNS


def _cue(text: str, last: Candidate) -> Label | None:
    """MISC for the theme of a period ("the year of ... Cooperation"), else no cue."""
    return Label.MISC if _period_before(text, last.start) else None
