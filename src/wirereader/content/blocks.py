"""The safe document model an article body is turned into: plain text blocks, no HTML.

Text is kept free of link markers so that entity recognition sees the prose exactly; links
are ranges over the text that point into the document's numbered reference list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinkRef:
    """Anchor text `[start, end)` of an inline text that links to reference `number` (1-based)."""

    start: int
    end: int
    number: int


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of clean prose with its link anchors."""

    text: str
    links: tuple[LinkRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    body: Inline


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    body: Inline


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A list; nested lists follow as their own blocks with a greater `depth`."""

    ordered: bool
    items: tuple[Inline, ...]
    depth: int = 0
    start: int = 1


@dataclass(frozen=True, slots=True)
class Quote:
    paragraphs: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Preformatted:
    """Preformatted text kept verbatim (but cleaned); it is not annotated."""

    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """An image placeholder: its caption or alt text, and where it points."""

    caption: str
    src: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[Inline, ...], ...]
    has_header: bool = False


Block = Paragraph | Heading | ListBlock | Quote | Preformatted | Figure | Table


@dataclass(frozen=True, slots=True)
class Document:
    """An article body: blocks in reading order and the numbered link targets."""

    blocks: tuple[Block, ...]
    links: tuple[str, ...] = ()


def block_inlines(block: Block) -> tuple[Inline, ...]:
    """The annotatable texts of one block, in reading order."""
    match block:
        case Paragraph(body) | Heading(_, body):
            return (body,)
        case ListBlock(items=items):
            return items
        case Quote(paragraphs):
            return paragraphs
        case Table(rows):
            return tuple(cell for row in rows for cell in row)
        case _:
            return ()


def document_inlines(document: Document) -> list[Inline]:
    """Every annotatable text of a document, in reading order; spans are cached in this order."""
    return [inline for block in document.blocks for inline in block_inlines(block)]
