"""The tokenizer splits any string into tags and text, as a browser would, in one pass."""

from __future__ import annotations

import pytest

from wirereader.content.markup import EndTag, StartTag, Text, Token, decode_entities, tokenize


def tokens(html: str) -> list[Token]:
    return list(tokenize(html))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("plain", [Text("plain")], id="text"),
        pytest.param("", [], id="empty"),
        pytest.param(
            "<P Class=x>Hi</P>",
            [StartTag("p", {"class": "x"}), Text("Hi"), EndTag("p")],
            id="case-folded",
        ),
        pytest.param(
            """<a href="x>y" title='it' data-n=5 hidden>""",
            [StartTag("a", {"href": "x>y", "title": "it", "data-n": "5", "hidden": ""})],
            id="attribute-forms",
        ),
        pytest.param(
            '<img src="a.png" src="b.png" alt="&quot;A&quot; &amp; B">',
            [StartTag("img", {"src": "a.png", "alt": '"A" & B'})],
            id="first-attribute-wins-and-decoded",
        ),
        pytest.param("<br/>", [StartTag("br", {}, self_closing=True)], id="self-closing"),
        pytest.param(
            '<img src="x" />', [StartTag("img", {"src": "x"}, self_closing=True)], id="spaced-slash"
        ),
        pytest.param("<a href=/>", [StartTag("a", {"href": "/"})], id="slash-in-unquoted-value"),
        pytest.param("</div  junk>", [EndTag("div")], id="end-tag-junk"),
        pytest.param("a<!-- c -->b<!-->c<!--->d", [Text("abcd")], id="comments-dropped"),
        pytest.param("<!DOCTYPE html><?php x ?>t", [Text("t")], id="declarations-dropped"),
        pytest.param("a</>b</ 3>c", [Text("abc")], id="bogus-end-tags-dropped"),
        pytest.param("1 < 2 <3 <", [Text("1 < 2 <3 <")], id="lone-angles-are-text"),
        pytest.param("a<b", [Text("a<b")], id="unterminated-tag-is-text"),
        pytest.param("&lt;p&gt; &amp;amp;", [Text("<p> &amp;")], id="entities-once"),
        pytest.param(
            "<script>if (a<b) { x = '</p>' }</script>t",
            [
                StartTag("script"),
                Text("if (a<b) { x = '</p>' }"),
                EndTag("script"),
                Text("t"),
            ],
            id="script-is-raw-text",
        ),
        pytest.param(
            "<STYLE>p{}</style >", [StartTag("style"), Text("p{}"), EndTag("style")], id="raw-case"
        ),
        pytest.param(
            "<script>never closed <p>",
            [StartTag("script"), Text("never closed <p>")],
            id="raw-open",
        ),
        pytest.param(
            "<script/><p>",
            [StartTag("script", {}, self_closing=True), StartTag("p")],
            id="raw-empty",
        ),
    ],
)
def test_tokenize(html: str, expected: list[Token]) -> None:
    assert tokens(html) == expected


def test_unterminated_quote_falls_back_to_ignoring_quotes() -> None:
    html = "<a title='broken>text</a><b>bold</b>"
    assert tokens(html) == [
        StartTag("a", {"title": "'broken"}),
        Text("text"),
        EndTag("a"),
        StartTag("b"),
        Text("bold"),
        EndTag("b"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("no entities", "no entities", id="none"),
        pytest.param("&eacute;&#233;&#xE9;", "ééé", id="named-decimal-hex"),
        pytest.param("&#" + "9" * 5000 + ";", "\ufffd", id="huge-decimal"),
        pytest.param("&#x" + "f" * 5000, "\ufffd", id="huge-hex"),
        pytest.param("&#00000065;", "A", id="leading-zeros"),
    ],
)
def test_decode_entities(text: str, expected: str) -> None:
    assert decode_entities(text) == expected
