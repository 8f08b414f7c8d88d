"""What a refresh did to each feed, importable without loading the HTTP stack."""

from __future__ import annotations

from dataclasses import dataclass

GONE = "HTTP 410 Gone: the feed no longer exists"
_FAILED = frozenset({"error", "gone"})


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What refreshing one feed did.

    `status` is "updated", "not-modified" (HTTP 304), "unchanged" (same body), "error",
    "gone" (HTTP 410, never fetched again) or "skipped" (backing off after 429/503).
    """

    feed_id: int
    url: str
    status: str
    new: int = 0
    updated: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """The outcome of every feed of one refresh, in feed id order."""

    outcomes: tuple[FeedOutcome, ...]

    @property
    def failed(self) -> tuple[FeedOutcome, ...]:
        """Feeds that could not be refreshed: errors and gone feeds (not those backing off)."""
        return tuple(outcome for outcome in self.outcomes if outcome.status in _FAILED)

    @property
    def new(self) -> int:
        """Articles added by the refresh."""
        return sum(outcome.new for outcome in self.outcomes)

    @property
    def updated(self) -> int:
        """Stored articles whose content the refresh changed."""
        return sum(outcome.updated for outcome in self.outcomes)
