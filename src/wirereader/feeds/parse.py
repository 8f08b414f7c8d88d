"""Parse feed bytes into models: JSON Feed by our own parser, RSS and Atom by feedparser.

Plain well-formed RSS 2.0 and Atom take a faster ElementTree path (fastparse.py) to the same
result dictionary.

Pure: bytes in, models out, no I/O. HTML is passed through unsanitised (feedparser's sanitiser
and URI resolution are off) because the UI sanitises at render time.
"""

from __future__ import annotations

import html
import io
import re
import xml.sax
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.exceptions import (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
)

from wirereader.content.plain import plain_text
from wirereader.content.sanitize import clean_line
from wirereader.feeds.fastparse import parse_fast
from wirereader.feeds.guard import ExpensiveFeedError, defuse
from wirereader.feeds.items import (
    UNTITLED,
    derive_title,
    item_guid,
    optional_line,
    text_to_html,
    web_link,
)
from wirereader.feeds.jsonfeed import parse_json_feed
from wirereader.models import ParsedArticle, ParsedFeed

_BOM = b"\xef\xbb\xbf"
_JSON_TYPES = frozenset({"application/feed+json", "application/json"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# feedparser flags these as bozo, but the document was still read correctly.
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)
# RSS 2.0 <author> is "email (Name)"; the name is what a reader wants to see.
_EMAIL_AND_NAME = re.compile(r"^\S+@\S+\s+\((?P<name>[^()]+)\)$")


def parse_feed(data: bytes, *, url: str = "", content_type: str | None = None) -> ParsedFeed:
    """Parse an RSS, Atom or JSON Feed document; never raises for bad input.

    A problem is recorded in `ParsedFeed.error` instead, with whatever could be read, so one
    broken feed never stops an update of many.
    """
    body = data.lstrip().removeprefix(_BOM).lstrip()
    if not body:
        return ParsedFeed(title=url or UNTITLED, error="empty document")
    if _is_json(body, content_type):
        return parse_json_feed(data, url=url)
    return _parse_xml(data, url=url, content_type=content_type)


def _is_json(body: bytes, content_type: str | None) -> bool:
    """Sniff the body first (servers mislabel feeds), then trust a JSON content type."""
    if body.startswith(b"{"):
        return True
    if body.startswith(b"<"):
        return False
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type in _JSON_TYPES


def _parse_xml(data: bytes, *, url: str, content_type: str | None) -> ParsedFeed:
    """Parse with feedparser, reading malformed XML as far as its loose parser can."""
    fast = parse_fast(data, content_type)
    if fast is not None:
        return _to_feed(fast, url=url)
    headers = {"content-type": content_type} if content_type else None
    try:
        # A stream, never bytes: feedparser would try to open bytes as a file name.
        result = feedparser.parse(
            io.BytesIO(defuse(data)),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except ExpensiveFeedError as exc:
        return ParsedFeed(title=url or UNTITLED, error=str(exc))
    except MemoryError:
        raise  # the parsing process's cap, not bad input: its caller reports it
    except Exception as exc:  # untrusted input must never break an update of many feeds
        return ParsedFeed(title=url or UNTITLED, error=f"unreadable feed: {exc}")
    return _to_feed(result, url=url)


def _to_feed(result: Any, *, url: str) -> ParsedFeed:
    """Map feedparser's result; a document with neither a feed version nor items is no feed."""
    articles = tuple(_article(entry) for entry in result.get("entries", []))
    problem = _problem(result)
    if not result.get("version") and not articles:
        reason = problem or "no RSS, Atom or JSON Feed found"
        return ParsedFeed(title=url or UNTITLED, error=f"not a feed: {reason}")
    feed = result.get("feed", {})
    return ParsedFeed(
        title=_line(feed.get("title_detail"), feed.get("title")) or url or UNTITLED,
        link=web_link(_str(feed.get("link"))),
        description=_line(feed.get("subtitle_detail"), feed.get("subtitle")),
        articles=articles,
        error=problem,
    )


def _problem(result: Any) -> str | None:
    """A short message for feedparser's bozo exception, or None if nothing went wrong."""
    exc = result.get("bozo_exception")
    if not result.get("bozo") or exc is None or isinstance(exc, _HARMLESS):
        return None
    if isinstance(exc, xml.sax.SAXParseException):
        where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
        return f"malformed XML: {exc.getMessage()} ({where})"
    if isinstance(exc, CharacterEncodingUnknown):
        return f"unknown character encoding: {exc}"
    return f"malformed feed: {exc}"


def _article(entry: Any) -> ParsedArticle:
    """Map one feedparser entry."""
    summary = _as_html(entry.get("summary_detail"), paragraphs=False)
    content = _content(entry.get("content")) or summary
    title = _line(entry.get("title_detail"), entry.get("title"))
    link = web_link(_str(entry.get("link")))
    return ParsedArticle(
        guid=item_guid(_stripped(entry.get("id")), link, title, content),
        title=title or derive_title(content),
        link=link,
        author=_author(_str(entry.get("author"))),
        published=_utc(dict.get(entry, "published_parsed")),
        # dict.get: feedparser's own get() falls back to the published date with a warning.
        updated=_utc(dict.get(entry, "updated_parsed")),
        summary=summary,
        content_html=content,
    )


def _content(contents: Any) -> str:
    """The first HTML content block, else the first block of any type, as HTML."""
    blocks = [c for c in contents or [] if isinstance(c, dict)]
    html_blocks = [c for c in blocks if c.get("type") in _HTML_TYPES]
    chosen = (html_blocks or blocks)[0] if blocks else None
    return _as_html(chosen, paragraphs=True)


def _as_html(detail: Any, *, paragraphs: bool) -> str:
    """A text construct as HTML: markup kept, plain text escaped (into <p>s if asked).

    A summary without details is feedparser's copy of the content, not a summary: empty.
    """
    if not detail:
        return ""
    text = _str(detail.get("value"))
    if detail.get("type") in _HTML_TYPES:
        return text
    return text_to_html(text) if paragraphs else html.escape(text, quote=False)


def _line(detail: Any, value: Any) -> str:
    """A text construct as one clean line of plain text (markup removed if it was HTML)."""
    text = _str(value)
    if detail and detail.get("type") in _HTML_TYPES:
        text = plain_text(text)
    return clean_line(text)


def _author(value: str) -> str | None:
    """The author as one clean line; "email (Name)" becomes just the name."""
    match = _EMAIL_AND_NAME.match(value.strip())
    return optional_line(match["name"] if match else value)


def _utc(value: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime."""
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _stripped(value: Any) -> str | None:
    """A non-empty stripped string, else None."""
    return _str(value).strip() or None


def _str(value: Any) -> str:
    """The value if it is a string, else empty."""
    return value if isinstance(value, str) else ""
