"""Articles written out for other tools: one Markdown file, or a stream of Markdown or JSON.

Files are created exclusively, so an export never replaces an earlier one: a second export
of the same article gets `-2` added to its name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import platformdirs

from wirereader.content.blocks import Document, Figure, Preformatted, block_inlines
from wirereader.content.markdown import article_markdown
from wirereader.content.sanitize import clean_line
from wirereader.models import Article

# A title's slug keeps the file name readable and well under any file system's limit.
SLUG_LENGTH = 60
# Exports of one article at most; beyond this something else is wrong (a loop, a full listing).
MAX_SUFFIX = 1000
# Articles in one exported stream are set apart by a thematic break.
MARKDOWN_SEPARATOR = "\n* * *\n\n"


class ExportError(Exception):
    """An export could not be written; the message says where and why."""


def default_export_dir() -> Path:
    """Where `E` writes Markdown: a `wirereader` folder in the user's documents directory."""
    return Path(platformdirs.user_documents_dir()) / "wirereader"


def markdown_for(article: Article, document: Document) -> str:
    """`article` as a Markdown document, its body given as `document` (feed or full text)."""
    return article_markdown(
        article.title,
        document,
        source=article.feed_title,
        published=article.published,
        author=article.author,
        link=article.link,
    )


def file_stem(article: Article) -> str:
    """`2024-05-01-the-title`: the article's date (if any) and a slug of its title."""
    folded = unicodedata.normalize("NFKD", clean_line(article.title))
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode().lower())
    slug = "-".join(words)[:SLUG_LENGTH].strip("-") or f"article-{article.id}"
    return f"{article.published:%Y-%m-%d}-{slug}" if article.published else slug


def write_new(directory: Path, stem: str, text: str) -> Path:
    """Write `text` to `directory/stem.md`, or `stem-2.md`, `-3` ... if taken; return the path."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for number in range(1, MAX_SUFFIX + 1):
            path = directory / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
            try:
                with path.open("x", encoding="utf-8") as out:
                    out.write(text)
            except FileExistsError:
                continue
            return path
    except OSError as exc:
        raise ExportError(f"cannot write to {directory}: {exc.strerror or exc}") from exc
    raise ExportError(f"{directory} already holds {MAX_SUFFIX} exports named {stem}")


def plain_body(document: Document) -> str:
    """The body as plain text: a blank line between blocks, a line per list item or cell."""
    parts: list[str] = []
    for block in document.blocks:
        match block:
            case Preformatted(text):
                parts.append(text)
            case Figure(caption):
                parts.append(caption)
            case _:
                parts.append("\n".join(inline.text for inline in block_inlines(block)))
    return "\n\n".join(part for part in parts if part)


def article_record(
    article: Article, document: Document, tags: Sequence[str] = (), *, with_html: bool = False
) -> dict[str, object]:
    """One article as a JSON object; `text` is its body (as `document`) in plain text."""
    record: dict[str, object] = {
        "id": article.id,
        "feed": article.feed_title,
        "feed_id": article.feed_id,
        "title": article.title,
        "link": article.link,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "read": article.read,
        "starred": article.starred,
        "tags": list(tags),
        "text": plain_body(document),
    }
    if with_html:
        record["html"] = article.body_html
    return record


def write_json(
    articles: Iterable[tuple[Article, Document]],
    out: TextIO,
    tags: Mapping[int, Sequence[str]],
    *,
    with_html: bool = False,
) -> int:
    """Stream `articles` to `out` as one JSON array, one object at a time; return the count.

    json.dumps escapes control characters, so feed text cannot break the document.
    """
    count = 0
    out.write("[")
    for article, document in articles:
        feed_tags = tags.get(article.feed_id, ())
        record = article_record(article, document, feed_tags, with_html=with_html)
        out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_markdown(articles: Iterable[tuple[Article, Document]], out: TextIO) -> int:
    """Stream articles to `out` as one Markdown document, set apart by rules; return the count."""
    count = 0
    for article, document in articles:
        out.write((MARKDOWN_SEPARATOR if count else "") + markdown_for(article, document))
        count += 1
    return count
