"""An article as Markdown: our safe document blocks written out for notes and other tools.

Everything in a document came from a feed, so every piece of text is escaped: a title of
`# [x](javascript:…)` must come out as those characters, not as a heading and a link. Link
and image targets are vetted again (http, https and mailto only) and written percent-encoded,
so a target cannot close its own parentheses.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

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
from wirereader.content.inline import LINK_SCHEMES, WEB_SCHEMES, safe_url
from wirereader.content.sanitize import clean_line, clean_text

# Characters that mean something in CommonMark or GFM wherever they stand.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")
# What starts a block when it opens a line: a list item, a heading underline, a rule.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
# A target may keep only characters that cannot end or break a Markdown link destination.
_URL_UNSAFE = re.compile(r"[\s()<>\\\"'`]")
_INDENT = "    "


def article_markdown(
    title: str,
    document: Document,
    *,
    source: str = "",
    published: datetime | None = None,
    author: str | None = None,
    link: str | None = None,
) -> str:
    """A whole article: its title as the only `# ` heading, a few facts, then the body."""
    facts = [
        ("Source", escape(clean_line(source))),
        ("Date", _date(published)),
        ("Author", escape(clean_line(author or ""))),
        ("Link", _autolink(link)),
    ]
    parts = [
        f"# {escape(clean_line(title)) or 'Untitled'}",
        "  \n".join(f"{name}: {value}" for name, value in facts if value),
        document_markdown(document).rstrip("\n"),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def document_markdown(document: Document) -> str:
    """The blocks of `document` as Markdown, ending with one newline (empty for no blocks)."""
    parts: list[str] = []
    depth = -1  # the nesting of the list block just written; -1 after any other block
    for block in document.blocks:
        # A list continues the one above it (a nested list, or its parent's next items);
        # nesting deeper than one below the list above would read as an indented code block.
        separator = "\n" if depth >= 0 and isinstance(block, ListBlock) else "\n\n"
        depth = min(block.depth, depth + 1) if isinstance(block, ListBlock) else -1
        text = _block(block, max(depth, 0), document.links)
        if text:
            parts.append(separator + text if parts else text)
    return "".join(parts) + "\n" if parts else ""


def escape(text: str) -> str:
    """`text` with every Markdown metacharacter escaped, so it reads back as the same text."""
    return _escape_line_start(_INLINE_SPECIAL.sub(r"\\\1", text))


def safe_target(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> str | None:
    """`url` fit for a Markdown link destination, or None when its scheme is not allowed."""
    vetted = safe_url(url, schemes=schemes)
    if vetted is None:
        return None
    return _URL_UNSAFE.sub(lambda match: "".join(f"%{b:02X}" for b in match[0].encode()), vetted)


def _block(block: Block, depth: int, links: tuple[str, ...]) -> str:
    """One block; `depth` is how far a list block is indented."""
    match block:
        case Paragraph(body):
            return _inline(body, links)
        case Heading(level, body):
            # One level down: the article's title is the document's only `# ` heading.
            text = _inline(body, links).replace("\\\n", " ")
            return f"{'#' * min(level + 1, 6)} {text}" if text else ""
        case ListBlock():
            return _list(block, depth, links)
        case Quote(paragraphs):
            quoted = (_inline(paragraph, links) for paragraph in paragraphs)
            return "\n>\n".join(_quoted(text) for text in quoted if text)
        case Preformatted(text):
            return _fenced(text)
        case Figure(caption, src):
            return _figure(caption, src)
        case Table():
            return _table(block, links)


def _inline(inline: Inline, links: tuple[str, ...]) -> str:
    """Prose with its link anchors as `[text](target)`; line breaks become hard breaks."""
    text, pieces, position = clean_text(inline.text), [], 0
    for ref in sorted(inline.links, key=lambda ref: ref.start):
        if ref.start < position:
            continue
        pieces.append(_INLINE_SPECIAL.sub(r"\\\1", text[position : ref.start]))
        anchor = _INLINE_SPECIAL.sub(r"\\\1", " ".join(text[ref.start : ref.end].split()))
        url = links[ref.number - 1] if 0 < ref.number <= len(links) else ""
        target = safe_target(url)
        pieces.append(f"[{anchor}]({target})" if target and anchor else anchor)
        position = ref.end
    pieces.append(_INLINE_SPECIAL.sub(r"\\\1", text[position:]))
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return "\\\n".join(_escape_line_start(line) for line in lines if line)


def _escape_line_start(line: str) -> str:
    """Escape what would open a list, a heading underline or a rule at the start of `line`."""
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line, count=1)


def _list(block: ListBlock, depth: int, links: tuple[str, ...]) -> str:
    indent = _INDENT * depth
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        text = _inline(item, links) or "\u00a0"  # an empty item would end the list
        rest = indent + " " * len(marker)
        first, *more = text.split("\n")
        lines.append(indent + marker + first)
        lines.extend(rest + line for line in more)
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


def _fenced(text: str) -> str:
    """Verbatim text in a backtick fence longer than any backtick run inside it."""
    text = clean_text(text).strip("\n")
    if not text.strip():
        return ""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}text\n{text}\n{fence}"


def _figure(caption: str, src: str | None) -> str:
    """An image with a web address as `![alt](src)`, anything else as a text placeholder."""
    alt = escape(clean_line(caption))
    target = safe_target(src, WEB_SCHEMES) if src else None
    if target:
        return f"![{alt}]({target})"
    return f"\\[image: {alt}\\]" if alt else "\\[image\\]"


def _table(block: Table, links: tuple[str, ...]) -> str:
    """A GFM table; a table without a header row gets an empty one (GFM needs one)."""
    rows = [[_cell(cell, links) for cell in row] for row in block.rows]
    width = max((len(row) for row in rows), default=0)
    if not width:
        return ""
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = rows.pop(0) if block.has_header else [""] * width
    lines = [_row(header), _row(["---"] * width), *(_row(row) for row in rows)]
    return "\n".join(lines)


def _cell(cell: Inline, links: tuple[str, ...]) -> str:
    return _inline(cell, links).replace("\\\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _autolink(link: str | None) -> str:
    target = safe_target(link) if link else None
    return f"<{target}>" if target else ""
