"""Our own JSON Feed 1.0/1.1 parser (feedparser reads only XML): bytes in, ParsedFeed out."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from wirereader.content.sanitize import clean_line
from wirereader.feeds.items import (
    UNTITLED,
    derive_title,
    item_guid,
    optional_line,
    text_to_html,
    web_link,
)
from wirereader.models import ParsedArticle, ParsedFeed

_VERSION_PREFIX = "https://jsonfeed.org/version/"


def parse_json_feed(data: bytes, *, url: str = "") -> ParsedFeed:
    """Parse a JSON Feed document; never raises, problems go in `ParsedFeed.error`."""
    fallback_title = url or UNTITLED
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return ParsedFeed(title=fallback_title, error=f"invalid JSON: not UTF-8 ({exc.reason})")
    except ValueError as exc:
        return ParsedFeed(title=fallback_title, error=f"invalid JSON: {exc}")
    except RecursionError:
        return ParsedFeed(title=fallback_title, error="invalid JSON: nested too deeply")
    if not isinstance(document, dict) or not _looks_like_json_feed(document):
        return ParsedFeed(title=fallback_title, error="not a feed: JSON without JSON Feed items")
    return _feed(document, fallback_title)


def _looks_like_json_feed(document: dict[str, Any]) -> bool:
    """True if the object declares a JSON Feed version or at least holds an item list."""
    version = document.get("version")
    declared = isinstance(version, str) and version.startswith(_VERSION_PREFIX)
    return declared or isinstance(document.get("items"), list)


def _feed(document: dict[str, Any], fallback_title: str) -> ParsedFeed:
    """Map the top-level object; items that are not objects are skipped and reported."""
    raw_items = _list(document.get("items"))
    items = [item for item in raw_items if isinstance(item, dict)]
    feed_author = _author(document)
    skipped = len(raw_items) - len(items)
    return ParsedFeed(
        title=clean_line(_str(document.get("title"))) or fallback_title,
        link=web_link(_str(document.get("home_page_url"))),
        description=clean_line(_str(document.get("description"))),
        articles=tuple(_article(item, feed_author) for item in items),
        error=f"skipped {skipped} item(s) that are not JSON objects" if skipped else None,
    )


def _article(item: dict[str, Any], feed_author: str | None) -> ParsedArticle:
    """Map one item; a field of the wrong type is treated as absent."""
    summary_text = _str(item.get("summary"))
    summary = html.escape(summary_text, quote=False)
    content = _content_html(item) or text_to_html(summary_text)
    link = web_link(_str(item.get("url"))) or web_link(_str(item.get("external_url")))
    title = clean_line(_str(item.get("title")))
    return ParsedArticle(
        guid=item_guid(_id(item.get("id")), link, title, content),
        title=title or derive_title(content),
        link=link,
        author=_author(item) or feed_author,
        published=_date(item.get("date_published")),
        updated=_date(item.get("date_modified")),
        summary=summary,
        content_html=content,
    )


def _content_html(item: dict[str, Any]) -> str:
    """The item's HTML body, else its plain-text body escaped into paragraphs."""
    return _str(item.get("content_html")) or text_to_html(_str(item.get("content_text")))


def _author(obj: dict[str, Any]) -> str | None:
    """Author names from 1.1 `authors` (a list) or 1.0 `author` (one object), joined."""
    candidates = _list(obj.get("authors")) or [obj.get("author")]
    names = (optional_line(_str(a.get("name"))) for a in candidates if isinstance(a, dict))
    return ", ".join(name for name in names if name) or None


def _id(value: object) -> str | None:
    """Item ids should be strings; many feeds send numbers, which are kept as text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return _str(value).strip() or None


def _date(value: object) -> datetime | None:
    """An RFC 3339 date as an aware UTC datetime; a date without an offset is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(_str(value).strip())
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _str(value: object) -> str:
    """The value if it is a string, else empty."""
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    """The value if it is a list, else empty."""
    return value if isinstance(value, list) else []
