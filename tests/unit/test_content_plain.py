"""Plain text for the search index: the words a reader sees, found in linear time."""

from __future__ import annotations

import pytest

from wirereader.content.plain import plain_text


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>Putin met <b>Xi</b> in Moscow.</p>", "Putin met Xi in Moscow."),
        ("Plain text, no tags &amp; an entity", "Plain text, no tags & an entity"),
        ("<p>a</p><script>var secret = 1;</script><p>b</p>", "a b"),
        ("<style>p { color: red }</style>kept", "kept"),
        ("<!-- hidden --><p>shown</p>", "shown"),
        ("<p>3 < 4 and 5 > 2</p>", "3 < 4 and 5 > 2"),
        ("<p>tab\x1b]52;c;Zm9v\x07here\u202e</p>", "tabhere"),
        ("<p>cut off <a href='x", "cut off"),
        ("<SCRIPT>x</SCRIPT >after", "after"),
        ("<p><b>Lis</b>bon</p><p>next</p>", "Lisbon next"),
        ("one<br>two<li>three</li>", "one two three"),
    ],
)
def test_plain_text_keeps_the_visible_words(html: str, words: str) -> None:
    assert " ".join(plain_text(html).split()) == words


def test_unclosed_hidden_elements_drop_the_rest() -> None:
    assert plain_text("before<script>never closed").strip() == "before"
    assert plain_text("before<!-- never closed").strip() == "before"


def test_many_hidden_blocks_each_end_where_their_closer_is() -> None:
    body = "<p>w</p><script>x</script><!-- c -->" * 20_000
    assert plain_text(body).split() == ["w"] * 20_000
