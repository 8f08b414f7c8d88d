"""Property tests: random bytes, XML and HTML never crash parsing, HTML to blocks, the
recogniser or rendering, and no escape character ever reaches the rendered output."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from wirereader.analysis import annotate
from wirereader.content.blocks import block_inlines
from wirereader.content.html import html_to_document
from wirereader.feeds import parse_feed
from wirereader.models import Article
from wirereader.service import ArticleView
from wirereader.storage.dates import local_time
from wirereader.ui.render import render_block, render_header, render_links

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ["\x1b[2J", "\x1b]52;c;aGk=\x07", "\u202e", "\x9b31m", "\x00", "[/]", "[@click=app.quit]"]
XML_PIECES = [
    "<item>", "</item>", "<title>", "</title>", "<link>", "</link>", "<guid>", "</guid>",
    "<description>", "</description>", "<entry>", "<content type='html'>", "</content>",
    "<![CDATA[", "]]>", "<!DOCTYPE rss [", "<!ENTITY a 'xx'>", "]>", "&a;", "&amp;", "&#0;",
    "&#x1b;", "&lt;p&gt;", "<pubDate>", "</pubDate>", "Mon, 01 Jan 0000 00:00:00 GMT",
    "10000-01-01T00:00:00Z", "<?xml version='1.0' encoding='utf-16'?>", "<", ">", "&", *HOSTILE,
]  # fmt: skip
HTML_PIECES = [
    "<p>", "</p>", "<a href='javascript:x'>", "<a href='https://e.org/'>", "</a>", "<table>",
    "<tr>", "<td>", "<th>", "<ul>", "<ol start='-5'>", "<li>", "<pre>", "</pre>", "<h1>",
    "<blockquote>", "<img alt='i' src='x'>", "<br>", "<script>", "</script>", "<style>",
    "&nbsp;", "&#27;", "&#x202e;", "<!--", "-->", "<", "Barack Obama", "$5 billion", "12%",
    *HOSTILE,
]  # fmt: skip


def pieces(alphabet: list[str]) -> st.SearchStrategy[str]:
    """Documents stitched from markup fragments and random text."""
    return st.lists(st.sampled_from(alphabet) | st.text(max_size=20), max_size=60).map("".join)


def rendered(*renderables: object) -> str:
    """What a terminal would be sent; without colours Rich itself writes no escapes."""
    console = Console(file=io.StringIO(), width=80, color_system=None, force_terminal=True)
    for renderable in renderables:
        console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_parsing(data: bytes) -> None:
    feed = parse_feed(data)
    assert feed.title and "\x1b" not in feed.title


def view(**fields: Any) -> ArticleView:
    """An article view with an empty body."""
    values: dict[str, Any] = {
        "id": 1, "feed_id": 1, "feed_title": fields.get("title", "Feed"), "guid": "g",
        "title": "Title", "link": None, "author": None, "published": None, "summary": "",
        "content_html": "", "read": False, "starred": False,
    }  # fmt: skip
    return ArticleView(Article(**(values | fields)), html_to_document(""), ())


@SETTINGS
@given(pieces(XML_PIECES))
def test_random_xml_never_crashes_parsing(body: str) -> None:
    data = f'<rss version="2.0"><channel><title>t</title>{body}'.encode("utf-8", "replace")
    feed = parse_feed(data)
    for article in feed.articles:
        assert not any(c in article.title for c in "\x1b\x9b\u202e\x00")
        for moment in (article.published, article.updated):
            assert moment is None or moment.tzinfo is not None


@SETTINGS
@given(pieces(HTML_PIECES))
def test_random_html_through_blocks_recogniser_and_rendering(body: str) -> None:
    document = html_to_document(body, base_url="https://e.org/a/")
    shown = []
    for block in document.blocks:
        inlines = block_inlines(block)
        spans = [annotate(inline.text) for inline in inlines]
        for inline, found in zip(inlines, spans, strict=True):
            assert all(0 <= s.start < s.end <= len(inline.text) for s in found)
        shown.append(render_block(block, spans, focus=(0, 0, 1)))
    if document.links:
        shown.append(render_links(document.links))
    output = rendered(*(item for item in shown if item is not None))
    assert not any(c in output for c in "\x1b\x07\u202e\x9b\x9d")


@SETTINGS
@given(st.text(), st.text(), st.text(), st.sampled_from([1, 2000, 9999]))
def test_random_article_headers_render_without_escapes(
    title: str, author: str, link: str, year: int
) -> None:
    article_view = view(
        title=title, author=author, link=link, published=datetime(year, 1, 1, tzinfo=UTC)
    )
    output = rendered(render_header(article_view))
    assert not any(c in output for c in "\x1b\x07\u202e\x9b\x9d")


def test_dates_at_the_ends_of_time_render_in_any_time_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ends = (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    try:
        for zone in ("America/New_York", "Pacific/Kiritimati"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            for moment in ends:
                assert local_time(moment).year == moment.year
                assert f"{moment:%d %B}" in rendered(render_header(view(published=moment)))
    finally:
        monkeypatch.undo()
        time.tzset()
