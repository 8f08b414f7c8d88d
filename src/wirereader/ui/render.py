"""Turn an article's safe document blocks and spans into Rich renderables.

Feed text only ever enters `rich.text.Text` as plain strings and is styled by offsets, so
nothing in an article can be read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual.theme import BUILTIN_THEMES

from wirereader.content.blocks import (
    Block,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    block_inlines,
)
from wirereader.content.sanitize import clean_line, clean_text
from wirereader.models import Label, SearchQuery, Span
from wirereader.search import match_ranges
from wirereader.service import ArticleView
from wirereader.storage.dates import local_time
from wirereader.ui.palette import Palette, palette_for

# The default (dark) theme's styles; the reader takes a Palette derived from the current theme.
DEFAULT_PALETTE = palette_for(BUILTIN_THEMES["textual-dark"])
LABEL_STYLES: Mapping[Label, Style] = DEFAULT_PALETTE.labels
LABEL_NAMES: dict[Label, str] = {
    Label.PERSON: "person",
    Label.ORG: "organisation",
    Label.PLACE: "place",
    Label.MISC: "other name",
    Label.MONEY: "money",
    Label.PERCENT: "percent",
    Label.DATE: "date",
    Label.QUANTITY: "quantity",
}
LINK_STYLE = DEFAULT_PALETTE.link
# the header's date when no config says otherwise (the app passes the config's date_format)
DATE_FORMAT = "%A, %d %B %Y %H:%M"
REF_STYLE = Style(color="#808080")
FOCUS_STYLE = Style(reverse=True)
MATCH_STYLE = DEFAULT_PALETTE.match


def legend(palette: Palette = DEFAULT_PALETTE) -> Text:
    """One line naming each highlight style shown."""
    parts: list[Text | str] = []
    for label, style in palette.labels.items():
        if label in palette.shown:
            parts += [Text(LABEL_NAMES[label], style=style), "  "]
    return Text.assemble(*parts[:-1])


def render_links(links: Sequence[str]) -> RenderableType:
    """The numbered list of link targets that closes the article."""
    return Group(Rule("Links", style=REF_STYLE), _links(links))


def render_block(
    block: Block,
    spans: Sequence[Sequence[Span]],
    *,
    highlight: bool = True,
    focus: tuple[int, int, int] | None = None,
    query: SearchQuery | None = None,
    palette: Palette = DEFAULT_PALETTE,
) -> RenderableType | None:
    """One block; `spans` holds one sequence per inline text of the block.

    `focus` is `(inline index within the block, start, end)` of a mention to show in reverse
    video, so the entity panel can point at it; words of `query` are marked as matches.
    """
    texts = [
        styled(inline, spans[i] if i < len(spans) else (), highlight, query=query, palette=palette)
        for i, inline in enumerate(block_inlines(block))
    ]
    if focus is not None and focus[0] < len(texts):
        inline = block_inlines(block)[focus[0]]
        texts[focus[0]] = styled(
            inline,
            spans[focus[0]],
            highlight,
            focus=(focus[1], focus[2]),
            query=query,
            palette=palette,
        )
    return _block(block, texts)


def render_header(
    view: ArticleView, date_format: str = DATE_FORMAT, palette: Palette = DEFAULT_PALETTE
) -> RenderableType:
    """Title, feed, author, date (in the config's `date_format`) and link of the article."""
    article = view.article
    title = Text(clean_line(article.title) or "(untitled)", style="bold")
    meta = [clean_line(article.feed_title)]
    if article.author:
        meta.append(clean_line(article.author))
    if article.published:
        meta.append(local_time(article.published).strftime(date_format))
    lines: list[RenderableType] = [title, Text(" · ".join(m for m in meta if m), style="italic")]
    if article.link:
        lines.append(Text(clean_line(article.link), style=palette.link))
    lines.append(Rule(style=REF_STYLE))
    return Group(*lines)


def styled(
    inline: Inline,
    spans: Sequence[Span],
    highlight: bool = True,
    focus: tuple[int, int] | None = None,
    query: SearchQuery | None = None,
    palette: Palette = DEFAULT_PALETTE,
) -> Text:
    """One inline text with its entity styles, link underlines and `[n]` link references.

    Only the labels in `palette.shown` are highlighted (the config's `[highlight]`).
    """
    text = Text(inline.text)
    for link in inline.links:
        text.stylize(palette.link, link.start, link.end)
    if highlight:
        for span in spans:
            if span.label in palette.shown:
                text.stylize(palette.labels[span.label], span.start, span.end)
    for start, end in match_ranges(inline.text, query):
        text.stylize(palette.match, start, end)
    if focus is not None:
        text.stylize(FOCUS_STYLE, *focus)
    if not inline.links:
        return text
    out, position = Text(), 0
    for link in sorted(inline.links, key=lambda ref: ref.end):
        out.append_text(text[position : link.end])
        out.append(f"[{link.number}]", style=REF_STYLE)
        position = link.end
    out.append_text(text[position:])
    return out


def _block(block: Block, texts: list[Text]) -> RenderableType | None:
    match block:
        case Paragraph():
            return Group(texts[0], Text())
        case Heading(level=level):
            texts[0].stylize("bold underline" if level <= 2 else "bold")
            return Group(texts[0], Text())
        case ListBlock():
            return _list(block, texts)
        case Quote():
            quote = Group(*(Group(t, Text()) for t in texts))
            return Padding(quote, (0, 2, 0, 4), style="italic")
        case Preformatted(text=text):
            pre = Text(clean_text(text), no_wrap=True, overflow="ellipsis", style="dim")
            return Group(Padding(pre, (0, 0, 0, 4)), Text())
        case Figure(caption=caption):
            return Group(
                Text(f"▣ {clean_line(caption) or 'image'}", style="italic #808080"), Text()
            )
        case Table():
            return _table(block, texts)
    return None


def _list(block: ListBlock, texts: list[Text]) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for number, text in enumerate(texts, start=block.start):
        grid.add_row(f"{number}." if block.ordered else "•", text)
    indent = 2 + 3 * block.depth
    return Group(Padding(grid, (0, 0, 0, indent)), Text())


def _table(block: Table, texts: list[Text]) -> RenderableType:
    width = max((len(row) for row in block.rows), default=0)
    table = RichTable(box=box.SIMPLE_HEAD, show_header=block.has_header, expand=False)
    cells = iter(texts)
    rows = [[next(cells) for _ in row] for row in block.rows]
    header = rows.pop(0) if block.has_header and rows else []
    for column in range(width):
        table.add_column(header[column] if column < len(header) else Text())
    for row in rows:
        table.add_row(*row)
    return Group(table, Text())


def _links(links: Sequence[str]) -> RenderableType:
    """One line per link; clicking it asks the app to open it (which checks the scheme)."""
    lines = [
        Text.assemble((f"[{n}] ", REF_STYLE), (clean_line(url), LINK_STYLE), style=_click(n))
        for n, url in enumerate(links, 1)
    ]
    return Group(*lines)


def _click(number: int) -> Style:
    """A style whose click runs the app's open_reference action; built here, never from a feed."""
    return Style.from_meta({"@click": f"app.open_reference({number})"})
