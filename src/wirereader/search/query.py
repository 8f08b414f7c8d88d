"""The search syntax: words, "phrases", -exclusions, feed:, author:, is:, before: and after:.

Parsing is pure and total: any input yields a SearchQuery or a QueryError with a short
reason; words are kept as plain text and quoted only when storage builds the FTS query, so
no user input can change the meaning of that query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wirereader.models import SearchQuery, Term

COLUMNS = {"feed": "feed", "author": "author"}
FLAGS = ("unread", "read", "starred")
DATES = ("before", "after")
# One token: an optional minus, an optional key, then a quoted phrase or a bare word.
_TOKEN = re.compile(
    r'(?P<minus>-)?(?:(?P<key>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))?'
)
_WORD_CHAR = re.compile(r"\w")


class QueryError(ValueError):
    """The search text cannot be understood; the message says why in a few words."""


@dataclass
class _Builder:
    """The parts of a query collected while reading its tokens."""

    include: list[Term] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)
    read: bool | None = None
    starred: bool = False
    dates: dict[str, date] = field(default_factory=dict)

    def query(self) -> SearchQuery:
        return SearchQuery(
            tuple(self.include),
            tuple(self.exclude),
            self.read,
            self.starred,
            self.dates.get("before"),
            self.dates.get("after"),
        )


def parse_query(text: str) -> SearchQuery:
    """Parse the search box's text; QueryError for an unknown is: value or a bad date."""
    builder = _Builder()
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or not match.group():
            position += 1  # a blank, or a quote mark the token pattern could not start at
            continue
        position = match.end()
        _read_token(builder, match)
    return builder.query()


def _read_token(builder: _Builder, match: re.Match[str]) -> None:
    """Add one token's meaning to the builder."""
    negated = match["minus"] is not None
    key = (match["key"] or "").lower()
    value = match["phrase"] if match["phrase"] is not None else match["word"] or ""
    if key in COLUMNS:
        _add_term(builder, value, COLUMNS[key], negated)
    elif key == "is":
        _read_flag(builder, value.lower(), negated)
    elif key in DATES:
        _read_date(builder, key, value, negated)
    elif match["key"] is not None:
        # Not one of ours ("http://x", "10:30"): the whole token is an ordinary word.
        _add_term(builder, f"{match['key']}:{value}", None, negated)
    else:
        _add_term(builder, value, None, negated)


def _add_term(builder: _Builder, value: str, column: str | None, negated: bool) -> None:
    """Add a word or phrase; one with no letters or digits is dropped, as the index would."""
    prefix = value.endswith("*")
    value = " ".join(value.rstrip("*").split())
    if not _WORD_CHAR.search(value):
        return
    (builder.exclude if negated else builder.include).append(Term(value, column, prefix))


def _read_flag(builder: _Builder, value: str, negated: bool) -> None:
    """is:unread, is:read (and their negations) and is:starred."""
    if value not in FLAGS:
        raise QueryError(f"is:{value} is not known; use is:unread, is:read or is:starred")
    if value == "starred":
        if negated:
            raise QueryError("-is:starred is not supported")
        builder.starred = True
    else:
        builder.read = (value == "read") != negated


def _read_date(builder: _Builder, key: str, value: str, negated: bool) -> None:
    """before:YYYY-MM-DD and after:YYYY-MM-DD."""
    if negated:
        raise QueryError(
            f"-{key}: is not supported; use {'after' if key == 'before' else 'before'}:"
        )
    try:
        builder.dates[key] = date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{key}: wants a date like 2024-05-31, not {value!r}") from None
