"""Fetch settings and the errors a fetch reports, importable without loading the HTTP stack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wirereader import __version__


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how defensively feeds are fetched."""

    concurrency: int = 32
    per_host: int = 8
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 16 * 1024 * 1024
    user_agent: str = f"wirereader/{__version__} (+https://github.com/wirereader/wirereader)"


DEFAULT_SETTINGS = FetchSettings()


class FetchError(Exception):
    """A feed could not be fetched; str(exc) is a short user-facing reason."""


class GoneError(FetchError):
    """The server says the feed is gone for good (HTTP 410)."""


class RetryLaterError(FetchError):
    """The server asked us to come back no earlier than `until` (429/503 with Retry-After)."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until
