"""OPML subscription lists: import of OPML 1.0/2.0 and export of OPML 2.0 with folders as tags."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from wirereader.models import Feed

# Schemes a subscription may use; anything else in an import is junk (javascript:, mailto:...).
FEED_SCHEMES = ("http://", "https://", "file:", "sample:")
# Characters XML 1.0 cannot carry at all; a title holding one would make the export unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class SubscriptionFileError(ValueError):
    """An import file cannot be read as a subscription list; the message says why."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed named by an import file: its URL, title (may be empty) and tags.

    A `custom` title was chosen by the user and should outlive the feed's own title.
    """

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    custom: bool = False


@dataclass(frozen=True, slots=True)
class SubscriptionList:
    """What an import file holds: its feeds in file order, and a note per skipped entry."""

    subscriptions: tuple[Subscription, ...]
    skipped: tuple[str, ...] = ()


def is_feed_url(url: str) -> bool:
    """True for URLs wirereader can subscribe to from a list (web, file and sample feeds)."""
    return url.lower().startswith(FEED_SCHEMES) and not any(c.isspace() for c in url)


class _NoDoctype(ET.TreeBuilder):
    """A tree builder that refuses any DOCTYPE.

    Entity declarations live only inside a DOCTYPE, so refusing it up front rules out
    entity-expansion bombs and external entities before expat expands anything.
    """

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise SubscriptionFileError("OPML with a DOCTYPE is refused (entity declarations)")


def parse_opml(data: bytes) -> SubscriptionList:
    """Read the feeds of an OPML 1.0 or 2.0 document; nested folder names become tags."""
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        raise SubscriptionFileError(f"not valid OPML: {exc}") from exc
    if _local(root.tag) != "opml":
        raise SubscriptionFileError(f"not OPML: the root element is <{_local(root.tag)}>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise SubscriptionFileError("not OPML: no <body>")
    found: list[Subscription] = []
    skipped: list[str] = []
    for outline, folders in _outlines(body, ()):
        _read_outline(outline, folders, found, skipped)
    return SubscriptionList(tuple(found), tuple(skipped))


def _outlines(
    parent: ET.Element, folders: tuple[str, ...]
) -> Iterator[tuple[ET.Element, tuple[str, ...]]]:
    """Every outline below `parent` with the names of the folders it sits in."""
    for outline in parent:
        if _local(outline.tag) != "outline":
            continue
        yield outline, folders
        if _attribute(outline, "xmlurl") is None:
            name = _outline_title(outline)
            yield from _outlines(outline, (*folders, name) if name else folders)


def _read_outline(
    outline: ET.Element,
    folders: tuple[str, ...],
    found: list[Subscription],
    skipped: list[str],
) -> None:
    """Add the outline's feed to `found`, or a note to `skipped` when it names a bad URL.

    Outlines without `xmlUrl` are folders (or plain notes) and are passed over silently.
    """
    url = _attribute(outline, "xmlurl")
    if url is None:
        return
    url = url.strip()
    title = _outline_title(outline)
    if not is_feed_url(url):
        skipped.append(f"{title or 'untitled outline'}: not a feed URL: {url!r}")
        return
    tags = _unique((*folders, *_categories(outline)))
    found.append(Subscription(url, title, tags))


def _categories(outline: ET.Element) -> list[str]:
    """Tags from OPML 2.0's `category` attribute: comma-separated, slash-delimited."""
    value = _attribute(outline, "category") or ""
    return [part.strip().strip("/") for part in value.split(",") if part.strip().strip("/")]


def _outline_title(outline: ET.Element) -> str:
    """The outline's `title`, else its `text`, on one line."""
    for name in ("title", "text"):
        value = " ".join((_attribute(outline, name) or "").split())
        if value:
            return value
    return ""


def _attribute(element: ET.Element, name: str) -> str | None:
    """An attribute looked up ignoring case, since real files spell `xmlUrl` many ways."""
    for key, value in element.attrib.items():
        if key.lower() == name:
            return value
    return None


def _local(tag: object) -> str:
    """An element's name without any namespace, lower-cased."""
    return str(tag).rsplit("}", 1)[-1].lower()


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    """The items without empties and repeats, first occurrence kept."""
    return tuple(dict.fromkeys(item for item in items if item))


def export_opml(feeds: Sequence[Feed], *, title: str, created: datetime) -> str:
    """An OPML 2.0 document of `feeds`, grouped into folders by each feed's first tag.

    Every tag is also listed in `category`, so feeds with several tags keep them all
    when the file is imported again.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _xml_text(title)
    ET.SubElement(head, "dateCreated").text = format_datetime(created)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            folder = feed.tags[0]
            if folder not in folders:
                folders[folder] = ET.SubElement(
                    body, "outline", text=_xml_text(folder), title=_xml_text(folder)
                )
            parent = folders[folder]
        ET.SubElement(parent, "outline", _feed_attributes(feed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _feed_attributes(feed: Feed) -> dict[str, str]:
    """The attributes of one feed's outline; ElementTree escapes them on output."""
    name = _xml_text(feed.title) or feed.url
    attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": _xml_text(feed.url)}
    if feed.link:
        attributes["htmlUrl"] = _xml_text(feed.link)
    categories = [tag for tag in feed.tags if "," not in tag]
    if len(feed.tags) > 1 and categories:
        attributes["category"] = _xml_text(",".join(categories))
    return attributes


def _xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot represent even escaped."""
    return _NOT_XML.sub("", text)
