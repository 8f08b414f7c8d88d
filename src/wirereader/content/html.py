"""Turn an article's HTML (or plain text) into a safe `Document` of text blocks.

The body comes from a feed, so it is treated as hostile: it is tokenised in linear time, no
recursion is used, open structures are bounded (deeper ones are flattened into their
ancestor), every stray or missing tag is tolerated, and all text is cleaned of terminal
escapes and control characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from wirereader.content.blocks import (
    Block,
    Document,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
)
from wirereader.content.inline import WEB_SCHEMES, Anchor, LinkTable, TextBuffer, safe_url
from wirereader.content.markup import EndTag, StartTag, Text, Token, decode_entities, tokenize
from wirereader.content.sanitize import clean_line, clean_text

MAX_LIST_DEPTH = 8
MAX_QUOTE_DEPTH = 8

# Dropped with everything inside them.
_DROPPED = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head",
        "title", "textarea", "select", "button", "option", "optgroup", "datalist", "noembed",
        "noframes", "canvas", "audio", "video",
    }
)  # fmt: skip
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
# Elements that only end the current paragraph (or line, inside a list item or cell).
_BOUNDARY = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "address", "details", "summary", "dl", "dt", "dd", "center", "fieldset", "legend",
        "caption", "html", "body", "form", "hgroup", "menu", "dialog", "search", "hr",
    }
)  # fmt: skip
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_TABLE_PARTS = frozenset({"tr", "td", "th", "thead", "tbody", "tfoot"})
# Any of these starting inside a heading ends the heading first (unclosed `<h2>` in a feed).
_ENDS_HEADING = _BOUNDARY | _TABLE_PARTS | set(_HEADINGS) | {
    "ul", "ol", "li", "table", "pre", "blockquote", "figure", "figcaption",
}  # fmt: skip
_MARKUP_HINT = re.compile(r"<[a-zA-Z!/?]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LIST_START = re.compile(r"-?[0-9]{1,9}")
_PIXEL_SIZE = re.compile(r"\s*[01](?:px)?\s*")
_EMOJI_CLASS = re.compile(r"emoji|smiley", re.IGNORECASE)

_F = TypeVar("_F", bound="_Frame")


def html_to_document(html: str, *, base_url: str | None = None) -> Document:
    """Parse an article body; never raises, and takes time linear in the input's length.

    Relative links and image sources are resolved against `base_url` (the article's page);
    without it they are dropped. A body without any tags is plain text: its blank lines
    separate paragraphs.
    """
    if not _MARKUP_HINT.search(html):
        return _plain_text_document(html)
    builder = _Builder(base_url)
    for token in tokenize(html):
        builder.feed(token)
    return builder.finish()


def _plain_text_document(text: str) -> Document:
    """Paragraphs split on blank lines, each with its whitespace collapsed."""
    chunks = _BLANK_LINE.split(clean_text(decode_entities(text)))
    paragraphs = (" ".join(chunk.split()) for chunk in chunks)
    return Document(tuple(Paragraph(Inline(text)) for text in paragraphs if text))


@dataclass(eq=False, kw_only=True)
class _Frame:
    """An open structure. `absorbed` counts same-kind elements flattened into it (too deep)."""

    mode: ClassVar[str] = "para"  # how text, boundaries and structures behave on top of it
    absorbed: int = 0


@dataclass(eq=False, kw_only=True)
class _Quote(_Frame):
    pass


@dataclass(eq=False, kw_only=True)
class _List(_Frame):
    ordered: bool
    depth: int
    number: int  # of the first item not yet emitted
    items: list[Inline] = field(default_factory=list)


@dataclass(eq=False, kw_only=True)
class _Item(_Frame):
    mode: ClassVar[str] = "item"
    owner: _List


@dataclass(eq=False, kw_only=True)
class _Table(_Frame):
    rows: list[tuple[tuple[Inline, ...], bool]] = field(default_factory=list)
    row: list[Inline] | None = None
    row_all_th: bool = True
    in_head: bool = False


@dataclass(eq=False, kw_only=True)
class _Cell(_Frame):
    mode: ClassVar[str] = "inline"
    owner: _Table
    header: bool


@dataclass(eq=False, kw_only=True)
class _Figure(_Frame):
    has_image: bool = False
    src: str | None = None
    alt: str = ""
    captions: list[str] = field(default_factory=list)


@dataclass(eq=False, kw_only=True)
class _Caption(_Frame):
    mode: ClassVar[str] = "inline"
    owner: _Figure


@dataclass(eq=False, kw_only=True)
class _Heading(_Frame):
    mode: ClassVar[str] = "heading"
    level: int


@dataclass(eq=False, kw_only=True)
class _Pre(_Frame):
    mode: ClassVar[str] = "pre"
    parts: list[str] = field(default_factory=list)


class _Builder:
    """Consumes tokens and emits blocks in reading order, keeping a small stack of frames.

    Text always belongs to the frame on top of the stack; before a frame is pushed or popped
    the pending text is handed to its owner, so no text is ever attributed to the wrong block.
    """

    def __init__(self, base_url: str | None) -> None:
        self._base_url = base_url
        self._blocks: list[Block] = []
        self._links = LinkTable()
        self._text = TextBuffer()
        self._stack: list[_Frame] = []
        self._lists: list[_List] = []
        self._quote_depth = 0
        self._quote_paragraphs: list[Inline] = []
        self._anchor: Anchor | None = None
        self._anchors_seen = 0
        self._skipping: str | None = None
        self._skip_depth = 0
        self._on_start = self._start_handlers()
        self._on_end = self._end_handlers()

    def _start_handlers(self) -> dict[str, Callable[[StartTag], None]]:
        handlers: dict[str, Callable[[StartTag], None]] = {
            "a": self._open_anchor,
            "br": lambda _: self._text.line_break(),
            "ul": self._open_list,
            "ol": self._open_list,
            "li": lambda _: self._open_item(),
            "blockquote": lambda _: self._open_quote(),
            "pre": lambda _: self._open_pre(),
            "table": lambda _: self._open_table(),
            "figure": lambda _: self._open_figure(),
            "figcaption": lambda _: self._open_caption(),
            "img": self._image,
        }
        handlers.update(dict.fromkeys(_BOUNDARY, lambda _: self._boundary()))
        handlers.update(dict.fromkeys(_HEADINGS, self._open_heading))
        handlers.update(dict.fromkeys(_TABLE_PARTS, lambda tag: self._table_part(tag.name, True)))
        return handlers

    def _end_handlers(self) -> dict[str, Callable[[str], None]]:
        handlers: dict[str, Callable[[str], None]] = {
            "a": self._close_anchor,
            "ul": lambda _: self._close_kind(_List),
            "ol": lambda _: self._close_kind(_List),
            "li": lambda _: self._close_kind(_Item),
            "blockquote": lambda _: self._close_kind(_Quote),
            "table": lambda _: self._close_kind(_Table),
            "figure": lambda _: self._close_kind(_Figure),
            "figcaption": lambda _: self._close_kind(_Caption),
        }
        handlers.update(dict.fromkeys(_BOUNDARY, lambda _: self._boundary()))
        handlers.update(dict.fromkeys(_HEADINGS, lambda _: self._close_kind(_Heading)))
        handlers.update(dict.fromkeys(_TABLE_PARTS, lambda name: self._table_part(name, False)))
        return handlers

    # Tokens.

    def feed(self, token: Token) -> None:
        """Take one token."""
        match token:
            case Text(text):
                self._data(text)
            case StartTag():
                self._start(token)
            case EndTag(name):
                self._end(name)

    def finish(self) -> Document:
        """Close whatever is still open and return the document."""
        self._close_above(0)
        self._flush_into_top()
        self._flush_quote()
        return Document(tuple(self._blocks), self._links.urls)

    def _data(self, text: str) -> None:
        if self._skipping:
            return
        top = self._top()
        if isinstance(top, _Pre):
            top.parts.append(clean_text(text))
        else:
            self._text.add(text, self._anchor)

    def _start(self, tag: StartTag) -> None:
        if self._skipping:
            self._start_while_skipping(tag)
        elif tag.name in _DROPPED:
            if not tag.self_closing:
                self._skipping, self._skip_depth = tag.name, 1
        elif isinstance(pre := self._top(), _Pre):
            self._start_in_pre(pre, tag.name)
        else:
            if self._mode() == "heading" and tag.name in _ENDS_HEADING:
                self._close_top()
            handler = self._on_start.get(tag.name)
            if handler is not None:
                handler(tag)
            if tag.self_closing and tag.name not in _VOID:
                self._end(tag.name)

    def _start_while_skipping(self, tag: StartTag) -> None:
        """Count nested same-name elements; a `<body>` ends an unclosed `<head>`."""
        if tag.name == self._skipping and not tag.self_closing:
            self._skip_depth += 1
        elif self._skipping == "head" and tag.name == "body":
            self._skipping = None

    def _start_in_pre(self, pre: _Pre, name: str) -> None:
        """Inside `<pre>` markup is ignored except line breaks and nested `<pre>`."""
        if name == "br":
            pre.parts.append("\n")
        elif name == "pre":
            pre.absorbed += 1

    def _end(self, name: str) -> None:
        if self._skipping:
            if name == self._skipping:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._skipping = None
        elif isinstance(self._top(), _Pre):
            if name == "pre":
                self._close_kind(_Pre)
        elif (handler := self._on_end.get(name)) is not None:
            handler(name)

    # The frame stack.

    def _top(self) -> _Frame | None:
        return self._stack[-1] if self._stack else None

    def _mode(self) -> str:
        return self._stack[-1].mode if self._stack else "para"

    def _find(self, kind: type[_F]) -> tuple[int, _F] | None:
        """The nearest open `kind` and its index; a cell or caption hides all but its parents."""
        for index in range(len(self._stack) - 1, -1, -1):
            frame = self._stack[index]
            if isinstance(frame, kind):
                return index, frame
            if isinstance(frame, _Cell) and kind is not _Table:
                return None
            if isinstance(frame, _Caption) and kind is not _Figure:
                return None
        return None

    def _push(self, frame: _Frame) -> None:
        self._flush_into_top()
        self._stack.append(frame)
        if isinstance(frame, _List):
            self._lists.append(frame)
        elif isinstance(frame, _Quote):
            self._quote_depth += 1

    def _close_kind(self, kind: type[_Frame]) -> None:
        """An end tag: close the nearest `kind` and everything opened inside it."""
        found = self._find(kind)
        if found is None:
            self._boundary()
        elif found[1].absorbed:
            found[1].absorbed -= 1
            self._boundary()
        else:
            self._close_above(found[0])

    def _close_above(self, index: int) -> None:
        """Close frames from the top until only `index` of them remain."""
        while len(self._stack) > index:
            self._close_top()

    def _close_top(self) -> None:
        self._flush_into_top()
        frame = self._stack.pop()
        match frame:
            case _Quote():
                self._quote_depth -= 1
                if not self._quote_depth:
                    self._flush_quote()
            case _List():
                self._lists.pop()
                if frame.items:
                    self._emit(self._list_block(frame))
            case _Table():
                self._close_table(frame)
            case _Cell():
                self._close_cell(frame)
            case _Figure():
                self._close_figure(frame)
            case _Caption():
                taken = self._text.take()
                if taken is not None:
                    frame.owner.captions.append(clean_line(taken[0]))
            case _Heading():
                if (inline := self._take_inline()) is not None:
                    self._emit(Heading(frame.level, inline))
            case _Pre():
                self._close_pre(frame)

    def _flush_into_top(self) -> None:
        """Hand pending text to the top frame: an item of its list, or a paragraph.

        Cells, captions, headings and `<pre>` take their text themselves when they close.
        """
        top = self._top()
        if isinstance(top, _Cell | _Caption | _Heading | _Pre):
            return
        inline = self._take_inline()
        if inline is None:
            return
        if isinstance(top, _Item):
            top.owner.items.append(inline)
        else:
            self._emit(Paragraph(inline))

    def _take_inline(self) -> Inline | None:
        taken = self._text.take()
        return None if taken is None else self._links.inline(*taken)

    def _boundary(self) -> None:
        """A block-level tag: ends the paragraph, or the line inside an item, cell or caption."""
        mode = self._mode()
        if mode == "para":
            self._flush_into_top()
        elif mode == "heading":
            self._close_top()
        elif mode != "pre":
            self._text.soft_break()

    # Emitting blocks in reading order.

    def _emit(self, block: Block) -> None:
        """Output a block after the list items before it; inside a quote, prose joins the quote."""
        for frame in self._lists:
            if frame.items:
                self._put(self._list_block(frame))
        if self._quote_depth and isinstance(block, Paragraph | Heading):
            self._quote_paragraphs.append(block.body)
        else:
            self._put(block)

    def _put(self, block: Block) -> None:
        self._flush_quote()
        self._blocks.append(block)

    def _flush_quote(self) -> None:
        if self._quote_paragraphs:
            self._blocks.append(Quote(tuple(self._quote_paragraphs)))
            self._quote_paragraphs = []

    @staticmethod
    def _list_block(frame: _List) -> ListBlock:
        """The items collected so far; a nested list splits its parent into several blocks."""
        start = frame.number if frame.ordered else 1
        block = ListBlock(frame.ordered, tuple(frame.items), frame.depth, start)
        frame.number += len(frame.items)
        frame.items = []
        return block

    # Structures.

    def _open_heading(self, tag: StartTag) -> None:
        if self._mode() == "para":
            self._push(_Heading(level=_HEADINGS[tag.name]))
        else:
            self._boundary()

    def _open_list(self, tag: StartTag) -> None:
        if self._mode() not in ("para", "item"):
            self._boundary()
        elif len(self._lists) >= MAX_LIST_DEPTH:
            self._lists[-1].absorbed += 1
            self._boundary()
        else:
            start = tag.attrs.get("start", "").strip()
            number = int(start) if _LIST_START.fullmatch(start) else 1
            self._push(_List(ordered=tag.name == "ol", depth=len(self._lists), number=number))

    def _open_item(self) -> None:
        found = self._find(_List)
        if found is None:
            self._boundary()
            return
        self._close_above(found[0] + 1)
        self._push(_Item(owner=found[1]))

    def _open_quote(self) -> None:
        if self._mode() != "para":
            self._boundary()
        elif self._quote_depth >= MAX_QUOTE_DEPTH and (found := self._find(_Quote)) is not None:
            found[1].absorbed += 1
            self._boundary()
        else:
            self._push(_Quote())

    def _open_pre(self) -> None:
        if self._mode() in ("para", "item"):
            self._push(_Pre())
        else:
            self._boundary()

    def _close_pre(self, frame: _Pre) -> None:
        """Keep the text's own spacing; only blank lines before and whitespace after go."""
        lines = "".join(frame.parts).rstrip().split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
        if first < len(lines):
            self._emit(Preformatted("\n".join(lines[first:])))

    def _open_table(self) -> None:
        """A table; one nested in a cell is flattened into that cell's text."""
        if (found := self._find(_Table)) is not None:
            found[1].absorbed += 1
            self._boundary()
        elif self._mode() in ("para", "item"):
            self._push(_Table())
        else:
            self._boundary()

    def _table_part(self, name: str, starting: bool) -> None:
        """Rows, cells and sections: each one closes the open cell (and row) first."""
        found = self._find(_Table)
        if found is None or found[1].absorbed:
            self._text.add(" ")  # a nested table's cells stay words apart, its rows lines
            if name not in ("td", "th"):
                self._boundary()
            return
        index, table = found
        if name in ("td", "th") and not starting:
            self._close_kind(_Cell)
            return
        self._close_above(index + 1)
        if name in ("td", "th"):
            self._push(_Cell(owner=table, header=name == "th"))
            return
        self._end_row(table)
        if name in ("thead", "tbody", "tfoot"):
            table.in_head = starting and name == "thead"

    def _close_cell(self, cell: _Cell) -> None:
        """Empty cells are kept so that columns stay aligned."""
        table = cell.owner
        table.row = [] if table.row is None else table.row
        table.row.append(self._take_inline() or Inline(""))
        table.row_all_th = table.row_all_th and cell.header

    @staticmethod
    def _end_row(table: _Table) -> None:
        if table.row:
            table.rows.append((tuple(table.row), table.in_head or table.row_all_th))
        table.row = None
        table.row_all_th = True

    def _close_table(self, table: _Table) -> None:
        self._end_row(table)
        if any(cell.text for row, _ in table.rows for cell in row):
            rows = tuple(row for row, _ in table.rows)
            self._emit(Table(rows, has_header=table.rows[0][1]))

    def _open_figure(self) -> None:
        if (found := self._find(_Figure)) is not None:
            found[1].absorbed += 1
            self._boundary()
        elif self._mode() in ("para", "item"):
            self._push(_Figure())
        else:
            self._boundary()

    def _open_caption(self) -> None:
        figure = self._top()
        if isinstance(figure, _Figure) and not figure.absorbed:
            self._push(_Caption(owner=figure))
        else:
            self._boundary()

    def _close_figure(self, figure: _Figure) -> None:
        """One figure for the image and its caption; a caption without an image is prose."""
        caption = " ".join(text for text in figure.captions if text)
        if figure.has_image:
            self._emit(Figure(caption or figure.alt, figure.src))
        elif caption:
            self._emit(Paragraph(Inline(caption)))

    def _image(self, tag: StartTag) -> None:
        """An image becomes a figure; emoji stay inline as their alt text, pixels are dropped."""
        alt = tag.attrs.get("alt", "")
        if alt.strip() and _EMOJI_CLASS.search(tag.attrs.get("class", "")):
            self._text.add(alt, self._anchor)
            return
        caption = clean_line(alt) or clean_line(tag.attrs.get("title", "")) or "image"
        src = safe_url(tag.attrs.get("src", ""), self._base_url, WEB_SCHEMES)
        found = self._find(_Figure)
        figure = None if found is None else found[1]
        if figure is not None and not figure.has_image:
            figure.has_image, figure.src, figure.alt = True, src, caption
        elif self._mode() in ("para", "item") and not _is_tracking_pixel(tag):
            self._flush_into_top()
            self._emit(Figure(caption, src))

    # Links.

    def _open_anchor(self, tag: StartTag) -> None:
        href = tag.attrs.get("href")
        url = None if href is None else safe_url(href, self._base_url)
        self._anchor = None
        if url is not None:
            self._anchors_seen += 1
            self._anchor = (self._anchors_seen, url)

    def _close_anchor(self, _name: str) -> None:
        self._anchor = None


def _is_tracking_pixel(tag: StartTag) -> bool:
    """A 0 or 1 pixel image is a web beacon, not content."""
    return any(
        _PIXEL_SIZE.fullmatch(tag.attrs[size]) for size in ("width", "height") if size in tag.attrs
    )
