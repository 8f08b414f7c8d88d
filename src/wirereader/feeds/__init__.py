"""Feed documents to models: `parse_feed` reads RSS, Atom and JSON Feed bytes."""

from wirereader.feeds.parse import parse_feed

__all__ = ["parse_feed"]
