"""The search syntax parser, table-driven: what each kind of input means, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from wirereader.models import SearchQuery, Term
from wirereader.search import QueryError, match_ranges, parse_query

PARSED = [
    ("", SearchQuery()),
    ("   ", SearchQuery()),
    ("lisbon", SearchQuery(include=(Term("lisbon"),))),
    ("lisbon rail", SearchQuery(include=(Term("lisbon"), Term("rail")))),
    ('"city council"', SearchQuery(include=(Term("city council"),))),
    ('"  city   council "', SearchQuery(include=(Term("city council"),))),
    ('"unterminated phrase', SearchQuery(include=(Term("unterminated phrase"),))),
    ("-sport", SearchQuery(exclude=(Term("sport"),))),
    ('rail -"city council"', SearchQuery((Term("rail"),), (Term("city council"),))),
    ("helix*", SearchQuery(include=(Term("helix", prefix=True),))),
    ("feed:bbc", SearchQuery(include=(Term("bbc", "feed"),))),
    ('FEED:"World Wire"', SearchQuery(include=(Term("World Wire", "feed"),))),
    ("-feed:sport", SearchQuery(exclude=(Term("sport", "feed"),))),
    ('author:"Zofia Varga"', SearchQuery(include=(Term("Zofia Varga", "author"),))),
    ("is:unread", SearchQuery(read=False)),
    ("is:read", SearchQuery(read=True)),
    ("-is:unread", SearchQuery(read=True)),
    ("is:starred", SearchQuery(starred=True)),
    ("before:2024-05-01", SearchQuery(before=date(2024, 5, 1))),
    ("after:2024-01-31", SearchQuery(after=date(2024, 1, 31))),
    # Keys we do not know, and text that only looks like syntax, are ordinary words.
    ("http://example.org", SearchQuery(include=(Term("http://example.org"),))),
    ("10:30", SearchQuery(include=(Term("10:30"),))),
    ("title:x", SearchQuery(include=(Term("title:x"),))),
    # FTS5 operators and punctuation stay words; terms without a letter or digit are dropped.
    ("NOT OR AND NEAR", SearchQuery(include=tuple(Term(w) for w in ("NOT", "OR", "AND", "NEAR")))),
    ('- * "" \'', SearchQuery()),
    ("feed:", SearchQuery()),
    ('a"b', SearchQuery(include=(Term("a"), Term("b")))),
    ("o'neil", SearchQuery(include=(Term("o'neil"),))),
]


@pytest.mark.parametrize(("text", "expected"), PARSED, ids=[text or "empty" for text, _ in PARSED])
def test_parse(text: str, expected: SearchQuery) -> None:
    assert parse_query(text) == expected


REFUSED = [
    ("is:later", "is:later is not known"),
    ("-is:starred", "not supported"),
    ("before:yesterday", "before: wants a date"),
    ("after:2024-13-01", "after: wants a date"),
    ("before:", "before: wants a date"),
    ("-after:2024-01-01", "not supported"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED, ids=[text for text, _ in REFUSED])
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason):
        parse_query(text)


def test_everything_together() -> None:
    query = parse_query('rail "city council" -sport feed:wire is:unread after:2024-01-01 x*')
    assert query.include == (
        Term("rail"),
        Term("city council"),
        Term("wire", "feed"),
        Term("x", prefix=True),
    )
    assert query.exclude == (Term("sport"),)
    assert (query.read, query.after) == (False, date(2024, 1, 1))
    assert not query.is_empty


HIGHLIGHTED = [
    ("Lisbon's port", "lisbon", ["Lisbon"]),
    ("the Café opened", "cafe", ["Café"]),
    ("city council and council city", '"city council"', ["city", "council", "council", "city"]),
    ("Ukraine and Ukrainians", "ukr*", ["Ukraine", "Ukrainians"]),
    ("Ukraine and Ukrainians", "ukraine", ["Ukraine"]),
    ("a feed called Wire", "feed:wire", []),
    ("nothing here", "-nothing", []),
]


@pytest.mark.parametrize(("text", "query", "marked"), HIGHLIGHTED)
def test_match_ranges(text: str, query: str, marked: list[str]) -> None:
    ranges = match_ranges(text, parse_query(query))
    assert [text[start:end] for start, end in ranges] == marked


def test_no_query_marks_nothing() -> None:
    assert match_ranges("anything", None) == []
