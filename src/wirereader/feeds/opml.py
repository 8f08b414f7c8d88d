"""OPML subscription lists: import of OPML 1.0/2.0 and export of OPML 2.0 with folders as tags.

Per-feed settings OPML has no word for travel as attributes in our own XML namespace.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from wirereader.feeds.feed_settings import SettingError, parse_days, parse_flag, parse_minutes
from wirereader.models import Feed, FeedSettings

# Schemes a subscription may use; anything else in an import is junk (javascript:, mailto:...).
FEED_SCHEMES = ("http://", "https://", "file:", "sample:")
# Characters XML 1.0 cannot carry at all; a title holding one would make the export unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Our attributes: the per-feed settings, and whether the title is the user's own.
NAMESPACE = "https://wirereader.example/opml"
PREFIX = "wirereader"
# OPML separates categories with commas, so a comma inside a tag (and the escape's own %)
# is percent-escaped; nothing else in a category is ever decoded.
_CATEGORY_ESCAPES = (("%", "%25"), (",", "%2C"))


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
    settings: FeedSettings = FeedSettings()


@dataclass(frozen=True, slots=True)
class SubscriptionList:
    """What an import file holds: its feeds in file order, a note per skipped entry, and a
    warning per setting that was ignored (the feed itself is imported)."""

    subscriptions: tuple[Subscription, ...]
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


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
    warnings: list[str] = []
    for outline, folders in _outlines(body, ()):
        _read_outline(outline, folders, found, skipped, warnings)
    return SubscriptionList(tuple(found), tuple(skipped), tuple(warnings))


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
    warnings: list[str],
) -> None:
    """Add the outline's feed to `found`, or a note to `skipped` when it names a bad URL.

    Outlines without `xmlUrl` are folders (or plain notes) and are passed over silently.
    Settings it cannot read are left at their defaults with a note in `warnings`.
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
    notes: list[str] = []
    settings, custom = _settings(outline, notes)
    warnings.extend(f"{title or url}: {note}" for note in notes)
    found.append(Subscription(url, title, tags, custom and bool(title), settings))


def _categories(outline: ET.Element) -> list[str]:
    """Tags from OPML 2.0's `category` attribute: comma-separated, slash-delimited."""
    value = _attribute(outline, "category") or ""
    parts = (part.strip().strip("/") for part in value.split(","))
    return [_unescape_category(part) for part in parts if part]


# How each of our attributes is read: the FeedSettings field it sets and its parser.
_SETTINGS = {
    "refreshMinutes": ("refresh_minutes", parse_minutes),
    "keepDays": ("keep_days", parse_days),
    "fetchFull": ("fetch_full", lambda text: parse_flag(text, "fetchFull")),
    "hideFromAll": ("hide_from_all", lambda text: parse_flag(text, "hideFromAll")),
    "readOnArrival": ("read_on_arrival", lambda text: parse_flag(text, "readOnArrival")),
}


def _settings(outline: ET.Element, notes: list[str]) -> tuple[FeedSettings, bool]:
    """The outline's settings in our namespace and whether its title is the user's own.

    An unknown or unreadable attribute is noted and left out, never fatal.
    """
    values: dict[str, Any] = {}
    custom = False
    for key, value in outline.attrib.items():
        namespace, _, name = key[1:].partition("}") if key.startswith("{") else ("", "", key)
        if namespace != NAMESPACE:
            continue
        try:
            if name == "customTitle":
                custom = parse_flag(value, name)
            elif name in _SETTINGS:
                field, parse = _SETTINGS[name]
                values[field] = parse(value)
            else:
                notes.append(f"unknown setting {PREFIX}:{name} ignored")
        except SettingError as exc:
            notes.append(f"{PREFIX}:{name} ignored ({exc})")
    return FeedSettings(**values), custom


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
    if any(feed.settings != FeedSettings() or feed.title_locked for feed in feeds):
        root.set(f"xmlns:{PREFIX}", NAMESPACE)
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
    if len(feed.tags) > 1:
        attributes["category"] = _xml_text(",".join(map(_escape_category, feed.tags)))
    if feed.title_locked and feed.title:
        attributes[f"{PREFIX}:customTitle"] = "true"
    return attributes | _settings_attributes(feed.settings)


def _settings_attributes(settings: FeedSettings) -> dict[str, str]:
    """Our attributes for the settings that differ from the defaults."""
    defaults = FeedSettings()
    attributes: dict[str, str] = {}
    for name, (field, _) in _SETTINGS.items():
        value = getattr(settings, field)
        if value != getattr(defaults, field):
            text = str(value).lower() if isinstance(value, bool) else str(value)
            attributes[f"{PREFIX}:{name}"] = text
    return attributes


def _escape_category(tag: str) -> str:
    """A tag as one `category` value: its commas (and percent signs) percent-escaped."""
    for raw, escaped in _CATEGORY_ESCAPES:
        tag = tag.replace(raw, escaped)
    return tag


def _unescape_category(value: str) -> str:
    """A `category` value back to the tag `_escape_category` wrote."""
    for raw, escaped in reversed(_CATEGORY_ESCAPES):
        value = value.replace(escaped, raw).replace(escaped.lower(), raw)
    return value


def _xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot represent even escaped."""
    return _NOT_XML.sub("", text)
