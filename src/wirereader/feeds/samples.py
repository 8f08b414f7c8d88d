"""The bundled sample feeds, read with importlib.resources so they work from a wheel too."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from wirereader.models import ParsedFeed

SAMPLE_SCHEME = "sample:"
_PACKAGE = "wirereader.sample_feeds"
_SUFFIXES = (".xml", ".rdf", ".json")


def sample_urls() -> list[str]:
    """The URL of every bundled sample feed, sorted, e.g. "sample:tech-news.xml"."""
    return sorted(SAMPLE_SCHEME + name for name in _sample_files())


def read_sample(url: str) -> bytes:
    """The bytes of one sample feed; ValueError for a URL that names no bundled sample.

    Only names listed in the package are accepted, so no path can escape it.
    """
    name = url.removeprefix(SAMPLE_SCHEME)
    sample = _sample_files().get(name) if url.startswith(SAMPLE_SCHEME) else None
    if sample is None:
        raise ValueError(f"not a bundled sample feed: {url!r}")
    return sample.read_bytes()


def load_samples() -> list[tuple[str, ParsedFeed]]:
    """Every sample feed parsed, as (url, feed) pairs in URL order.

    The parser is imported here: only a first launch needs it, and every launch imports this.
    """
    from wirereader.feeds.parse import parse_feed

    return [(url, parse_feed(read_sample(url), url=url)) for url in sample_urls()]


def _sample_files() -> dict[str, Traversable]:
    """The feed files in the sample package, by file name."""
    entries = files(_PACKAGE).iterdir()
    return {e.name: e for e in entries if e.is_file() and e.name.endswith(_SUFFIXES)}
