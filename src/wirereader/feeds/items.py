"""Shared rules for turning one feed item into a ParsedArticle, whatever the feed format."""

from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import urlsplit

from wirereader.content.plain import plain_text
from wirereader.content.sanitize import clean_line

UNTITLED = "(untitled)"
_TITLE_WORDS = 10
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WEB_SCHEMES = frozenset({"http", "https", ""})


def text_to_html(text: str) -> str:
    """Escape plain text into HTML paragraphs: blank lines split them, newlines become <br>."""
    paragraphs = (p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")))
    return "".join(
        f"<p>{html.escape(p, quote=False).replace(chr(10), '<br>')}</p>" for p in paragraphs if p
    )


def derive_title(body_html: str) -> str:
    """A title for an untitled item: the first words of its text, else "(untitled)"."""
    words = clean_line(plain_text(body_html)).split(" ")
    if not words[0]:
        return UNTITLED
    title = " ".join(words[:_TITLE_WORDS])
    return title + "…" if len(words) > _TITLE_WORDS else title


def fallback_guid(title: str, content: str) -> str:
    """A stable id for an item with neither id nor link: a hash of what it says."""
    digest = hashlib.sha256(f"{title}\n{content}".encode()).hexdigest()
    return f"sha256:{digest}"


def item_guid(item_id: str | None, link: str | None, title: str, content: str) -> str:
    """The item's own id, else its link, else a hash of its title and content."""
    return item_id or link or fallback_guid(title, content)


def web_link(value: str) -> str | None:
    """The link if it is a web address (absolute or relative), else None.

    Feeds fill links with `tag:` ids or `javascript:` URLs; neither is something to open.
    """
    link = value.strip()
    try:
        scheme = urlsplit(link).scheme.lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return link if link and scheme in _WEB_SCHEMES else None


def optional_line(value: str | None) -> str | None:
    """A cleaned one-line value, or None when nothing is left of it."""
    cleaned = clean_line(value or "")
    return cleaned or None
