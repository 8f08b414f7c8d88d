"""Name recognition: people, organisations, places and other names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wirereader.analysis.cues import (
    FUNCTION_WORDS,
    MISC_HEADS,
    MONTHS_AND_DAYS,
    OF_HEADS,
    ORG_HEADS,
    PARTICLES,
    PLACE_HEADS,
    ROLE_WORDS,
    SAYING_VERBS,
    TITLES,
)
from wirereader.analysis.gazetteer import Lexicon, lexicon
from wirereader.analysis.tokens import (
    RUN_RE,
    Token,
    split_run,
    starts_sentence,
    word_after,
    word_before,
)
from wirereader.models import Label, Span

_CONNECTORS = frozenset({"of", "of the", "for", "and", "on", "&"}) | PARTICLES
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Za-z&.]*[A-Z])\)")
_OF_PLACES = frozenset(
    "Republic Kingdom Commonwealth Gulf Bay Sea Isle Isles Strait Straits Cape Lake Mount Port "
    "City Province Region Islands Sultanate Emirate Principality State States Tower Statue "
    "Cathedral Palace".split()
)
_OF_MISC = frozenset(
    "Battle Siege Treaty Declaration Agreement Book Bill Act Year Day Cup Tour Games "
    "Championship Festival".split()
)
_PLACE_PREPOSITIONS = frozenset({"in", "near", "from", "across", "outside", "around", "to"})


@dataclass
class NameMemory:
    """Names already seen in the current article, so later short mentions resolve."""

    known: dict[str, Label] = field(default_factory=dict)

    def remember(self, name: str, label: Label) -> None:
        """Record a confident name and, for people, the short forms used later."""
        self.known.setdefault(name.lower(), label)
        if label is Label.PERSON:
            words = name.split()
            for i, word in enumerate(words[1:], 1):
                if word[0].isupper():
                    self.known.setdefault(word.lower(), label)
                    # "Ursula von der Leyen" is later "von der Leyen".
                    if words[i - 1] in PARTICLES:
                        j = i - 1
                        while j > 0 and words[j - 1] in PARTICLES:
                            j -= 1
                        self.known.setdefault(" ".join(words[j:]).lower(), label)
            if len(words) > 2:
                self.known.setdefault(words[0].lower(), label)

    def recall(self, name: str) -> Label | None:
        """The label a name got earlier in the article, if any."""
        return self.known.get(name.lower())


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    words: list[Token]
    cue: Label | None = None
    label: Label | None = None


def find_names(text: str, memory: NameMemory) -> list[Span]:
    """Return the names in `text`, learning confident ones into `memory` for later texts."""
    lex = lexicon()
    candidates: list[_Candidate] = []
    for m in RUN_RE.finditer(text):
        tokens = split_run(text, m.start(), m.end())
        candidates.extend(_segment(text, tokens, lex, memory))
    for cand in candidates:
        if cand.label is None:
            cand.label = _strong_label(text, cand, lex, memory)
            if cand.label is not None:
                _learn(text, cand, memory)
    spans = []
    for cand in candidates:
        label = cand.label or _weak_label(text, cand, lex, memory)
        if label is not None:
            spans.append(Span(cand.start, cand.end, label))
    return spans


def _segment(
    text: str, tokens: list[Token], lex: Lexicon, memory: NameMemory
) -> list[_Candidate]:
    """Cut one run into candidate names: drop noise words, titles and weak connectors."""
    out: list[_Candidate] = []
    for piece in _break(tokens, lex):
        out.extend(_trim_and_split(text, piece, lex, memory))
    return out


def _break(tokens: list[Token], lex: Lexicon) -> list[list[Token]]:
    """Break a run at possessives, dates, non-names and shouted common words."""
    pieces: list[list[Token]] = [[]]
    for i, tok in enumerate(tokens):
        word = tok.text
        if word in MONTHS_AND_DAYS and not (word == "May" and _given_before(pieces[-1], lex)):
            pieces.append([])
            continue
        if word in lex.not_names or (
            word.isupper() and len(word) > 1 and word.lower() in lex.common and word not in lex.exact
        ):
            pieces.append([])
            continue
        if word[0].isdigit() and (not pieces[-1] or i != len(tokens) - 1):
            pieces.append([])
            continue
        m = _POSSESSIVE.search(word)
        if m and len(word) > 2:
            pieces[-1].append(Token(tok.start, tok.start + m.start(), word[: m.start()]))
            if not _joins_possessive(tokens, i):
                pieces.append([])
            continue
        pieces[-1].append(tok)
    return [p for p in pieces if p]


def _given_before(piece: list[Token], lex: Lexicon) -> bool:
    return bool(piece) and piece[-1].text in lex.given


def _joins_possessive(tokens: list[Token], i: int) -> bool:
    """Keep "Peggy's Cove" or "King's Fund" whole: a possessive before a final head word."""
    return i == len(tokens) - 2 and tokens[-1].text in (PLACE_HEADS | ORG_HEADS)


def _trim_and_split(
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[_Candidate]:
    piece = _trim_connectors(piece)
    piece = _drop_leading_noise(text, piece, lex, memory)
    if not piece:
        return []
    title_at = _last_title(piece, lex)
    out: list[_Candidate] = []
    cue: Label | None = None
    if title_at is not None:
        out.extend(_known_prefix(piece[:title_at], lex))
        piece = _trim_connectors(piece[title_at + 1 :])
        cue = Label.PERSON
    for part in _split_connectors(piece, lex, memory):
        out.extend(_split_hyphen_pair(part, lex, cue))
    return out


def _trim_connectors(piece: list[Token]) -> list[Token]:
    start, end = 0, len(piece)
    while start < end and piece[start].text in _CONNECTORS:
        start += 1
    while end > start and (piece[end - 1].text in _CONNECTORS):
        end -= 1
    return piece[start:end]


def _drop_leading_noise(
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[Token]:
    """Drop "The", "However" and a sentence-initial common word that is not a name."""
    while piece:
        first = piece[0].text
        if lex.label_of(first) is not None or memory.recall(first) is not None:
            break
        if first in FUNCTION_WORDS:
            piece = _trim_connectors(piece[1:])
            continue
        lone = len(piece) == 1 or piece[1].text in _CONNECTORS
        if (
            lone
            and first.lower() in lex.common
            and first not in lex.given
            and (starts_sentence(text, piece[0].start) or first.isupper())
        ):
            piece = _trim_connectors(piece[1:])
            continue
        break
    return piece


def _last_title(piece: list[Token], lex: Lexicon) -> int | None:
    """Index of the last title word that has a person's name after it."""
    found = None
    for i, tok in enumerate(piece[:-1]):
        if tok.text in TITLES:
            found = i
    if found is None:
        return None
    rest = [t.text for t in piece[found + 1 :]]
    if rest[-1] in ORG_HEADS or rest[-1] in MISC_HEADS or rest[-1] in PLACE_HEADS:
        return None
    if len(rest) == 1 and piece[found].text == "Sheikh":
        return None
    if lex.label_of(" ".join(rest)) not in (None, Label.PERSON):
        return None
    return found


def _known_prefix(prefix: list[Token], lex: Lexicon) -> list[_Candidate]:
    """Names inside a title phrase ("Russian" in "Russian President"), by longest match."""
    out = []
    words = [t for t in prefix if t.text not in TITLES and t.text not in _CONNECTORS]
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            label = lex.label_of(" ".join(t.text for t in words[i:j]))
            if label is not None:
                out.append(_Candidate(words[i].start, words[j - 1].end, words[i:j], None, label))
                i = j
                break
        else:
            i += 1
    return out


def _split_connectors(
    piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[list[Token]]:
    """Split at "and", "of", "for", "on" unless they sit inside one organisation's name."""
    whole = " ".join(t.text for t in piece)
    if lex.label_of(whole) is not None or memory.recall(whole) is not None:
        return [piece]
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(piece):
        if tok.text in {"and", "of", "of the", "for", "on"} and not _joins(piece, i, lex):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in (_trim_connectors(p) for p in parts) if p]


def _joins(piece: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether connector `piece[i]` belongs inside the name it stands in."""
    word = piece[i].text
    left = piece[i - 1].text
    last = piece[-1].text
    if word in {"of", "of the"}:
        return left in OF_HEADS or left in ORG_HEADS or left in PLACE_HEADS or left in MISC_HEADS
    if word == "and":
        if lex.label_of(left) is not None:
            return False
        has_of = any(t.text in {"of", "of the"} for t in piece[:i])
        return has_of or last in ORG_HEADS
    return left in ORG_HEADS or last in ORG_HEADS


def _split_hyphen_pair(piece: list[Token], lex: Lexicon, cue: Label | None) -> list[_Candidate]:
    """`China-Russia` and `Russian-Chinese` are two names each when every part is known."""
    if len(piece) == 1 and "-" in piece[0].text:
        tok = piece[0]
        parts = tok.text.split("-")
        labels = [lex.label_of(p) for p in parts]
        if all(lab in (Label.PLACE, Label.MISC) for lab in labels):
            out, offset = [], tok.start
            for part, label in zip(parts, labels, strict=True):
                sub = Token(offset, offset + len(part), part)
                out.append(_Candidate(sub.start, sub.end, [sub], None, label))
                offset = sub.end + 1
            return out
    return [_Candidate(piece[0].start, piece[-1].end, piece, cue)]


def _strong_label(text: str, cand: _Candidate, lex: Lexicon, memory: NameMemory) -> Label | None:
    """A label from the lists, the name's own words or a title; None when only context can tell."""
    name = text[cand.start : cand.end]
    known = memory.recall(name)
    if known is not None:
        return known
    known = lex.label_of(name)
    if known is not None:
        return known
    words = [t.text for t in cand.words if t.text not in _CONNECTORS]
    head = _head_label(words)
    if head is not None:
        return head
    if any(ch.isdigit() for ch in name):
        return Label.MISC
    if cand.cue is not None:
        return cand.cue
    if len(words) > 1:
        return _multiword_label(text, cand, words, lex)
    return None


def _head_label(words: list[str]) -> Label | None:
    last, first = words[-1], words[0]
    if len(words) > 1:
        if last in ORG_HEADS:
            return Label.ORG
        if last in PLACE_HEADS:
            return Label.PLACE
        if last in MISC_HEADS:
            return Label.MISC
        if first in OF_HEADS:
            if first in _OF_PLACES:
                return Label.PLACE
            return Label.MISC if first in _OF_MISC else Label.ORG
    return None


def _multiword_label(text: str, cand: _Candidate, words: list[str], lex: Lexicon) -> Label:
    """Several capitalised words with no list entry or head word."""
    if words[0] in lex.given or all(len(w) == 2 and w.endswith(".") for w in words[:-1]):
        return Label.PERSON
    if any(lex.label_of(w) is Label.PLACE for w in words):
        return Label.ORG
    if words[-1] in lex.surnames or _person_context(text, cand):
        return Label.PERSON
    return Label.PERSON


def _weak_label(text: str, cand: _Candidate, lex: Lexicon, memory: NameMemory) -> Label | None:
    """Label a lone unknown word from what surrounds it."""
    name = text[cand.start : cand.end]
    known = memory.recall(name)
    if known is not None:
        return known
    if name in ORG_HEADS or name in PLACE_HEADS or name in MISC_HEADS:
        return None
    if _person_context(text, cand):
        return Label.PERSON if name in lex.surnames or not name.isupper() else Label.ORG
    after = text[cand.end : cand.end + 7]
    if after.startswith("-based") or word_before(text, cand.start) in _PLACE_PREPOSITIONS:
        return Label.PLACE
    return Label.ORG


def _person_context(text: str, cand: _Candidate) -> bool:
    """Role word before, a saying verb next to it, or ", who" after."""
    before = word_before(text, cand.start)
    if before in ROLE_WORDS or before in SAYING_VERBS:
        return True
    after = word_after(text, cand.end)
    return after in SAYING_VERBS or text.startswith(", who", cand.end)


def _learn(text: str, cand: _Candidate, memory: NameMemory) -> None:
    """Remember a confident name, and an acronym given for it in brackets."""
    assert cand.label is not None
    name = text[cand.start : cand.end]
    if cand.label is Label.PERSON and len(cand.words) > 1:
        memory.remember(name, cand.label)
    elif cand.label is not Label.PERSON:
        memory.remember(name, cand.label)
    m = _ACRONYM_AFTER.match(text, cand.end)
    if m:
        memory.remember(m.group(1), cand.label)
