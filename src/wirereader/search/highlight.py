"""Where a search's words occur in a text, for highlighting matches outside the index."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from wirereader.models import SearchQuery, Term

_TOKEN = re.compile(r"\w+")


def match_ranges(text: str, query: SearchQuery | None) -> list[tuple[int, int]]:
    """Half-open ranges of `text` matching the query's included words, sorted, not overlapping.

    Like the index, matching ignores case and accents and treats a phrase as its words;
    "feed:" and "author:" terms are not highlighted in body text.
    """
    if query is None:
        return []
    words = _words(tuple(term for term in query.include if term.column is None))
    if not words:
        return []
    ranges = []
    for token in _TOKEN.finditer(text):
        folded = fold(token.group())
        if any(folded == word or (prefix and folded.startswith(word)) for word, prefix in words):
            ranges.append(token.span())
    return ranges


@lru_cache(maxsize=64)
def _words(terms: Sequence[Term]) -> tuple[tuple[str, bool], ...]:
    """The folded words of the terms; a prefix term's last word matches as a prefix."""
    words: list[tuple[str, bool]] = []
    for term in terms:
        tokens = [fold(token) for token in _TOKEN.findall(term.text)]
        words += [(token, term.prefix and i == len(tokens) - 1) for i, token in enumerate(tokens)]
    return tuple(words)


def fold(word: str) -> str:
    """Lower case without accents, as the index's tokenizer sees a word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
