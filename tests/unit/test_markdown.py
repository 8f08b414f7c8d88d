"""Document blocks to Markdown: each block kind, and feed text that tries to become structure."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from wirereader.content.blocks import (
    Document,
    Figure,
    Heading,
    Inline,
    LinkRef,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
)
from wirereader.content.html import html_to_document
from wirereader.content.markdown import article_markdown, document_markdown, escape, safe_target


def _tokens(markdown: str) -> list[Token]:
    """Block and inline tokens as a CommonMark + GFM-tables reader sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [*tokens, *(child for token in tokens for child in token.children or ())]


def _types(markdown: str) -> set[str]:
    return {token.type for token in _tokens(markdown)}


def _text(markdown: str) -> str:
    """The plain text a Markdown reader shows, for checking escapes read back as written."""
    return "".join(t.content for t in _tokens(markdown) if t.type in ("text", "code_inline"))


def _doc(*blocks: object, links: tuple[str, ...] = ()) -> Document:
    return Document(tuple(blocks), links)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (_doc(Paragraph(Inline("Plain words."))), "Plain words.\n"),
        (_doc(Heading(2, Inline("Section"))), "### Section\n"),
        (_doc(Heading(6, Inline("Deep"))), "###### Deep\n"),
        (_doc(Paragraph(Inline("one\ntwo"))), "one\\\ntwo\n"),
        (
            _doc(
                Paragraph(Inline("see the report", (LinkRef(8, 14, 1),))), links=("https://a.b/r",)
            ),
            "see the [report](https://a.b/r)\n",
        ),
        (
            _doc(ListBlock(False, (Inline("a"), Inline("b")))),
            "- a\n- b\n",
        ),
        (
            _doc(ListBlock(True, (Inline("c"), Inline("d")), start=3)),
            "3. c\n4. d\n",
        ),
        (
            _doc(
                ListBlock(False, (Inline("outer"),)),
                ListBlock(True, (Inline("inner"),), depth=1),
                ListBlock(False, (Inline("after"),)),
            ),
            "- outer\n    1. inner\n- after\n",
        ),
        (
            _doc(Paragraph(Inline("intro")), ListBlock(False, (Inline("orphan"),), depth=2)),
            "intro\n\n- orphan\n",
        ),
        (
            _doc(Quote((Inline("first"), Inline("second\nline")))),
            "> first\n>\n> second\\\n> line\n",
        ),
        (_doc(Preformatted("x = 1\n  y")), "```text\nx = 1\n  y\n```\n"),
        (_doc(Preformatted("a ``` b")), "````text\na ``` b\n````\n"),
        (_doc(Figure("A chart", "https://a.b/c.png")), "![A chart](https://a.b/c.png)\n"),
        (_doc(Figure("A chart", None)), "\\[image: A chart\\]\n"),
        (_doc(Figure("", "data:image/png;base64,AAAA")), "\\[image\\]\n"),
        (
            _doc(Table(((Inline("h1"), Inline("h2")), (Inline("1"),)), has_header=True)),
            "| h1 | h2 |\n| --- | --- |\n| 1 |  |\n",
        ),
        (
            _doc(Table(((Inline("a|b"), Inline("c")),))),
            "|  |  |\n| --- | --- |\n| a\\|b | c |\n",
        ),
        (_doc(), ""),
    ],
)
def test_blocks(document: Document, expected: str) -> None:
    assert document_markdown(document) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        "# not a heading",
        "[click](javascript:alert(1))",
        "![x](https://tracker.example/p.gif)",
        "<script>alert(1)</script> <b>bold</b>",
        "*emphasis* and _this_ and `code` and ~~gone~~",
        "1. not a list",
        "- not a list",
        "+ not a list",
        "> not a quote",
        "---",
        "===",
        "| a | b |",
        "&lt; stays as typed",
        "```",
        "back\\slash [x]",
    ],
)
def test_feed_text_stays_text(hostile: str) -> None:
    markdown = document_markdown(_doc(Paragraph(Inline(hostile))))
    assert _types(markdown) == {"paragraph_open", "inline", "text", "paragraph_close"}, markdown
    assert _text(markdown) == hostile


def test_control_characters_and_escapes_are_removed() -> None:
    markdown = article_markdown(
        "Title\x1b]52;c;ZXZpbA==\x07 \x1b[31mred\u202e", _doc(Paragraph(Inline("a\x00b\x9bc")))
    )
    assert "\x1b" not in markdown and "\x00" not in markdown and "\u202e" not in markdown
    assert markdown.startswith("# Title red\n")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.b/x y", "https://a.b/x%20y"),
        ("https://a.b/p(1)", "https://a.b/p%281%29"),
        ("https://a.b/<x>", "https://a.b/%3Cx%3E"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("file:///etc/passwd", None),
        ("/relative", None),
    ],
)
def test_safe_target(url: str, expected: str | None) -> None:
    assert safe_target(url) == expected


def test_unsafe_link_keeps_its_text() -> None:
    document = _doc(
        Paragraph(Inline("bad and good", (LinkRef(0, 3, 1), LinkRef(8, 12, 2)))),
        links=("javascript:alert(1)", "https://ok.example/(a)"),
    )
    markdown = document_markdown(document)
    assert markdown == "bad and [good](https://ok.example/%28a%29)\n"
    links = [t.attrs["href"] for t in _tokens(markdown) if t.type == "link_open"]
    assert links == ["https://ok.example/%28a%29"]


def test_link_text_cannot_close_the_link() -> None:
    document = _doc(
        Paragraph(Inline("a](javascript:x) b", (LinkRef(0, 18, 1),))),
        links=("https://ok.example/",),
    )
    links = [t.attrs["href"] for t in _tokens(document_markdown(document)) if t.type == "link_open"]
    assert links == ["https://ok.example/"]


def test_whole_article() -> None:
    document = html_to_document(
        "<p>Hello <a href='/about'>about</a>.</p><ul><li>x<ul><li>y</li></ul></li></ul>",
        base_url="https://news.example/a/1",
    )
    markdown = article_markdown(
        "Budget #2: *big* news",
        document,
        source="Tech [news]",
        published=datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        author="Ana Lima",
        link="https://news.example/a/1?x=(1)",
    )
    assert markdown == (
        "# Budget \\#2: \\*big\\* news\n"
        "\n"
        "Source: Tech \\[news\\]  \n"
        "Date: 2024-05-01 12:30 UTC  \n"
        "Author: Ana Lima  \n"
        "Link: <https://news.example/a/1?x=%281%29>\n"
        "\n"
        "Hello [about](https://news.example/about).\n"
        "\n"
        "- x\n"
        "    - y\n"
    )
    headings = [t for t in _tokens(markdown) if t.type == "heading_open"]
    assert [h.tag for h in headings] == ["h1"]


def test_article_without_facts_or_body() -> None:
    assert article_markdown("", _doc()) == "# Untitled\n"


def test_escape_reads_back() -> None:
    text = "50% of *all* [x] <y> & z_1 #tag 3. ok"
    assert _text(escape(text)) == text
