"""Inline text of one block: collapsed whitespace, link ranges, numbered and vetted link targets."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from wirereader.content.blocks import Inline, LinkRef
from wirereader.content.sanitize import clean_text

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})

# Browsers drop tabs and newlines anywhere in a URL, so `java\tscript:` is `javascript:`.
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_SPACE = re.compile(r"\s")

# An anchor in the text: a serial number telling apart two anchors to the same target,
# and the vetted target.
Anchor = tuple[int, str]
# A finished run of anchor text: `[start, end)` and its target.
LinkRun = tuple[int, int, str]


def safe_url(
    raw: str, base_url: str | None = None, schemes: frozenset[str] = LINK_SCHEMES
) -> str | None:
    """`raw` as an absolute URL with an allowed scheme, or None (scripts, data, fragments).

    Relative references are resolved against `base_url` when it is itself a safe http(s)
    URL; control characters go and inner whitespace is percent-encoded.
    """
    url = _tidy_url(raw)
    if not url or url.startswith("#"):
        return None
    try:
        if not urlsplit(url).scheme:
            base = safe_url(base_url, schemes=WEB_SCHEMES) if base_url else None
            if base is None:
                return None
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced `[` in an IPv6 host
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return None
    if scheme == "mailto":
        return url if parts.path else None
    return url if parts.hostname else None


def _tidy_url(raw: str) -> str:
    """Strip escapes, controls, tabs and newlines; percent-encode any other whitespace."""
    url = _URL_DROPPED.sub("", clean_text(raw)).strip()
    return _URL_SPACE.sub(lambda match: quote(match[0]), url)


class LinkTable:
    """Numbers link targets from 1 in order of first use; a reused target keeps its number."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def number(self, url: str) -> int:
        """The number of `url`, assigning the next one on first use."""
        return self._numbers.setdefault(url, len(self._numbers) + 1)

    def inline(self, text: str, runs: list[LinkRun]) -> Inline:
        """An `Inline` whose anchor runs point at this table's numbers."""
        links = tuple(LinkRef(start, end, self.number(url)) for start, end, url in runs)
        return Inline(text, links)

    @property
    def urls(self) -> tuple[str, ...]:
        """The targets in number order."""
        return tuple(self._numbers)


class TextBuffer:
    """Collects one block's text, collapsing whitespace lazily so block edges come out trimmed.

    A space or line break is only written when a later word arrives, so trailing whitespace,
    leading `<br>`s and spaces inside link edges never reach the result.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._space = False
        self._breaks = 0
        self._runs: list[LinkRun] = []
        self._anchor: Anchor | None = None
        self._anchor_start = 0
        self._anchor_end = 0

    def add(self, text: str, anchor: Anchor | None = None) -> None:
        """Append prose (cleaned, whitespace runs collapsed), inside `anchor` if given."""
        text = clean_text(text)
        words = text.split()
        if not words:
            self._space = self._space or bool(text)
            return
        self._space = self._space or text[0].isspace()
        self._write_separator()
        start = self._size
        chunk = " ".join(words)
        self._parts.append(chunk)
        self._size += len(chunk)
        self._track_anchor(anchor, start)
        self._space = text[-1].isspace()

    def soft_break(self) -> None:
        """End the current line if it has text (a block boundary inside a list item or cell)."""
        if self._parts:
            self._breaks = max(self._breaks, 1)

    def line_break(self) -> None:
        """A `<br>`: a newline, at most one blank line in a row."""
        if self._parts:
            self._breaks = min(self._breaks + 1, 2)

    def take(self) -> tuple[str, list[LinkRun]] | None:
        """The text so far and its link runs (None if there is none); the buffer restarts."""
        if not self._parts:
            self._space = False
            return None
        self._close_anchor()
        text, runs = "".join(self._parts), self._runs
        self._reset()
        return text, runs

    def _write_separator(self) -> None:
        separator = "\n" * self._breaks if self._breaks else " " * self._space
        if self._parts and separator:
            self._parts.append(separator)
            self._size += len(separator)
        self._breaks = 0
        self._space = False

    def _track_anchor(self, anchor: Anchor | None, start: int) -> None:
        """Extend the current link run, or close it and open one for a different anchor."""
        if anchor != self._anchor:
            self._close_anchor()
            self._anchor, self._anchor_start = anchor, start
        self._anchor_end = self._size

    def _close_anchor(self) -> None:
        if self._anchor is not None:
            self._runs.append((self._anchor_start, self._anchor_end, self._anchor[1]))
        self._anchor = None
