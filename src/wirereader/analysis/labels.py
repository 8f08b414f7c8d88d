"""Choose a label for a candidate name from its words, the lists and its context."""

from __future__ import annotations

import re

from wirereader.analysis.candidate import CONNECTORS, Candidate
from wirereader.analysis.cues import (
    MISC_HEADS,
    ORG_HEADS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_NOUNS,
    PRODUCT_NOUNS,
    ROLE_WORDS,
    SAYING_VERBS,
)
from wirereader.analysis.gazetteer import Lexicon
from wirereader.analysis.heads import head_label
from wirereader.analysis.memory import NameMemory
from wirereader.analysis.tokens import word_before
from wirereader.models import Label

_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_DIGIT = re.compile(r"\d")
_QUOTES = {"“": "”", '"': '"', "‘": "’"}
_HOLDINGS = frozenset(
    {"shares", "stake", "stakes", "investment", "invest", "invested", "holding", "holdings"}
)
_LANGUAGE_SUFFIXES = ("-language", "-speaking")
_PLACE_PREPOSITIONS = frozenset({"in", "near", "from", "across", "outside", "around", "to"})


def strong_label(text: str, cand: Candidate, lex: Lexicon, memory: NameMemory) -> Label | None:
    """A label from the lists, the name's own words or a title; None when only context can tell."""
    if memory.particle_forms and text[cand.start - 2 : cand.start - 1].islower():
        _extend_with_particles(text, cand, memory)
    name = text[cand.start : cand.end]
    known = memory.recall(name)
    if known is not None:
        return known
    known = lex.label_of(name)
    if known is not None:
        return known
    texts = [t.text for t in cand.words]
    words = [w for w in texts if w not in CONNECTORS]
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in lex.demonyms:
        return Label.MISC
    head = head_label(texts, lex)
    if head is not None:
        return head
    after = cand.after
    if _DIGIT.search(name) or after in PRODUCT_NOUNS or _quoted(text, cand):
        return Label.MISC
    if cand.cue is not None:
        return cand.cue
    if len(words) > 1:
        return _multiword_label(text, cand, words, lex)
    return None


def _quoted(text: str, cand: Candidate) -> bool:
    """A title in quotation marks: a film, book or song."""
    before = text[cand.start - 1 : cand.start]
    return before in _QUOTES and text.startswith(_QUOTES[before], cand.end)


def _extend_with_particles(text: str, cand: Candidate, memory: NameMemory) -> None:
    """Take in lower-case particles before a remembered name: "von der Leyen"."""
    start = cand.start
    while word_before(text, start) in PARTICLES:
        start -= len(word_before(text, start)) + 1
    if start != cand.start and memory.recall(text[start : cand.end]) is not None:
        cand.start = start


def _multiword_label(text: str, cand: Candidate, words: list[str], lex: Lexicon) -> Label:
    """Several capitalised words with no list entry or head word."""
    if all(w.isupper() for w in words) and any(len(w) > 3 for w in words):
        words = [w.title() for w in words]  # a shouted headline: judge the words, not the case
    if _initials(words[:-1]):
        return Label.PERSON
    if words[0] in lex.given or words[0].split("-")[0] in lex.given:
        return Label.PERSON
    if _contains_place(words, lex):
        return Label.ORG
    if words[-1] in lex.surnames or _person_context(text, cand):
        return Label.PERSON
    # A surname first and a plain word last is a company's name: "Rand Water".
    if words[0] in lex.surnames and words[-1].lower() not in lex.common:
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


def weak_labels(text: str, lone: list[Candidate], lex: Lexicon, memory: NameMemory) -> None:
    """Label lone unknown words from what surrounds them, ORG when nothing does.

    A word with no cue of its own takes the label a cue gave another mention of it in the same
    text: "wrestler Hoshoryu ... Hoshoryu, the nephew of" is one person twice.
    """
    cued: dict[str, Label] = {}
    uncued = []
    for cand in lone:
        name = text[cand.start : cand.end]
        if name in ORG_HEADS or name in PLACE_HEADS or name in MISC_HEADS:
            continue
        cand.label = memory.recall(name) or _context_label(text, cand, name, lex)
        if cand.label is None:
            uncued.append((cand, name))
        else:
            cued.setdefault(name, cand.label)
    for cand, name in uncued:
        cand.label = cued.get(name, Label.ORG)


def _context_label(text: str, cand: Candidate, name: str, lex: Lexicon) -> Label | None:
    """The label the words around a lone name give it, or None."""
    if text.startswith(_LANGUAGE_SUFFIXES, cand.end):
        return Label.MISC
    before = word_before(text, cand.start)
    if text.startswith("-based", cand.end) or (
        before in _PLACE_PREPOSITIONS and not _holding_in(text, cand.start - len(before) - 1)
    ):
        return Label.PLACE
    if cand.after in PLACE_NOUNS:
        return Label.PLACE
    if before in PRODUCT_NOUNS:
        return Label.MISC
    if _person_context(text, cand):
        return Label.PERSON if name in lex.surnames or not name.isupper() else Label.ORG
    return None


def _holding_in(text: str, pos: int) -> bool:
    """ "shares in X", "a stake in X": X is a company, not a place."""
    return word_before(text, pos) in _HOLDINGS


def _person_context(text: str, cand: Candidate) -> bool:
    """Role word before, a saying verb next to it, or ", who" after."""
    before = word_before(text, cand.start)
    if before in ROLE_WORDS or before in SAYING_VERBS:
        return True
    return cand.after in SAYING_VERBS or text.startswith(", who", cand.end)
