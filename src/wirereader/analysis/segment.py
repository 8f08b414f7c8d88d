"""Cut a run of capitalised words into candidate names."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from wirereader.analysis.candidate import CONNECTORS, Candidate, trim_connectors
from wirereader.analysis.connectors import split_connectors
from wirereader.analysis.cues import FUNCTION_WORDS, MONTHS_AND_DAYS, ORG_HEADS, PLACE_HEADS
from wirereader.analysis.gazetteer import Lexicon, lexicon
from wirereader.analysis.heads import head_label
from wirereader.analysis.memory import NameMemory
from wirereader.analysis.titles import ALL_TITLES, known_prefix, last_title, skip_title_phrase
from wirereader.analysis.tokens import Token, starts_sentence
from wirereader.models import Label

_ARTICLES = frozenset({"The", "A", "An"})
_PLACE_ACRONYMS = frozenset({"US", "U.S.", "UK", "U.K."})
_YEAR = re.compile(r"(?:19|20)\d\d$")
_APOSTROPHES = frozenset("'’")
_POSSESSIVES = ("'s", "’s")
# Participles after a hyphen that end a name but are missing from the common-word list.
_PARTICIPLES = frozenset({"born", "bred", "built", "run", "owned", "listed"})
_ROMAN = re.compile(r"[IVX]+")


def whole_name(text: str, run: str, start: int) -> int | None:
    """Where in the run found at `start` the one candidate `segment` would return begins.

    That is 0 for a run of plain capitalised words ("Artyom Lukin", "Standard Chartered" inside
    a sentence), past the article for "The Pakistan Cricket Board", and None when the run has
    something to drop, cut or split and `segment` must decide. Judged word by word from a
    cache, so most names skip segmentation and its look-ups of context and memory entirely.
    """
    words = run.split(" ")
    skip = 0
    if words[0] in _ARTICLES and len(words) > 1:
        skip = len(words[0]) + 1
        words = words[1:]
    first = _word_class(words[0])
    if first is _Place.INSIDE or first is _Place.NOWHERE:
        return None
    for word in words[1:]:
        if _word_class(word) is _Place.NOWHERE:
            return None
    if first is _Place.MID_SENTENCE and not skip and starts_sentence(text, start):
        return None
    return skip


class _Place(Enum):
    """Where a word may stand in a run that `segment` leaves whole."""

    NOWHERE = 0
    INSIDE = 1  # not first: a function word or nationality ("The", "American Alex Michelsen")
    MID_SENTENCE = 2  # first only inside a sentence: a dictionary word ("Analysts", "Far")
    ANYWHERE = 3


@lru_cache(maxsize=4096)
def _word_class(word: str) -> _Place:
    """Where `word` may stand in a run left whole: no date, title, connector, acronym or mark."""
    lex = lexicon()
    if (
        not word.isalpha()
        or word.isupper()
        or word in MONTHS_AND_DAYS
        or word in lex.not_names
        or word in ALL_TITLES
        or word in CONNECTORS
    ):
        return _Place.NOWHERE
    if word in FUNCTION_WORDS or word in lex.demonyms:
        return _Place.INSIDE
    if word.lower() in lex.common:
        return _Place.MID_SENTENCE
    return _Place.ANYWHERE


def segment(text: str, tokens: list[Token], lex: Lexicon, memory: NameMemory) -> list[Candidate]:
    """Cut one run into candidate names: drop noise words, titles and weak connectors."""
    out: list[Candidate] = []
    for piece in _break(tokens, lex):
        out.extend(_trim_and_split(text, piece, lex, memory))
    return out


def _break(tokens: list[Token], lex: Lexicon) -> list[list[Token]]:
    """Break a run at possessives, dates, non-names and shouted common words."""
    pieces: list[list[Token]] = [[]]
    for i, tok in enumerate(tokens):
        word = tok.text
        if word in MONTHS_AND_DAYS and not _month_in_name(tokens, i, pieces[-1], lex):
            pieces.append([])
            continue
        if word.isalpha() and not word.isupper():
            # The common case, a plain word or connector: only the non-name list applies.
            if word in lex.not_names:
                pieces.append([])
            else:
                pieces[-1].append(tok)
            continue
        noise = word in lex.not_names or (word.isupper() and _shouted_common(word, lex))
        # ... unless it ends a listed name: "Mistral AI".
        if noise and not (pieces[-1] and lex.label_of(f"{pieces[-1][-1].text} {word}")):
            pieces.append([])
            continue
        # A number ends a name ("Nikkei 225") unless it is first, inside, or a year.
        if word[0].isdigit() and (not pieces[-1] or i != len(tokens) - 1 or _YEAR.match(word)):
            pieces.append([])
            continue
        tail = word.rfind("-")
        if tail > 0 and word[tail + 1 :].islower() and _suffix_word(word[tail + 1 :], lex):
            # "Lagos-based": only "Lagos" is the name; "Jae-myung" stays whole.
            pieces[-1].append(Token(tok.start, tok.start + tail, word[:tail]))
            pieces.append([])
            continue
        if word[-1] in _APOSTROPHES or word.endswith(_POSSESSIVES) and len(word) > 2:
            cut = len(word) - (1 if word[-1] in _APOSTROPHES else 2)
            pieces[-1].append(Token(tok.start, tok.start + cut, word[:cut]))
            if not _joins_possessive(tokens, i, lex):
                pieces.append([])
            continue
        pieces[-1].append(tok)
    return [p for p in pieces if p]


def _suffix_word(tail: str, lex: Lexicon) -> bool:
    """An English word after a hyphen ("based", "led"), not a syllable of a Korean name."""
    return len(tail) > 2 and (tail in lex.common or tail in _PARTICIPLES)


def _month_in_name(tokens: list[Token], i: int, piece: list[Token], lex: Lexicon) -> bool:
    """A month or day word that is part of a name: "Theresa May", "Sun Yingsha", "Jun Young-hyun".

    A short form ("Sun", "Jun", "Mar") is a name when a capitalised word, not a date, follows.
    """
    word = tokens[i].text
    if word == "May" and _given_before(piece, lex):
        return True
    if len(word) > 4 or i + 1 == len(tokens):
        return False
    nxt = tokens[i + 1].text
    return nxt[0].isupper() and nxt not in MONTHS_AND_DAYS and nxt not in lex.not_names


def _shouted_common(word: str, lex: Lexicon) -> bool:
    """An all-capitals ordinary word, as in a shouted headline: "SEALS", "WITH", "AS"."""
    return (
        len(word) > 1
        and (word.lower() in lex.common or word.capitalize() in FUNCTION_WORDS)
        and word not in lex.exact
        and not _ROMAN.fullmatch(word)  # "Carlos III", "Charles II"
    )


def _given_before(piece: list[Token], lex: Lexicon) -> bool:
    return bool(piece) and piece[-1].text in lex.given


def _joins_possessive(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Keep "Peggy's Cove", "King's Fund" and "People's Bank of China" whole."""
    if i == len(tokens) - 1:
        return False
    if i == len(tokens) - 2 and tokens[-1].text in (PLACE_HEADS | ORG_HEADS):
        return True
    possessor = tokens[i].text.rstrip("'’s")
    return possessor.lower() in lex.common and lex.label_of(possessor) is None


def _trim_and_split(
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[Candidate]:
    piece = trim_connectors(piece)
    piece = _drop_leading_noise(text, piece, lex, memory)
    if not piece:
        return []
    out: list[Candidate] = []
    for part in split_connectors(text, piece, lex, memory):
        out.extend(_split_titled(part, lex))
    return out


def _split_titled(part: list[Token], lex: Lexicon) -> list[Candidate]:
    """Take titles off a name, and names glued before it ("US", "Brazilian")."""
    out: list[Candidate] = []
    cue: Label | None = None
    title_at = last_title(part, lex)
    if title_at is not None:
        out.extend(known_prefix(part[:title_at], lex))
        part = skip_title_phrase(part[title_at + 1 :], lex)
        cue = Label.PERSON
        if not part:
            return out
    if len(part) > 2 and part[0].text in _PLACE_ACRONYMS and part[-1].text in ORG_HEADS:
        out.append(Candidate(part[0].start, part[0].end, part[:1], None, Label.PLACE))
        part = part[1:]
    if len(part) > 1 and part[0].text in lex.demonyms and _glued_name(part[1:], lex):
        out.append(Candidate(part[0].start, part[0].end, part[:1], None, Label.MISC))
        part = part[1:]
    out.extend(_split_hyphen_pair(part, lex, cue))
    return out


def _glued_name(rest: list[Token], lex: Lexicon) -> bool:
    """After a nationality, a person's name: "American Alex Michelsen"."""
    words = [t.text for t in rest]
    return len(words) > 1 and words[0] in lex.given and head_label(words, lex) is None


def _drop_leading_noise(
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[Token]:
    """Drop "The", "However" and a sentence-initial common word that is not a name."""
    while piece:
        first = piece[0].text
        if first not in FUNCTION_WORDS and first.lower() not in lex.common:
            # The common case, "Vladimir" or "China": only a dictionary word can be noise.
            break
        if first in FUNCTION_WORDS and (first in _ARTICLES or not _known_start(piece, lex, memory)):
            piece = trim_connectors(piece[1:])
            continue
        if _known_start(piece, lex, memory):
            break
        if (
            first.lower() in lex.common
            and first not in lex.given
            and (starts_sentence(text, piece[0].start) or first.isupper())
            and (_is_lone(piece) or _starts_person_or_org(piece[1:], lex, memory))
        ):
            piece = trim_connectors(piece[1:])
            continue
        break
    return piece


def _is_lone(piece: list[Token]) -> bool:
    """One word, maybe followed by a connector or a number only."""
    return len(piece) == 1 or piece[1].text in CONNECTORS or piece[1].text[0].isdigit()


def _starts_person_or_org(piece: list[Token], lex: Lexicon, memory: NameMemory) -> bool:
    """After a capitalised role noun ("Stallholder", "Developer"): a person or a company."""
    if piece[0].text in lex.given and len(piece) > 1:
        return True
    words = [t.text for t in piece]
    return memory.recall(" ".join(words)) is Label.PERSON or (
        len(words) > 1 and words[-1] in ORG_HEADS
    )


def _known_start(piece: list[Token], lex: Lexicon, memory: NameMemory) -> bool:
    """Whether a listed or remembered name, or a person's given name, opens the piece."""
    if not piece:
        return False
    if piece[0].text in lex.given and len(piece) > 1:
        return True
    longest = min(len(piece), 4) if piece[0].text in lex.first_words else 1
    for j in range(longest, 0, -1):
        name = " ".join(t.text for t in piece[:j])
        if (lex.label_of(name) is not None and (j > 1 or name not in FUNCTION_WORDS)) or (
            memory.recall(name) is not None
        ):
            return True
    return False


def _split_hyphen_pair(piece: list[Token], lex: Lexicon, cue: Label | None) -> list[Candidate]:
    """`China-Russia` and `Russian-Chinese` are two names each when every part is known."""
    if len(piece) == 1 and "-" in piece[0].text:
        tok = piece[0]
        parts = tok.text.split("-")
        labels = [lex.label_of(p) for p in parts]
        if all(lab in (Label.PLACE, Label.MISC) for lab in labels):
            out, offset = [], tok.start
            for part, label in zip(parts, labels, strict=True):
                sub = Token(offset, offset + len(part), part)
                out.append(Candidate(sub.start, sub.end, [sub], None, label))
                offset = sub.end + 1
            return out
    return [Candidate(piece[0].start, piece[-1].end, piece, cue)]
