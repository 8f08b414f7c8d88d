"""Feed documents to models: `parse_feed` reads RSS, Atom and JSON Feed bytes.

The parser, and feedparser with it (~0.1 s), loads on first use, so that importing a sibling
such as `feeds.opml` does not slow the app's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirereader.feeds.parse import parse_feed

__all__ = ["parse_feed"]


def __getattr__(name: str) -> Any:
    if name == "parse_feed":
        from wirereader.feeds.parse import parse_feed

        return parse_feed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
