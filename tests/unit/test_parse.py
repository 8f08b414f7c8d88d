"""parse_feed on XML feeds: bad input never raises, and items map to clean, stable models."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirereader.feeds import parse_feed
from wirereader.models import ParsedArticle

NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
)


def rss(*items: str) -> bytes:
    """A minimal RSS 2.0 document around the given <item> bodies."""
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        f'<rss version="2.0" {NAMESPACES}><channel><title>Q</title>{body}</channel></rss>'.encode()
    )


def only_article(data: bytes) -> ParsedArticle:
    """The single article of a feed that must parse cleanly."""
    feed = parse_feed(data)
    assert feed.error is None
    (article,) = feed.articles
    return article


def test_malformed_xml_keeps_the_readable_items_and_says_why() -> None:
    data = rss("<title>Kept</title><guid>a</guid>", "<title>Also & kept</title><guid>b</guid>")
    feed = parse_feed(data)
    assert [a.title for a in feed.articles] == ["Kept", "Also & kept"]
    assert feed.error is not None
    assert feed.error.startswith("malformed XML: ")


@pytest.mark.parametrize(
    "data",
    [b"\x00\xff\xfe\x01garbage", b"just words", b"<html><body><p>Hi</p></body></html>"],
    ids=["binary", "text", "html"],
)
def test_a_document_without_a_feed_is_an_error_not_an_exception(data: bytes) -> None:
    feed = parse_feed(data, url="https://example.org/x")
    assert feed.articles == ()
    assert feed.title == "https://example.org/x"
    assert feed.error is not None
    assert feed.error.startswith("not a feed: ")


@pytest.mark.parametrize(
    "data", [b"", b"  \n\t", b"\xef\xbb\xbf \n"], ids=["empty", "blank", "bom"]
)
def test_empty_documents(data: bytes) -> None:
    feed = parse_feed(data)
    assert (feed.title, feed.articles, feed.error) == ("(untitled)", (), "empty document")


def test_bytes_naming_a_file_are_parsed_as_data_never_opened(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss("<title>Secret</title>"))
    feed = parse_feed(str(path).encode())
    assert feed.articles == ()
    assert feed.error is not None


def test_guid_falls_back_from_id_to_link_to_a_content_hash() -> None:
    data = rss(
        "<guid>id-1</guid><link>https://q.example/1</link><title>A</title>",
        "<link>https://q.example/2</link><title>B</title>",
        "<title>C</title><description>Only words</description>",
    )
    guids = [a.guid for a in parse_feed(data).articles]
    assert guids[:2] == ["id-1", "https://q.example/2"]
    assert guids[2].startswith("sha256:") and len(guids[2]) == len("sha256:") + 64


def test_content_hash_guid_is_stable_and_tracks_the_content() -> None:
    first = only_article(rss("<title>C</title><description>Only words</description>"))
    again = only_article(rss("<title>C</title><description>Only words</description>"))
    edited = only_article(rss("<title>C</title><description>Other words</description>"))
    assert first.guid == again.guid != edited.guid


def test_duplicate_guids_are_kept_as_given() -> None:
    feed = parse_feed(
        rss("<guid>same</guid><title>One</title>", "<guid>same</guid><title>Two</title>")
    )
    assert [(a.guid, a.title) for a in feed.articles] == [("same", "One"), ("same", "Two")]


def test_dates_become_aware_utc_datetimes() -> None:
    article = only_article(
        rss("<title>T</title><pubDate>Mon, 19 Apr 2021 09:15:00 +0300</pubDate>")
    )
    assert article.published == datetime(2021, 4, 19, 6, 15, tzinfo=UTC)
    assert article.published.tzinfo is UTC


def test_atom_published_and_updated_are_separate() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>e</id>'
        b"<title>T</title><published>2022-01-02T03:04:05-05:00</published>"
        b"<updated>2022-02-01T00:00:00Z</updated></entry></feed>"
    )
    article = only_article(data)
    assert article.published == datetime(2022, 1, 2, 8, 4, 5, tzinfo=UTC)
    assert article.updated == datetime(2022, 2, 1, tzinfo=UTC)


def test_a_date_that_cannot_be_read_is_left_empty() -> None:
    article = only_article(rss("<title>T</title><pubDate>the day after tomorrow</pubDate>"))
    assert (article.published, article.updated) == (None, None)


def test_titles_and_names_are_cleaned_of_controls_but_keep_markup_like_text() -> None:
    title = "  [bold red]x[/] \u202eevil\u200f  1 &lt; 2\n "
    article = only_article(rss(f"<title>{title}</title><dc:creator> Ann\u202e  Lee </dc:creator>"))
    assert article.title == "[bold red]x[/] evil 1 < 2"
    assert article.author == "Ann Lee"


def test_an_html_typed_atom_title_is_reduced_to_its_text() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;i&gt;Big&lt;/i&gt; news'
        b'</title><entry><id>e</id><title type="html">A &amp;amp; &lt;b&gt;B&lt;/b&gt;</title>'
        b"</entry></feed>"
    )
    feed = parse_feed(data)
    assert feed.title == "Big news"
    assert feed.articles[0].title == "A & B"


def test_rss_author_email_with_name_shows_the_name() -> None:
    article = only_article(rss("<title>T</title><author>desk@q.example (Ravi Patel)</author>"))
    assert article.author == "Ravi Patel"


def test_missing_title_is_derived_from_the_text_else_untitled() -> None:
    long_text = "One two three four five six seven eight nine ten eleven twelve"
    feed = parse_feed(rss(f"<description>{long_text}</description>", "<guid>g</guid>"))
    assert [a.title for a in feed.articles] == [
        "One two three four five six seven eight nine ten…",
        "(untitled)",
    ]


def test_html_is_passed_through_unsanitised_and_unresolved() -> None:
    body = '<p><a href="/rel">x</a><script>alert(1)</script></p>'
    article = only_article(rss(f"<title>T</title><description><![CDATA[{body}]]></description>"))
    assert article.content_html == body
    assert article.summary == body


def test_content_is_preferred_to_the_summary_for_the_body() -> None:
    item = (
        "<title>T</title><description>Short.</description>"
        "<content:encoded><![CDATA[<p>Long.</p>]]></content:encoded>"
    )
    article = only_article(rss(item))
    assert (article.summary, article.content_html) == ("Short.", "<p>Long.</p>")


def test_non_web_links_are_dropped() -> None:
    article = only_article(rss("<title>T</title><link>javascript:alert(1)</link>"))
    assert article.link is None


def test_the_content_type_charset_decodes_a_feed_without_a_declaration() -> None:
    data = rss("<title>Café à Zürich</title>").decode().encode("latin-1")
    feed = parse_feed(data, content_type="application/rss+xml; charset=iso-8859-1")
    assert feed.articles[0].title == "Café à Zürich"


JSON_11 = b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": []}'


@pytest.mark.parametrize(
    ("data", "content_type", "title"),
    [
        (b"\xef\xbb\xbf \n" + JSON_11, None, "J"),
        (JSON_11, "text/xml", "J"),
        (b"<rss version='2.0'><channel><title>X</title></channel></rss>", "application/json", "X"),
    ],
    ids=["bom-then-brace", "brace-beats-xml-type", "angle-beats-json-type"],
)
def test_the_body_decides_between_json_and_xml(
    data: bytes, content_type: str | None, title: str
) -> None:
    feed = parse_feed(data, content_type=content_type)
    assert (feed.title, feed.error) == (title, None)


def test_a_json_content_type_decides_when_the_body_does_not() -> None:
    feed = parse_feed(b"  []", content_type="application/feed+json; charset=utf-8")
    assert feed.error == "not a feed: JSON without JSON Feed items"
