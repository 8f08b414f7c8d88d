"""Our JSON Feed parser: bad documents become errors, wrong field types are tolerated."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from wirereader.feeds.jsonfeed import parse_json_feed
from wirereader.models import ParsedArticle

VERSION_11 = "https://jsonfeed.org/version/1.1"


def feed_bytes(*items: Any, **fields: Any) -> bytes:
    """A JSON Feed 1.1 document with the given items and top-level fields."""
    return json.dumps(
        {"version": VERSION_11, "title": "J", **fields, "items": list(items)}
    ).encode()


def only_article(*items: Any) -> ParsedArticle:
    """The single article of a feed that must parse cleanly."""
    feed = parse_json_feed(feed_bytes(*items))
    assert feed.error is None
    (article,) = feed.articles
    return article


@pytest.mark.parametrize(
    ("data", "error_start"),
    [
        (b'{"version": ', "invalid JSON: "),
        (b'{"title": "caf\xe9"}', "invalid JSON: not UTF-8"),
        (b"[" * 100_000, "invalid JSON: "),
        (b"[1, 2]", "not a feed: "),
        (b'{"title": "no items, no version"}', "not a feed: "),
    ],
    ids=["truncated", "latin-1", "deeply-nested", "top-level-list", "plain-object"],
)
def test_documents_that_are_not_json_feeds_give_an_error(data: bytes, error_start: str) -> None:
    feed = parse_json_feed(data, url="https://example.org/f.json")
    assert feed.articles == ()
    assert feed.title == "https://example.org/f.json"
    assert feed.error is not None
    assert feed.error.startswith(error_start)


def test_wrong_types_everywhere_are_treated_as_absent() -> None:
    data = json.dumps(
        {
            "version": VERSION_11,
            "title": ["not", "text"],
            "home_page_url": 12,
            "items": [{"id": True, "url": {}, "title": None, "date_published": 2024}],
        }
    ).encode()
    feed = parse_json_feed(data)
    (article,) = feed.articles
    assert (feed.title, feed.link, feed.error) == ("(untitled)", None, None)
    assert (article.title, article.link, article.published) == ("(untitled)", None, None)
    assert article.guid.startswith("sha256:")


def test_items_that_are_not_a_list_give_an_empty_feed() -> None:
    feed = parse_json_feed(json.dumps({"version": VERSION_11, "items": "soon"}).encode())
    assert (feed.articles, feed.error) == ((), None)


def test_content_text_is_escaped_into_paragraphs() -> None:
    article = only_article({"id": "t", "content_text": "a < b & c\n\nnext\nline"})
    assert article.content_html == "<p>a &lt; b &amp; c</p><p>next<br>line</p>"


def test_content_html_wins_over_content_text() -> None:
    article = only_article({"id": "t", "content_html": "<p>rich</p>", "content_text": "plain"})
    assert article.content_html == "<p>rich</p>"


def test_dates_with_offsets_become_utc_and_bare_dates_are_taken_as_utc() -> None:
    article = only_article(
        {"id": "d", "date_published": "2023-05-01T09:00:00+09:00", "date_modified": "2023-05-02"}
    )
    assert article.published == datetime(2023, 5, 1, tzinfo=UTC)
    assert article.updated == datetime(2023, 5, 2, tzinfo=UTC)


def test_authors_1_1_list_then_1_0_object_then_feed_author() -> None:
    data = feed_bytes(
        {"id": "a", "authors": [{"name": "Ann"}, {"name": " Bo\u202e "}], "author": {"name": "X"}},
        {"id": "b", "author": {"name": "Cy"}},
        {"id": "c"},
        authors=[{"name": "Desk"}],
    )
    assert [a.author for a in parse_json_feed(data).articles] == ["Ann, Bo", "Cy", "Desk"]


def test_numeric_ids_are_kept_as_text() -> None:
    assert only_article({"id": 1234, "title": "n"}).guid == "1234"


def test_titles_are_cleaned_of_escape_sequences() -> None:
    article = only_article({"id": "e", "title": "Copy \x1b]52;c;aGk=\x07me \x1b[31mred"})
    assert article.title == "Copy me red"
