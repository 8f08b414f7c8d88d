"""Name recognition: people, organisations, places and other names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wirereader.analysis.cues import (
    CURRENCY_NOUNS,
    DISEASE_NOUNS,
    FUNCTION_WORDS,
    MISC_HEADS,
    MISC_STARTS,
    MONTHS_AND_DAYS,
    OF_HEADS,
    ORG_HEADS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_NOUNS,
    PLACE_QUALIFIERS,
    PLACE_STARTS,
    PRODUCT_NOUNS,
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

_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "&"}) | PARTICLES
_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|bn|m)) $")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_ALL_TITLES = TITLES | {w.capitalize() for w in ROLE_WORDS}
_NEVER_ALONE = FUNCTION_WORDS | MONTHS_AND_DAYS
_ARTICLES = frozenset({"The", "A", "An"})
_PLACE_ACRONYMS = frozenset({"US", "U.S.", "UK", "U.K."})
_QUOTES = {"“": "”", '"': '"', "‘": "’"}
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

    def remember(self, name: str, label: Label, surname_first: bool = False) -> None:
        """Record a confident name and, for people, the short forms used later.

        `surname_first` marks East Asian order ("Xi Jinping" is later "Xi").
        """
        self.known.setdefault(name.lower(), label)
        if label is Label.PERSON:
            words = name.split()
            if surname_first:
                self.known.setdefault(words[0].lower(), label)
            for word in words:
                if word[:3] in {"al-", "el-"}:
                    self.known.setdefault(word[3:].lower(), label)
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
        run = m.group()
        if run in _NEVER_ALONE:
            continue
        tokens = split_run(run, m.start())
        for cand in _segment(text, tokens, lex, memory):
            if _is_candidate(text, cand, lex):
                candidates.append(cand)
    for cand in candidates:
        if cand.label is None:
            cand.label = _strong_label(text, cand, lex, memory)
            if cand.label is not None:
                _learn(text, cand, lex, memory)
    spans = []
    for cand in candidates:
        label = cand.label or _weak_label(text, cand, lex, memory)
        if label is not None:
            spans.append(Span(cand.start, cand.end, label))
    return spans


def _is_candidate(text: str, cand: _Candidate, lex: Lexicon) -> bool:
    """False for diseases ("Marburg virus"), currencies ("Danish crowns") and bare numbers."""
    after = word_after(text, cand.end)
    if after in DISEASE_NOUNS or not cand.words[0].text[0].isalpha():
        return False
    if after in CURRENCY_NOUNS and _AMOUNT_BEFORE.search(text, 0, cand.start):
        return lex.label_of(text[cand.start : cand.end]) not in (Label.MISC, Label.PLACE)
    return True


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
        if word in lex.not_names or (word.isupper() and _shouted_common(word, lex)):
            # ... unless it ends a listed name: "Mistral AI".
            if not (pieces[-1] and lex.label_of(f"{pieces[-1][-1].text} {word}")):
                pieces.append([])
                continue
        if word[0].isdigit() and (not pieces[-1] or i != len(tokens) - 1):
            pieces.append([])
            continue
        tail = word.rfind("-")
        if tail > 0 and word[tail + 1 :].islower() and _suffix_word(word[tail + 1 :], lex):
            # "Lagos-based": only "Lagos" is the name; "Jae-myung" stays whole.
            pieces[-1].append(Token(tok.start, tok.start + tail, word[:tail]))
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


def _suffix_word(tail: str, lex: Lexicon) -> bool:
    """An English word after a hyphen ("based", "led"), not a syllable of a Korean name."""
    return len(tail) > 2 and tail in lex.common


def _shouted_common(word: str, lex: Lexicon) -> bool:
    """An all-capitals ordinary word, as in a shouted headline: "SEALS", "WITH", "AS"."""
    return (
        len(word) > 1
        and (word.lower() in lex.common or word.capitalize() in FUNCTION_WORDS)
        and word not in lex.exact
    )


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
    out: list[_Candidate] = []
    for part in _split_connectors(text, piece, lex, memory):
        out.extend(_split_titled(part, lex))
    return out


def _split_titled(part: list[Token], lex: Lexicon) -> list[_Candidate]:
    """Take titles off a name, and names glued before it ("US", "Brazilian")."""
    out: list[_Candidate] = []
    cue: Label | None = None
    title_at = _last_title(part, lex)
    if title_at is not None:
        out.extend(_known_prefix(part[:title_at], lex))
        part = _skip_title_phrase(part[title_at + 1 :], lex)
        cue = Label.PERSON
        if not part:
            return out
    if len(part) > 2 and part[0].text in _PLACE_ACRONYMS and part[-1].text in ORG_HEADS:
            out.append(_Candidate(part[0].start, part[0].end, part[:1], None, Label.PLACE))
            part = part[1:]
    if len(part) > 1 and part[0].text in lex.demonyms and _glued_name(part[1:], lex):
        out.append(_Candidate(part[0].start, part[0].end, part[:1], None, Label.MISC))
        part = part[1:]
    out.extend(_split_hyphen_pair(part, lex, cue))
    return out


def _glued_name(rest: list[Token], lex: Lexicon) -> bool:
    """After a nationality, a person's name: "American Alex Michelsen"."""
    words = [t.text for t in rest]
    return len(words) > 1 and words[0] in lex.given and _head_label(words, lex) is None


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
        if first in FUNCTION_WORDS and (first in _ARTICLES or not _known_start(piece, lex, memory)):
            piece = _trim_connectors(piece[1:])
            continue
        if _known_start(piece, lex, memory):
            break
        if (
            first.lower() in lex.common
            and first not in lex.given
            and (starts_sentence(text, piece[0].start) or first.isupper())
            and (_is_lone(piece) or _starts_person_or_org(piece[1:], lex, memory))
        ):
            piece = _trim_connectors(piece[1:])
            continue
        break
    return piece


def _is_lone(piece: list[Token]) -> bool:
    """One word, maybe followed by a connector or a number only."""
    return len(piece) == 1 or piece[1].text in _CONNECTORS or piece[1].text[0].isdigit()


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


def _last_title(piece: list[Token], lex: Lexicon) -> int | None:
    """Index of the last title word that has a person's name after it."""
    for i in range(len(piece) - 2, -1, -1):
        if piece[i].text in _ALL_TITLES and _names_person(piece[i], piece[i + 1 :], lex):
            return i
    return None


def _names_person(title: Token, rest_tokens: list[Token], lex: Lexicon) -> bool:
    rest = [t.text for t in rest_tokens]
    if rest[-1] in ORG_HEADS or rest[-1] in MISC_HEADS or rest[-1] in PLACE_HEADS:
        return False
    # "Sheikh Hasina" is a name; "Sheikh Tahnoon bin Zayed" has the title.
    if len(rest) == 1 and title.text == "Sheikh":
        return False
    return lex.label_of(" ".join(rest)) in (None, Label.PERSON)


def _skip_title_phrase(rest: list[Token], lex: Lexicon) -> list[Token]:
    """Skip "of Government" in "Head of Government Clara Brugada" up to the person's name."""
    if rest and rest[0].text in {"of", "for"}:
        rest = rest[1:]
        while len(rest) > 2 and rest[0].text not in lex.given and (
            rest[0].text.lower() in lex.common or rest[0].text in _CONNECTORS
        ):
            rest = rest[1:]
    return _trim_connectors(rest)


def _is_plain_word(word: str, lex: Lexicon) -> bool:
    """A dictionary word that is neither a listed name nor a head word."""
    return (
        word.lower() in lex.common
        and lex.label_of(word) is None
        and word not in ORG_HEADS
        and word not in PLACE_HEADS
    )


def _known_prefix(prefix: list[Token], lex: Lexicon) -> list[_Candidate]:
    """Names inside a title phrase ("Russian" in "Russian President"), by longest match."""
    out = []
    kept = [t for t in prefix if t.text not in TITLES]
    while kept and (kept[-1].text in _CONNECTORS or _is_plain_word(kept[-1].text, lex)):
        kept.pop()
    if len(kept) > 1 and kept[0].text not in _CONNECTORS:
        label = _head_label([t.text for t in kept], lex)
        if label is not None:
            return [_Candidate(kept[0].start, kept[-1].end, kept, None, label)]
    words = [t for t in kept if t.text not in _CONNECTORS]
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
    text: str, piece: list[Token], lex: Lexicon, memory: NameMemory
) -> list[list[Token]]:
    """Split at "and", "of", "for", "on" unless they sit inside one organisation's name."""
    if not piece:
        return []
    whole = " ".join(t.text for t in piece)
    if lex.label_of(whole) is not None or memory.recall(whole) is not None:
        return [piece]
    # A name spelt out before its acronym is one name: "Alternative for Germany (AfD)".
    m = _ACRONYM_AFTER.match(text, piece[-1].end)
    if m and m.group(1)[0] == whole[0]:
        return [piece]
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(piece):
        if tok.text in {"and", "of", "for", "on"} and not _joins(piece, i, lex):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in (_trim_connectors(p) for p in parts) if p]


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
        has_of = any(t.text in {"of", "for"} for t in piece[:i])
        return has_of or last in ORG_HEADS
    return left in ORG_HEADS or last in ORG_HEADS


def _segment_after(piece: list[Token], i: int) -> str:
    """The words after connector `piece[i]` up to the next connector."""
    words = []
    for tok in piece[i + 1 :]:
        if tok.text in _CONNECTORS:
            break
        words.append(tok.text)
    return " ".join(words)


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
    _extend_with_particles(text, cand, memory)
    name = text[cand.start : cand.end]
    known = memory.recall(name)
    if known is not None:
        return known
    known = lex.label_of(name)
    if known is not None:
        return known
    words = [t.text for t in cand.words if t.text not in _CONNECTORS]
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in lex.demonyms:
        return Label.MISC
    head = _head_label([t.text for t in cand.words], lex)
    if head is not None:
        return head
    after = word_after(text, cand.end)
    if any(ch.isdigit() for ch in name) or after in PRODUCT_NOUNS or _quoted(text, cand):
        return Label.MISC
    if cand.cue is not None:
        return cand.cue
    if len(words) > 1:
        return _multiword_label(text, cand, words, lex)
    return None


def _quoted(text: str, cand: _Candidate) -> bool:
    """A title in quotation marks: a film, book or song."""
    before = text[cand.start - 1 : cand.start]
    return before in _QUOTES and text.startswith(_QUOTES[before], cand.end)


def _extend_with_particles(text: str, cand: _Candidate, memory: NameMemory) -> None:
    """Take in lower-case particles before a remembered name: "von der Leyen"."""
    start = cand.start
    if not text[start - 2 : start - 1].islower():
        return
    while word_before(text, start) in PARTICLES:
        start -= len(word_before(text, start)) + 1
    if start != cand.start and memory.recall(text[start : cand.end]) is not None:
        cand.start = start


def _head_label(words: list[str], lex: Lexicon) -> Label | None:
    """The label a name's head word gives: its last word, or the word before "of"."""
    if len(words) < 2:
        return None
    last, first = words[-1], words[0]
    before_of = [w for w, nxt in zip(words, words[1:], strict=False) if nxt in {"of", "for", "on"}]
    words = [w for w in words if w not in _CONNECTORS]
    if last in ORG_HEADS:
        return Label.ORG
    if last in PLACE_HEADS or first in PLACE_STARTS:
        return Label.PLACE
    if first in MISC_STARTS:
        return Label.MISC
    if last in MISC_HEADS:
        return Label.MISC
    for word in before_of:
        if word in OF_HEADS or word in ORG_HEADS:
            if word in _OF_PLACES:
                return Label.PLACE
            return Label.MISC if word in _OF_MISC or word in MISC_HEADS else Label.ORG
    if first in PLACE_QUALIFIERS and lex.label_of(" ".join(words[1:])) is Label.PLACE:
        return Label.PLACE
    return None


def _multiword_label(text: str, cand: _Candidate, words: list[str], lex: Lexicon) -> Label:
    """Several capitalised words with no list entry or head word."""
    if all(w.isupper() for w in words) and any(len(w) > 3 for w in words):
        words = [w.title() for w in words]  # a shouted headline: judge the words, not the case
    if _initials(words[:-1]):
        return Label.PERSON
    if words[0] in lex.given or words[0].split("-")[0] in lex.given:
        return Label.PERSON
    if _contains_place(words, lex):
        return Label.ORG
    if words[-1] in lex.surnames or words[0] in lex.surnames or _person_context(text, cand):
        return Label.PERSON
    # People's names are seldom dictionary words; company names often are ("Orobo Pay").
    if any(w.lower() in lex.common for w in words) or any(w.isupper() for w in words):
        return Label.ORG
    return Label.PERSON


def _initials(words: list[str]) -> bool:
    """Only initials before the surname: "S. R. Iyengar", "M.M. Keeravani"."""
    return all(_INITIALS.fullmatch(w) for w in words)


def _contains_place(words: list[str], lex: Lexicon) -> bool:
    """Whether some run of the words is a listed place ("Los Angeles" in a team's name)."""
    n = len(words)
    return any(
        lex.label_of(" ".join(words[i:j])) is Label.PLACE
        for i in range(n)
        for j in range(i + 1, min(n, i + 3) + 1)
    )


def _weak_label(text: str, cand: _Candidate, lex: Lexicon, memory: NameMemory) -> Label | None:
    """Label a lone unknown word from what surrounds it."""
    name = text[cand.start : cand.end]
    known = memory.recall(name)
    if known is not None:
        return known
    if name in ORG_HEADS or name in PLACE_HEADS or name in MISC_HEADS:
        return None
    before = word_before(text, cand.start)
    if text.startswith("-based", cand.end) or before in _PLACE_PREPOSITIONS:
        return Label.PLACE
    if word_after(text, cand.end) in PLACE_NOUNS:
        return Label.PLACE
    if before in PRODUCT_NOUNS:
        return Label.MISC
    if _person_context(text, cand):
        return Label.PERSON if name in lex.surnames or not name.isupper() else Label.ORG
    return Label.ORG


def _person_context(text: str, cand: _Candidate) -> bool:
    """Role word before, a saying verb next to it, or ", who" after."""
    before = word_before(text, cand.start)
    if before in ROLE_WORDS or before in SAYING_VERBS:
        return True
    after = word_after(text, cand.end)
    return after in SAYING_VERBS or text.startswith(", who", cand.end)


def _learn(text: str, cand: _Candidate, lex: Lexicon, memory: NameMemory) -> None:
    """Remember a confident name, and an acronym given for it in brackets."""
    assert cand.label is not None
    name = text[cand.start : cand.end]
    if cand.label is Label.PERSON and len(cand.words) > 1:
        memory.remember(name, cand.label, cand.words[0].text in lex.east_asian_surnames)
    elif cand.label is not Label.PERSON:
        memory.remember(name, cand.label)
    m = _ACRONYM_AFTER.match(text, cand.end)
    if m:
        memory.remember(m.group(1), cand.label)
