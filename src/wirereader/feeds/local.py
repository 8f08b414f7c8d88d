"""Feed sources that are not fetched over the network: local files, file:// URLs, samples."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from wirereader.feeds.samples import SAMPLE_SCHEME, read_sample

_WEB_SCHEMES = ("http", "https")


class LocalSourceError(Exception):
    """A local source could not be read; the message is a short user-facing reason."""


def is_web(url: str) -> bool:
    """True for an http(s) URL, fetched over the network."""
    return urlsplit(url).scheme.lower() in _WEB_SCHEMES


def is_local(url: str) -> bool:
    """True for a bundled sample, a file:// URL or a plain path (no scheme)."""
    if url.startswith(SAMPLE_SCHEME):
        return True
    scheme = urlsplit(url).scheme.lower()
    # A one-letter scheme is a Windows drive ("C:\\feeds\\a.xml"), not a URL scheme.
    return scheme in ("", "file") or len(scheme) == 1


def read_local(url: str) -> bytes:
    """The bytes of a local source; LocalSourceError with a short reason when unreadable."""
    if url.startswith(SAMPLE_SCHEME):
        try:
            return read_sample(url)
        except ValueError as exc:
            raise LocalSourceError(
                f"no bundled sample {url.removeprefix(SAMPLE_SCHEME)!r}"
            ) from exc
    path = local_path(url)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise LocalSourceError(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise LocalSourceError(f"not a file: {path}") from exc
    except OSError as exc:
        raise LocalSourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


def local_path(url: str) -> Path:
    """The file a file:// URL or a plain path names (~ expanded)."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        return Path(url2pathname(parts.path))
    return Path(url).expanduser()
