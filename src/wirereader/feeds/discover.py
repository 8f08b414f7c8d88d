"""Feed autodiscovery: the feed an HTML page advertises with <link rel="alternate">."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Preferred first: a page often offers RSS and Atom of the same content.
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head")
_SNIFF_BYTES = 512


class _AlternateLinks(HTMLParser):
    """Collect (type, href) of every <link rel="alternate"> with a feed type, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";", 1)[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.found.append((kind, values["href"]))


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    """True for an HTML page rather than a feed, by media type or by its first bytes."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_STARTS) and b"<rss" not in head and b"<feed" not in head


def discover_feed(page: bytes, base_url: str) -> str | None:
    """The absolute URL of the best feed the page links to, or None when it names none.

    Only http(s) links are followed, so a page cannot point us at a local file.
    """
    parser = _AlternateLinks()
    parser.feed(page.decode("utf-8", errors="replace"))
    parser.close()
    links = sorted(parser.found, key=lambda link: FEED_TYPES.index(link[0]))
    for _, href in links:
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in ("http", "https"):
            return url
    return None
