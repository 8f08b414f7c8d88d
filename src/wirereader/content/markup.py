"""Split untrusted HTML into start tags, end tags and text, in time linear in its length.

`html.parser` in Python 3.11 rescans the rest of the input for every unterminated construct
(120 kB of `<a b='` takes about a minute) and `html.unescape` raises on a numeric reference
of thousands of digits, so article bodies are tokenised here instead: every construct is
either matched by a possessive (non-backtracking) expression and skipped over whole, or its
`<` is kept as text, and a failed search is never repeated. Comments, doctypes and processing
instructions are dropped; entities are decoded in text and attribute values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

# Elements whose content is raw text up to their own end tag, never markup.
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "textarea", "title", "iframe", "noscript", "noembed", "noframes"}
)

_QUOTE_AWARE_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_LOOSE_TAG = re.compile(r"<([a-zA-Z][^\s/>]*+)([^>]*+)>")
_END_TAG = re.compile(r"</([a-zA-Z][^\s/>]*+)[^>]*+>")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]++))?""")
_HUGE_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{9,}|[0-9]{9,});?")
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}(?![^\s/>])", re.IGNORECASE) for name in RAW_TEXT_ELEMENTS
}


@dataclass(frozen=True, slots=True)
class StartTag:
    """`<name attr=value ...>`; `self_closing` when written `<name ... />`."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    self_closing: bool = False


@dataclass(frozen=True, slots=True)
class EndTag:
    name: str


@dataclass(frozen=True, slots=True)
class Text:
    text: str


Token = StartTag | EndTag | Text


def decode_entities(text: str) -> str:
    """`html.unescape` made total: absurdly long numeric references become U+FFFD first."""
    if "&" not in text:
        return text
    return unescape(_HUGE_CHARREF.sub("\ufffd", text))


def tokenize(html: str) -> Iterator[Token]:
    """Yield the tokens of `html` in order; adjacent text is merged into one `Text`."""
    return _Scanner(html).tokens()


class _Scanner:
    """One forward pass over the source; `pos` only ever moves ahead."""

    def __init__(self, source: str) -> None:
        self._src = source
        self._last_gt = source.rfind(">")
        self._quote_aware = True
        self._text: list[str] = []

    def tokens(self) -> Iterator[Token]:
        """The main loop: text up to the next `<`, then whatever that `<` starts."""
        src, pos = self._src, 0
        while pos < len(src):
            lt = src.find("<", pos)
            if lt < 0:
                self._text.append(src[pos:])
                break
            self._text.append(src[pos:lt])
            token, pos = self._markup(lt)
            if token is None:
                continue
            if text := self._pending_text():
                yield Text(text)
            yield token
            if isinstance(token, StartTag) and _opens_raw_text(token):
                raw, pos = self._raw_text(token.name, pos)
                if raw:
                    yield Text(raw)
        if text := self._pending_text():
            yield Text(text)

    def _pending_text(self) -> str:
        text = decode_entities("".join(self._text))
        self._text.clear()
        return text

    def _markup(self, lt: int) -> tuple[Token | None, int]:
        """The token starting at `<` (None when dropped or kept as text) and where to go on."""
        src = self._src
        after = src[lt + 1 : lt + 2]
        if after.isascii() and after.isalpha():
            return self._start_tag(lt)
        if src.startswith("<!--", lt):
            end = src.find("-->", lt + 2)  # `<!-->` and `<!--->` are empty comments
            # Like a browser, an unterminated comment hides the rest of the document.
            return None, len(src) if end < 0 else end + 3
        if after == "/" and src[lt + 2 : lt + 3].isascii() and src[lt + 2 : lt + 3].isalpha():
            if lt < self._last_gt:
                match = _END_TAG.match(src, lt)
                if match:
                    return EndTag(match[1].lower()), match.end()
        elif after in ("!", "?", "/") and lt < self._last_gt:
            return None, src.index(">", lt) + 1  # a bogus comment, up to the next `>`
        self._text.append("<")
        return None, lt + 1

    def _start_tag(self, lt: int) -> tuple[Token | None, int]:
        """A start tag; after one quote-aware attempt runs off the end, quotes are ignored.

        A failed quote-aware match has scanned to the end of the input, so it is done at most
        once; the loose form then always succeeds while a `>` is still ahead.
        """
        if lt > self._last_gt:
            self._text.append("<")
            return None, lt + 1
        match = None
        if self._quote_aware:
            match = _QUOTE_AWARE_TAG.match(self._src, lt)
            self._quote_aware = match is not None
        if match is None:
            match = _LOOSE_TAG.match(self._src, lt)
        if match is None:
            self._text.append("<")
            return None, lt + 1
        return _make_start_tag(match[1], match[2]), match.end()

    def _raw_text(self, name: str, pos: int) -> tuple[str, int]:
        """The raw content of a script-like element up to its end tag (or the end)."""
        match = _RAW_TEXT_END[name].search(self._src, pos)
        end = len(self._src) if match is None else match.start()
        return self._src[pos:end], end


def _opens_raw_text(tag: StartTag) -> bool:
    return tag.name in RAW_TEXT_ELEMENTS and not tag.self_closing


def _make_start_tag(name: str, rest: str) -> StartTag:
    """Build a start tag; a final `/` closes it unless it belongs to an unquoted value."""
    body = rest.rstrip()
    self_closing = body.endswith("/") and (len(body) == 1 or body[-2] in " \t\n\r\f\"'")
    if self_closing:
        body = body[:-1]
    return StartTag(name.lower(), _parse_attributes(body), self_closing)


def _parse_attributes(text: str) -> dict[str, str]:
    """Attribute names (lower-cased, first one wins) to decoded values."""
    attrs: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match[2] or ""
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value = value[1:-1]
        attrs.setdefault(match[1].lower(), decode_entities(value))
    return attrs
