"""Name lists shipped as package data, loaded once on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from wirereader.models import Label

# Later files win, so hand-written organisations override a same-named generated place.
_LABELLED_FILES = (
    ("places.txt", Label.PLACE),
    ("places_extra.txt", Label.PLACE),
    ("demonyms.txt", Label.MISC),
    ("misc.txt", Label.MISC),
    ("orgs.txt", Label.ORG),
    ("people.txt", Label.PERSON),
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every list the name recogniser consults, keyed for fast exact look-up."""

    exact: dict[str, Label]
    folded: dict[str, Label]
    given: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    not_names: frozenset[str]
    demonyms: frozenset[str]
    first_words: frozenset[str]
    east_asian_surnames: frozenset[str]

    def label_of(self, name: str) -> Label | None:
        """The gazetteer label of `name`, matching case-insensitively except for acronyms."""
        found = self.exact.get(name)
        if found is None:
            found = self.folded.get(name.lower())
        return found


def _read(name: str) -> list[str]:
    text = files("wirereader.analysis").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    """Load every list once; the first call costs a few tens of milliseconds."""
    exact: dict[str, Label] = {}
    for filename, label in _LABELLED_FILES:
        for entry in _read(filename):
            exact[entry] = label
            # A leading "The" is never part of a span: "The Hague" is found as "Hague".
            if entry.startswith("The "):
                exact[entry[4:]] = label
    # Acronyms stay case-sensitive so that "Who" or "Us" never read as WHO or US.
    folded = {k.lower(): v for k, v in exact.items() if not k.isupper()}
    return Lexicon(
        exact=exact,
        folded=folded,
        given=frozenset(_read("given_names.txt") + _read("given_names_extra.txt")),
        surnames=frozenset(_read("surnames.txt") + _read("surnames_extra.txt")),
        common=frozenset(_read("common_words.txt")),
        not_names=frozenset(_read("not_names.txt")),
        demonyms=frozenset(_read("demonyms.txt")),
        first_words=frozenset(k.split(" ", 1)[0] for k in exact if " " in k),
        east_asian_surnames=frozenset(_read("surnames_extra.txt")),
    )
