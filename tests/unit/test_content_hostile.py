"""Hostile article bodies: escapes never survive, depth and size never hurt, nothing raises."""

from __future__ import annotations

import random
import re
import time

import pytest

from wirereader.content import Document, html_to_document
from wirereader.content.blocks import (
    Figure,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    block_inlines,
)
from wirereader.content.html import MAX_LIST_DEPTH

ESC = "\x1b"
ATTACK = f"a{ESC}]52;c;ZXZpbA==\x07b{ESC}[2J\x9b31m\u202eg\u2066n\x00\x85{ESC}P1$r{ESC}\\c"
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def all_texts(document: Document) -> list[str]:
    """Every string of a document that reaches the screen."""
    texts = [inline.text for block in document.blocks for inline in block_inlines(block)]
    for block in document.blocks:
        if isinstance(block, Figure):
            texts += [block.caption, block.src or ""]
        elif isinstance(block, Preformatted):
            texts.append(block.text)
    return texts + list(document.links)


def assert_well_formed(document: Document) -> None:
    """The invariants the UI relies on, whatever the input was."""
    for text in all_texts(document):
        assert not FORBIDDEN.search(text), repr(text)
    for url in document.links:
        assert re.fullmatch(r"(https?://|mailto:)\S+", url), url
    assert len(set(document.links)) == len(document.links)
    used: set[int] = set()
    for block in document.blocks:
        assert_block_well_formed(block)
        for inline in block_inlines(block):
            assert_links_in_range(inline, len(document.links))
            used.update(link.number for link in inline.links)
    assert used == set(range(1, len(document.links) + 1))


def assert_block_well_formed(block: object) -> None:
    if isinstance(block, Paragraph):
        assert block.body.text and block.body.text == block.body.text.strip()
    elif isinstance(block, ListBlock):
        assert block.items and all(item.text for item in block.items)
        assert 0 <= block.depth < MAX_LIST_DEPTH
    elif isinstance(block, Figure):
        assert block.caption and "\n" not in block.caption
        assert block.src is None or block.src.startswith(("http://", "https://"))


def assert_links_in_range(inline: Inline, count: int) -> None:
    previous_end = 0
    for link in inline.links:
        assert previous_end <= link.start < link.end <= len(inline.text)
        assert 1 <= link.number <= count
        previous_end = link.end


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(f"<p>{ATTACK}</p>", id="paragraph"),
        pytest.param(f"<h2>{ATTACK}</h2>", id="heading"),
        pytest.param(f"<ul><li>{ATTACK}</li></ul>", id="list-item"),
        pytest.param(f"<blockquote>{ATTACK}</blockquote>", id="quote"),
        pytest.param(f"<table><tr><th>{ATTACK}</th></tr></table>", id="cell"),
        pytest.param(f"<pre>{ATTACK}</pre>", id="pre"),
        pytest.param(f'<img alt="{ATTACK}" src="https://x.example/{ATTACK}">', id="img-alt-src"),
        pytest.param(f"<figure><img><figcaption>{ATTACK}</figcaption></figure>", id="figcaption"),
        pytest.param(f'<a href="https://x.example/{ATTACK}">{ATTACK}</a>', id="link"),
        pytest.param(ATTACK, id="plain-text"),
    ],
)
def test_escape_sequences_never_survive(html: str) -> None:
    document = html_to_document(html)
    assert_well_formed(document)
    assert "abgnc" in " ".join(all_texts(document))


def test_escapes_written_as_references_never_survive() -> None:
    document = html_to_document("<p>&#27;]52;c;QQ==&#7;&#x1b;[31m&#x9b;&#x202e;x</p>")
    assert_well_formed(document)
    assert document.blocks == (Paragraph(Inline("]52;c;QQ==[31m›x")),)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        pytest.param("<div>", "</div>", id="div"),
        pytest.param("<span>", "</span>", id="span"),
        pytest.param("<ul><li>", "</li></ul>", id="list"),
        pytest.param("<blockquote>", "</blockquote>", id="quote"),
        pytest.param("<table><tr><td>", "</td></tr></table>", id="table"),
        pytest.param("<figure><figcaption>", "</figcaption></figure>", id="figure"),
        pytest.param('<a href="https://x.example/">', "</a>", id="anchor"),
        pytest.param("<svg>", "</svg>", id="dropped"),
        pytest.param("<ol><li><blockquote><h2><pre><table><td>", "", id="mixed-unclosed"),
    ],
)
def test_ten_thousand_deep_nesting(opening: str, closing: str) -> None:
    html = opening * 10_000 + "deep" + closing * 10_000 + "<p>after</p>"
    started = time.perf_counter()
    document = html_to_document(html)
    assert time.perf_counter() - started < 3
    assert_well_formed(document)
    if opening != "<svg>":
        assert "deep" in " ".join(all_texts(document))


def test_two_megabyte_body_is_quick() -> None:
    paragraph = (
        "<p>"
        + "The committee met in Geneva on Tuesday to discuss the budget. " * 4
        + '<a href="https://news.example/story">a linked phrase</a> and <b>bold</b> &amp; more.'
        + "</p>\n"
    )
    html = paragraph * (2_000_000 // len(paragraph) + 1)
    started = time.perf_counter()
    document = html_to_document(html)
    assert time.perf_counter() - started < 5
    assert len(document.blocks) == html.count("<p>")
    assert document.links == ("https://news.example/story",)


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("<a b='", id="unterminated-quote"),
        pytest.param('<a b="x" c="', id="unterminated-quote-after-attr"),
        pytest.param("<a ", id="unterminated-tag"),
        pytest.param("</x", id="unterminated-end-tag"),
        pytest.param("</", id="end-tag-opener"),
        pytest.param("<!--", id="comment-openers"),
        pytest.param("<!", id="declaration-openers"),
        pytest.param("<?", id="pi-openers"),
        pytest.param("<![CDATA[", id="cdata-openers"),
        pytest.param("<script>", id="script-openers"),
        pytest.param("&#", id="charref-openers"),
        pytest.param("<p x=>", id="many-tags"),
    ],
)
def test_malformed_markup_stays_linear(unit: str) -> None:
    """At this size `html.parser` (quadratic on these) would take minutes; here under 2 s."""
    html = "<p>start</p>" + unit * (300_000 // len(unit))
    started = time.perf_counter()
    document = html_to_document(html)
    assert time.perf_counter() - started < 2
    assert_well_formed(document)
    assert document.blocks[0] == Paragraph(Inline("start"))


FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<hr>", "<ul>", "<ol start=3>", "</ul>", "</ol>",
    "<li>", "</li>", "<blockquote>", "</blockquote>", "<pre>", "</pre>", "<h1>", "<h3>",
    "</h2>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "<th>", "</td>", "<thead>",
    "</thead>", "<figure>", "</figure>", "<figcaption>", "</figcaption>", "<img alt='pic'>",
    "<img src='/i.png'>", '<a href="https://a.example/">', '<a href="/rel">',
    '<a href="javascript:x">', "</a>", "<script>", "</script>", "<svg>", "</svg>", "<b>",
    "</i>", "<!--", "-->", "<!", "<", ">", "'", '"', "&amp;", "&#", "&#x1b;", "word ",
    "more words ", "\n\n", "  ", ESC, "\x9b", "\u202e", "[bold]", "<p/>", "<a b='", "</",
    "<td/>", "<head>", "<body>",
]  # fmt: skip


def test_random_tag_soup_keeps_the_invariants() -> None:
    generator = random.Random(20240419)
    for _ in range(400):
        html = "".join(generator.choices(FRAGMENTS, k=generator.randint(1, 60)))
        assert_well_formed(html_to_document(html, base_url="https://news.example/a/b"))
