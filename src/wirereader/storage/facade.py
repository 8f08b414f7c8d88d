"""The Storage façade: one thread-safe object the rest of the app uses for all persistence."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from wirereader.models import (
    Article,
    ArticleFilter,
    ArticleSummary,
    EntityCount,
    EntityRef,
    Feed,
    FeedSettings,
    FeedStats,
    FullArticle,
    Label,
    ParsedArticle,
    ParsedFeed,
    SavedSearch,
    Span,
    ViewCounts,
)
from wirereader.storage import annotations as annotation_rows
from wirereader.storage import articles as article_rows
from wirereader.storage import entities as entity_rows
from wirereader.storage import feeds, listing, retention, saved
from wirereader.storage import full as full_rows
from wirereader.storage.articles import StoreResult
from wirereader.storage.dates import utcnow
from wirereader.storage.db import open_db
from wirereader.storage.errors import wrap_errors
from wirereader.storage.feeds import FetchState, FetchTarget
from wirereader.storage.sql import transaction


class Storage:
    """All reads and writes of one wirereader database; methods return models, never rows.

    Worker threads share the one connection, so a re-entrant lock serialises every call.
    """

    def __init__(self, path: str | Path, *, timeout: float = 5.0) -> None:
        """Open (creating or migrating) the database; `timeout` is how long to wait for a lock."""
        self.path = Path(path)
        self._lock = threading.RLock()
        with wrap_errors():
            self._db = open_db(path, busy_timeout_ms=round(timeout * 1000))

    def close(self) -> None:
        """Close the connection; later calls raise StorageError."""
        with self._access() as db:
            db.close()

    def __enter__(self) -> Storage:
        """Use the storage in a `with` block that closes it."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the storage at the end of the `with` block."""
        self.close()

    def is_empty(self) -> bool:
        """True on a first launch: no feed was ever kept (removing every feed is not empty)."""
        with self._access() as db:
            return feeds.is_empty(db)

    def add_feed(self, url: str, title: str = "", *, tags: Sequence[str] = ()) -> Feed:
        """Subscribe to `url`; FeedExistsError when already subscribed."""
        with self._access() as db:
            return feeds.add_feed(db, url, title, tags, utcnow())

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe: delete the unstarred articles and hide the feed, keeping starred ones.

        The feed is never refreshed again; `add_feed` of its URL subscribes to it anew.
        """
        with self._access() as db:
            feeds.remove_feed(db, feed_id, utcnow())

    def set_feed_url(self, feed_id: int, url: str) -> None:
        """Fetch the feed from `url` from now on; FeedExistsError when `url` is taken."""
        with self._access() as db:
            feeds.set_feed_url(db, feed_id, url)

    def set_feed_title(self, feed_id: int, title: str) -> None:
        """Give the feed the user's title, which fetched documents then leave alone."""
        with self._access() as db:
            feeds.set_feed_title(db, feed_id, title)

    def set_feed_tags(self, feed_id: int, tags: Sequence[str]) -> None:
        """Replace the feed's tags."""
        with self._access() as db:
            feeds.set_feed_tags(db, feed_id, tags)

    def mark_feed_gone(self, feed_id: int, reason: str) -> None:
        """Record that the feed is gone for good (HTTP 410): it is never fetched again."""
        with self._access() as db:
            feeds.mark_feed_gone(db, feed_id, reason, utcnow())

    def set_retry_after(self, feed_id: int, when: datetime | None) -> None:
        """Do not fetch the feed before `when`; None lifts the wait."""
        with self._access() as db:
            feeds.set_retry_after(db, feed_id, when)

    def purge_older_than(self, days: int) -> int:
        """Delete unstarred articles older than `days` days; return how many were deleted."""
        if days < 1:
            raise ValueError(f"keep articles for at least one day, not {days}")
        with self._access() as db:
            return article_rows.purge_older_than(db, utcnow() - timedelta(days=days))

    def fetch_targets(self, feed_ids: Sequence[int] | None = None) -> list[FetchTarget]:
        """Return the URL, validators and back-off of each subscribed feed (or of `feed_ids`)."""
        with self._access() as db:
            return feeds.fetch_targets(db, feed_ids)

    def save_fetch(self, feed_id: int, parsed: ParsedFeed, state: FetchState) -> StoreResult:
        """Store a fetched document in one transaction: feed details, articles, validators."""
        with self._access() as db, transaction(db):
            now = utcnow()
            feeds.record_check(db, feed_id, state, now)
            # After record_check, so a parse problem of this document is what stays recorded.
            feeds.update_feed(db, feed_id, parsed, now)
            result = article_rows.store_in_transaction(db, feed_id, parsed.articles, now)
            feeds.mark_arrivals_read(db, feed_id, now)
            return result

    def record_check(self, feed_id: int, state: FetchState) -> None:
        """Record a fetch that found nothing to store: new validators, error and wait cleared."""
        with self._access() as db:
            feeds.record_check(db, feed_id, state, utcnow())

    def record_failure(self, feed_id: int, error: str) -> None:
        """Record a fetch that failed now, and why."""
        with self._access() as db:
            feeds.record_failure(db, feed_id, error, utcnow())

    def update_feed_settings(
        self,
        feed_id: int,
        settings: FeedSettings,
        *,
        title: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Feed:
        """Save a feed's settings (and its title and tags unless None); return the feed.

        A title of "" hands the title back to the feed's own documents.
        """
        with self._access() as db:
            feeds.update_settings(db, feed_id, settings, title=title, tags=tags)
            return feeds.get_feed(db, feed_id)

    def purge_expired(self, default_days: int) -> int:
        """Apply each feed's retention (else `default_days`; 0 keeps all); return deletions."""
        with self._access() as db:
            return retention.purge_expired(db, default_days, utcnow())

    def get_feed(self, feed_id: int) -> Feed:
        """Return one feed, removed ones included; FeedNotFoundError when missing."""
        with self._access() as db:
            return feeds.get_feed(db, feed_id)

    def get_feed_by_url(self, url: str) -> Feed | None:
        """Return the feed subscribed at `url`, or None (also for a removed one)."""
        with self._access() as db:
            return feeds.get_feed_by_url(db, url)

    def get_feeds(self) -> list[Feed]:
        """Return every subscribed feed, sorted by title ignoring case."""
        with self._access() as db:
            return feeds.get_feeds(db)

    def feed_stats(self) -> list[FeedStats]:
        """Return every subscribed feed with its unread and total counts, like `get_feeds`."""
        with self._access() as db:
            return feeds.feed_stats(db)

    def view_counts(self) -> ViewCounts:
        """Return the article counts of the All, Unread and Starred views."""
        with self._access() as db:
            return ViewCounts(
                all=listing.count_articles(db, ArticleFilter()),
                unread=listing.count_articles(db, ArticleFilter(unread_only=True)),
                starred=listing.count_articles(db, ArticleFilter(starred_only=True)),
            )

    def update_feed(self, feed_id: int, parsed: ParsedFeed) -> None:
        """Record a fetched document's feed details and its error, if any."""
        with self._access() as db:
            feeds.update_feed(db, feed_id, parsed, utcnow())

    def set_feed_error(self, feed_id: int, error: str | None) -> None:
        """Record why the feed's last update failed, or clear it with None."""
        with self._access() as db:
            feeds.set_feed_error(db, feed_id, error)

    def get_fetch_state(self, feed_id: int) -> FetchState:
        """Return the validators and body hash of the feed's last full fetch."""
        with self._access() as db:
            return feeds.get_fetch_state(db, feed_id)

    def set_fetch_state(self, feed_id: int, state: FetchState) -> None:
        """Save the validators and body hash of a full fetch of the feed."""
        with self._access() as db:
            feeds.set_fetch_state(db, feed_id, state)

    def delete_feed(self, feed_id: int) -> None:
        """Unsubscribe, deleting the feed's articles and their annotations."""
        with self._access() as db:
            feeds.delete_feed(db, feed_id)

    def store_articles(self, feed_id: int, articles: Sequence[ParsedArticle]) -> StoreResult:
        """Add new and update changed articles of a feed in one transaction."""
        with self._access() as db:
            return article_rows.store_articles(db, feed_id, articles, utcnow())

    def count_articles(self, flt: ArticleFilter) -> int:
        """Return how many articles `flt` selects."""
        with self._access() as db:
            return listing.count_articles(db, flt)

    def list_articles(self, flt: ArticleFilter, offset: int, limit: int) -> list[ArticleSummary]:
        """Return one page of `flt`'s articles, newest first."""
        with self._access() as db:
            return listing.list_articles(db, flt, offset, limit)

    def list_after(
        self, flt: ArticleFilter, key: tuple[str, int] | None, limit: int
    ) -> list[ArticleSummary]:
        """Return up to `limit` of `flt`'s articles listed after `key` (None: from the top)."""
        with self._access() as db:
            return listing.list_after(db, flt, key, limit)

    def list_before(
        self, flt: ArticleFilter, key: tuple[str, int], limit: int
    ) -> list[ArticleSummary]:
        """Return up to `limit` of `flt`'s articles listed just before `key`, newest first."""
        with self._access() as db:
            return listing.list_before(db, flt, key, limit)

    def article_position(self, flt: ArticleFilter, article_id: int) -> int | None:
        """Return the article's index in `flt`'s list, or None when it is not listed."""
        with self._access() as db:
            return listing.article_position(db, flt, article_id)

    def next_unread(self, flt: ArticleFilter, after: int) -> int | None:
        """Return the index of the first unread article after index `after` (-1: from the top)."""
        with self._access() as db:
            return listing.next_unread(db, flt, after)

    def mark_read(self, flt: ArticleFilter) -> int:
        """Mark every article `flt` selects read; return how many were unread."""
        with self._access() as db:
            return listing.mark_read(db, flt, utcnow())

    def get_article(self, article_id: int) -> Article:
        """Return one article with its body; ArticleNotFoundError when missing."""
        with self._access() as db:
            return article_rows.get_article(db, article_id)

    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread; ArticleNotFoundError when missing."""
        with self._access() as db:
            article_rows.set_read(db, article_id, read, utcnow())

    def set_starred(self, article_id: int, starred: bool) -> None:
        """Star or unstar one article; ArticleNotFoundError when missing."""
        with self._access() as db:
            article_rows.set_starred(db, article_id, starred, utcnow())

    def get_annotations(
        self, article_id: int, version: str, text_hash: str
    ) -> list[list[Span]] | None:
        """Return the cached spans per text, or None when missing or stale."""
        with self._access() as db:
            return annotation_rows.get_annotations(db, article_id, version, text_hash)

    def put_annotations(
        self,
        article_id: int,
        version: str,
        text_hash: str,
        spans: Sequence[Sequence[Span]],
        entities: Sequence[tuple[EntityRef, str]] = (),
    ) -> None:
        """Cache the spans of an article's texts for this recogniser version and text hash,
        and index the names they found, (entity, as written), in the same transaction."""
        with self._access() as db, transaction(db):
            annotation_rows.put_annotations(db, article_id, version, text_hash, spans)
            entity_rows.put_entities(db, article_id, entities)

    def get_full_article(self, article_id: int) -> FullArticle | None:
        """The article's stored full text or last failure; None when its page was never fetched."""
        with self._access() as db:
            return full_rows.get_full_article(db, article_id)

    def put_full_text(self, article_id: int, url: str, html: str, extractor: str) -> None:
        """Store the article's full text; its cached spans and indexed names go with the old."""
        with self._access() as db, transaction(db):
            full_rows.put_full_text(db, article_id, url, html, extractor, utcnow())

    def put_full_error(self, article_id: int, url: str, error: str) -> None:
        """Record why the article's page could not be fetched; a stored full text stays."""
        with self._access() as db:
            full_rows.put_full_error(db, article_id, url, error, utcnow())

    def full_text_wanted(self, days: int, limit: int) -> list[tuple[int, str]]:
        """(id, link) of recent articles of fetch-full feeds still lacking a full text."""
        now = utcnow()
        with self._access() as db:
            return full_rows.full_text_wanted(db, now - timedelta(days=days), now, limit)

    def top_entities(self, days: int, kinds: Sequence[Label], limit: int) -> list[EntityCount]:
        """The entities of `kinds` that the most articles of the last `days` days mention."""
        with self._access() as db:
            return entity_rows.top_entities(db, utcnow() - timedelta(days=days), kinds, limit)

    def unannotated_articles(self, version: str, limit: int | None = None) -> list[int]:
        """Return ids of articles lacking spans from recogniser `version`, newest first."""
        with self._access() as db:
            return annotation_rows.unannotated_articles(db, version, limit)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Keep a search under `name` (replacing one so named) for the feed pane."""
        with self._access() as db:
            return saved.save_search(db, name, query)

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        with self._access() as db:
            return saved.saved_searches(db)

    def delete_saved_search(self, search_id: int) -> None:
        """Forget a saved search; StorageError when it does not exist."""
        with self._access() as db:
            saved.delete_saved_search(db, search_id)

    @contextmanager
    def _access(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and translate sqlite3 errors for the duration of one call."""
        with self._lock, wrap_errors():
            yield self._db
