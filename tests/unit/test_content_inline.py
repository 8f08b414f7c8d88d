"""Inline text building: lazy whitespace, link runs and numbering, and vetted link targets."""

from __future__ import annotations

import pytest

from wirereader.content.blocks import Inline, LinkRef
from wirereader.content.inline import WEB_SCHEMES, LinkTable, TextBuffer, safe_url

BASE = "https://news.example/a/b.html"


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        pytest.param("https://x.example/p?q=1#f", None, "https://x.example/p?q=1#f", id="absolute"),
        pytest.param("HTTP://X.example/", None, "HTTP://X.example/", id="scheme-case"),
        pytest.param("c.html", BASE, "https://news.example/a/c.html", id="relative"),
        pytest.param("../up", BASE, "https://news.example/up", id="parent"),
        pytest.param("//cdn.example/x", BASE, "https://cdn.example/x", id="protocol-relative"),
        pytest.param("c.html", None, None, id="relative-without-base"),
        pytest.param("c.html", "javascript:alert(1)", None, id="unsafe-base"),
        pytest.param("c.html", "/relative/base", None, id="relative-base"),
        pytest.param("#top", BASE, None, id="fragment-only"),
        pytest.param("", BASE, None, id="empty"),
        pytest.param("  https://x.example/a b\t\n ", None, "https://x.example/a%20b", id="spaces"),
        pytest.param(
            "https://x.example/\u00a0", None, "https://x.example/", id="edge-nbsp-stripped"
        ),
        pytest.param(
            "https://x.example/a\u2003b", None, "https://x.example/a%E2%80%83b", id="em-space"
        ),
        pytest.param("https://x.example/\x1b[31m\u202e", None, "https://x.example/", id="escapes"),
        pytest.param("javascript:alert(1)", BASE, None, id="javascript"),
        pytest.param("java\nscript:alert(1)", BASE, None, id="javascript-split"),
        pytest.param("data:text/html,<b>", BASE, None, id="data"),
        pytest.param("http://[::1", None, None, id="bad-ipv6"),
        pytest.param("http:///path", None, None, id="no-host"),
        pytest.param("mailto:a@b.example", None, "mailto:a@b.example", id="mailto"),
        pytest.param("mailto:", None, None, id="empty-mailto"),
    ],
)
def test_safe_url(raw: str, base: str | None, expected: str | None) -> None:
    assert safe_url(raw, base) == expected


def test_image_sources_refuse_mailto() -> None:
    assert safe_url("mailto:a@b.example", schemes=WEB_SCHEMES) is None


def test_link_table_numbers_in_first_use_order() -> None:
    table = LinkTable()
    assert [table.number(url) for url in ("u1", "u2", "u1", "u3")] == [1, 2, 1, 3]
    assert table.urls == ("u1", "u2", "u3")
    assert table.inline("ab", [(0, 1, "u3")]) == Inline("ab", (LinkRef(0, 1, 3),))


def test_text_buffer_collapses_whitespace_across_chunks() -> None:
    buffer = TextBuffer()
    for chunk in ("  Hello", " ", "wor", "ld\n\t", "", " again  "):
        buffer.add(chunk)
    assert buffer.take() == ("Hello world again", [])
    assert buffer.take() is None


def test_text_buffer_breaks_are_lazy_and_bounded() -> None:
    buffer = TextBuffer()
    buffer.line_break()
    buffer.add("a ")
    buffer.line_break()
    buffer.line_break()
    buffer.line_break()
    buffer.add("b")
    buffer.soft_break()
    buffer.add(" c")
    buffer.soft_break()
    buffer.line_break()
    assert buffer.take() == ("a\n\nb\nc", [])


def test_text_buffer_link_runs() -> None:
    buffer = TextBuffer()
    first, second = (1, "https://one.example/"), (2, "https://one.example/")
    buffer.add("see ")
    buffer.add(" the ", first)
    buffer.add("page ", first)
    buffer.add("and", second)
    buffer.add(" this")
    assert buffer.take() == (
        "see the page and this",
        [(4, 12, "https://one.example/"), (13, 16, "https://one.example/")],
    )


def test_text_buffer_cleans_escapes() -> None:
    buffer = TextBuffer()
    buffer.add("a\x1b[31m b\u202e\x00c")
    assert buffer.take() == ("a bc", [])
