"""Titles before a person's name: where they end, and names inside them ("Russian President")."""

from __future__ import annotations

from wirereader.analysis.candidate import CONNECTORS, Candidate, trim_connectors
from wirereader.analysis.cues import MISC_HEADS, ORG_HEADS, PLACE_HEADS, ROLE_WORDS, TITLES
from wirereader.analysis.gazetteer import Lexicon
from wirereader.analysis.heads import head_label
from wirereader.analysis.tokens import Token
from wirereader.models import Label

# Titles and role words, capitalised as they stand before a name.
ALL_TITLES = TITLES | {w.capitalize() for w in ROLE_WORDS}


def last_title(piece: list[Token], lex: Lexicon) -> int | None:
    """Index of the last title word that has a person's name after it."""
    for i in range(len(piece) - 2, -1, -1):
        if piece[i].text in ALL_TITLES and _names_person(piece[i], piece[i + 1 :], lex):
            return i
    return None


def _names_person(title: Token, rest_tokens: list[Token], lex: Lexicon) -> bool:
    rest = [t.text for t in rest_tokens]
    if rest[-1] in ORG_HEADS or rest[-1] in MISC_HEADS or rest[-1] in PLACE_HEADS:
        return False
    # "Sheikh Hasina" is a name; "Sheikh Tahnoon bin Zayed" has the title.
    if len(rest) == 1 and (title.text == "Sheikh" or rest[0].lower() in lex.common):
        return False
    return lex.label_of(" ".join(rest)) in (None, Label.PERSON)


def skip_title_phrase(rest: list[Token], lex: Lexicon) -> list[Token]:
    """Skip "of Government" in "Head of Government Clara Brugada" up to the person's name."""
    if rest and rest[0].text in {"of", "for"}:
        rest = rest[1:]
        while (
            len(rest) > 2
            and rest[0].text not in lex.given
            and (rest[0].text.lower() in lex.common or rest[0].text in CONNECTORS)
        ):
            rest = rest[1:]
    return trim_connectors(rest)


def _is_plain_word(word: str, lex: Lexicon) -> bool:
    """A dictionary word that is neither a listed name nor a head word."""
    return (
        word.lower() in lex.common
        and lex.label_of(word) is None
        and word not in ORG_HEADS
        and word not in PLACE_HEADS
    )


def _all_plain(words: list[Token], lex: Lexicon) -> bool:
    """Only dictionary words, as in "State Health Minister": a portfolio, not a body's name."""
    return all(t.text.lower() in lex.common and lex.label_of(t.text) is None for t in words)


def known_prefix(prefix: list[Token], lex: Lexicon) -> list[Candidate]:
    """Names inside a title phrase ("Russian" in "Russian President"), by longest match."""
    out = []
    kept = [t for t in prefix if t.text not in TITLES]
    while kept and (kept[-1].text in CONNECTORS or _is_plain_word(kept[-1].text, lex)):
        kept.pop()
    if len(kept) > 1 and kept[0].text not in CONNECTORS and not _all_plain(kept, lex):
        label = head_label([t.text for t in kept], lex)
        if label is not None:
            return [Candidate(kept[0].start, kept[-1].end, kept, None, label)]
    words = [t for t in kept if t.text not in CONNECTORS]
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            label = lex.label_of(" ".join(t.text for t in words[i:j]))
            if label is not None:
                out.append(Candidate(words[i].start, words[j - 1].end, words[i:j], None, label))
                i = j
                break
        else:
            i += 1
    return out
