"""The one façade the UI and the CLI call: storage, subscriptions, rendering input and analysis.

Every method may block (SQLite, parsing, recognition), so the UI calls it from workers only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from wirereader.analysis.entities import group_entities
from wirereader.content.blocks import Document, document_inlines
from wirereader.content.html import html_to_document
from wirereader.content.sanitize import clean_line
from wirereader.export import file_stem, markdown_for, write_new
from wirereader.feeds.report import FeedOutcome, RefreshReport
from wirereader.feeds.samples import load_samples
from wirereader.feeds.schedule import due_feeds
from wirereader.feeds.settings import FetchError, FetchSettings
from wirereader.models import (
    Article,
    ArticleFilter,
    ArticleSummary,
    EntityCount,
    Feed,
    FeedSettings,
    FeedStats,
    FullArticle,
    Label,
    SavedSearch,
    Span,
    ViewCounts,
)
from wirereader.search import parse_query
from wirereader.search.entities import entity_refs
from wirereader.storage import ArticleNotFoundError, FeedExistsError, Storage, StorageError
from wirereader.storage.dates import utcnow

if TYPE_CHECKING:
    from wirereader.feeds.opml import SubscriptionList

logger = logging.getLogger(__name__)


# Background full-text fetches after a refresh: at most this many pages, of articles dated
# within this many days, so a feed newly set to fetch full articles is not crawled at once.
FULL_TEXTS_PER_REFRESH = 20
FULL_TEXT_DAYS = 7


class Recogniser(Protocol):
    """Anything that annotates an article's texts with shared document memory."""

    @property
    def version(self) -> str: ...

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]: ...


class BuiltinRecogniser:
    """The pure-Python rule-based recogniser shipped with wirereader.

    Imported on first use: its compiled patterns and gazetteers cost ~0.1 s, which commands
    that never annotate (refresh, add, feeds) and the app's first paint should not pay.
    """

    @property
    def version(self) -> str:
        from wirereader.analysis import RECOGNISER_VERSION

        return RECOGNISER_VERSION

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]:
        from wirereader.analysis import annotate_document

        return annotate_document(texts)


def make_recogniser(name: str) -> tuple[Recogniser, str | None]:
    """Build the recogniser named in the config, or the built-in one and the reason why not.

    spaCy is imported only when chosen; if it or its model is missing the reader still works.
    """
    if name == "spacy":
        from wirereader.analysis.spacy_backend import RecogniserUnavailableError, SpacyRecogniser

        try:
            return SpacyRecogniser(), None
        except RecogniserUnavailableError as exc:
            return BuiltinRecogniser(), f"{exc} Using the built-in recogniser instead."
    return BuiltinRecogniser(), None


class SubscriptionError(Exception):
    """Subscribing, unsubscribing or importing failed; the message is a short user-facing reason."""


class AlreadySubscribedError(SubscriptionError):
    """The feed being added is already subscribed (as `feed`)."""

    def __init__(self, feed: Feed) -> None:
        super().__init__(f"already subscribed to {feed.url}")
        self.feed = feed


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: feeds subscribed, feeds already there, a note per skipped entry,
    and a warning per setting left out."""

    added: int
    existing: int
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the reader pane shows for one article."""

    article: Article
    document: Document
    spans: tuple[tuple[Span, ...], ...]
    # the article's fetched web page (its full text, or why fetching failed), if ever fetched
    full: FullArticle | None = None
    # True when `document` is the full text rather than the feed's body
    showing_full: bool = False


# Rows the article list reads at a time (its page), and so the page prefetched at start.
LIST_PAGE = 200


class FullArticleError(Exception):
    """An article's full text could not be fetched; the message is a short user-facing reason."""


class Service:
    """Operations on one wirereader database."""

    def __init__(
        self,
        storage: Storage,
        recogniser_name: str = "builtin",
        recogniser: Recogniser | None = None,
        *,
        keep_days: int = 0,
        concurrency: int = FetchSettings().concurrency,
        refresh_minutes: int = 30,
    ) -> None:
        self.storage = storage
        self.keep_days = keep_days
        # the config's auto-refresh interval, for feeds without one of their own; 0: never
        self.refresh_minutes = refresh_minutes
        self.fetch_settings = FetchSettings(concurrency=concurrency)
        self._recogniser_name = recogniser_name
        self._recogniser = recogniser
        self._recogniser_lock = threading.Lock()
        self.recogniser_warning: str | None = None
        self._prefetch: tuple[ArticleFilter, threading.Thread, list[list[ArticleSummary]]] | None
        self._prefetch = None

    @classmethod
    def open(
        cls,
        db_path: str | Path,
        recogniser_name: str = "builtin",
        *,
        keep_days: int = 0,
        concurrency: int = FetchSettings().concurrency,
        refresh_minutes: int = 30,
    ) -> Service:
        """Open (creating and migrating if needed) the database at `db_path`."""
        return cls(
            Storage(db_path),
            recogniser_name,
            keep_days=keep_days,
            concurrency=concurrency,
            refresh_minutes=refresh_minutes,
        )

    @property
    def recogniser(self) -> Recogniser:
        """The configured recogniser, loaded on first use (spaCy takes seconds to load)."""
        with self._recogniser_lock:
            if self._recogniser is None:
                self._recogniser, self.recogniser_warning = make_recogniser(self._recogniser_name)
            return self._recogniser

    def close(self) -> None:
        if self._prefetch is not None:
            self._prefetch[1].join()
        self.storage.close()

    def import_samples_if_empty(self) -> int:
        """On a first launch, store the bundled sample feeds; return how many feeds were added."""
        if not self.storage.is_empty():
            return 0
        self._prefetch = None  # it read the empty database
        samples = load_samples()
        for url, parsed in samples:
            feed = self.storage.add_feed(url, parsed.title)
            self.storage.update_feed(feed.id, parsed)
            self.storage.store_articles(feed.id, parsed.articles)
        return len(samples)

    def feed_stats(self) -> list[FeedStats]:
        return self.storage.feed_stats()

    def view_counts(self) -> ViewCounts:
        return self.storage.view_counts()

    def count_articles(self, flt: ArticleFilter) -> int:
        return self.storage.count_articles(flt)

    def prefetch_first_page(self, flt: ArticleFilter) -> None:
        """Start reading the top LIST_PAGE rows of `flt` in a thread, for the list's first ask.

        The app starts this before it imports Textual: SQLite reads without holding the GIL,
        so the first screen of articles is ready when the list asks for it.
        """
        found: list[list[ArticleSummary]] = []

        def read() -> None:
            with contextlib.suppress(StorageError):  # the list asks again and reports it
                found.append(self.storage.list_articles(flt, 0, LIST_PAGE))

        thread = threading.Thread(target=read, name="wirereader-prefetch", daemon=True)
        self._prefetch = (flt, thread, found)
        thread.start()

    def list_articles(self, flt: ArticleFilter, offset: int, limit: int) -> list[ArticleSummary]:
        if self._prefetch is not None and (offset, limit) == (0, LIST_PAGE):
            wanted, thread, found = self._prefetch
            self._prefetch = None  # once: later asks must see changes since
            thread.join()
            if wanted == flt and found:
                return found[0]
        return self.storage.list_articles(flt, offset, limit)

    def list_after(
        self, flt: ArticleFilter, key: tuple[str, int] | None, limit: int
    ) -> list[ArticleSummary]:
        return self.storage.list_after(flt, key, limit)

    def list_before(
        self, flt: ArticleFilter, key: tuple[str, int], limit: int
    ) -> list[ArticleSummary]:
        return self.storage.list_before(flt, key, limit)

    def article_position(self, flt: ArticleFilter, article_id: int) -> int | None:
        return self.storage.article_position(flt, article_id)

    def next_unread(self, flt: ArticleFilter, after: int) -> int | None:
        return self.storage.next_unread(flt, after)

    def top_entities(self, days: int = 7, limit: int = 12) -> list[EntityCount]:
        """The people, organisations and places the most recent articles mention."""
        return self.storage.top_entities(days, (Label.PERSON, Label.ORG, Label.PLACE), limit)

    def save_search(self, text: str) -> SavedSearch:
        """Keep a search for the feed pane, named by its text; QueryError when it is invalid."""
        parse_query(text)
        return self.storage.save_search(text.strip(), text.strip())

    def saved_searches(self) -> list[SavedSearch]:
        return self.storage.saved_searches()

    def delete_saved_search(self, search_id: int) -> None:
        self.storage.delete_saved_search(search_id)

    def set_read(self, article_id: int, read: bool) -> None:
        self.storage.set_read(article_id, read)

    def set_starred(self, article_id: int, starred: bool) -> None:
        self.storage.set_starred(article_id, starred)

    def mark_read(self, flt: ArticleFilter) -> int:
        return self.storage.mark_read(flt)

    def open_article(self, article_id: int, *, mark_read: bool = True) -> ArticleView:
        """Load an article for reading and mark it read (if the database can be written).

        `mark_read=False` leaves its flag alone (the config's `mark_read_on_open = false`).
        """
        article = self.storage.get_article(article_id)
        if mark_read and not article.read:
            try:
                self.storage.set_read(article_id, True)
            except StorageError:
                pass  # a full disk or read-only database must not stop reading what is stored
            else:
                article = self.storage.get_article(article_id)
        return self.article_view(article)

    def article(self, article_id: int) -> Article:
        """One stored article, flags untouched; ArticleNotFoundError when it is gone."""
        return self.storage.get_article(article_id)

    def article_view(self, article: Article, *, full: bool = True) -> ArticleView:
        """Convert an article's body to blocks and attach its (cached) entity spans.

        With a stored full text, that is shown unless `full` is False. The feed's body and the
        full text are annotated together as one cache entry, so the text hash covers both,
        toggling between them costs nothing, and the entity index holds the names of both.
        """
        stored = self.storage.get_full_article(article.id)
        summary = html_to_document(article.body_html, base_url=article.link)
        texts = [inline.text for inline in document_inlines(summary)]
        split = len(texts)
        page = None
        if stored is not None and stored.html:
            page = html_to_document(stored.html, base_url=stored.url)
            texts += [inline.text for inline in document_inlines(page)]
        spans = [tuple(s) for s in self._spans_for(article.id, texts)]
        if full and page is not None:
            return ArticleView(article, page, tuple(spans[split:]), stored, showing_full=True)
        return ArticleView(article, summary, tuple(spans[:split]), stored)

    def fetch_full_article(self, article_id: int) -> ArticleView:
        """Fetch the article's web page, store its main text and return the view showing it.

        FullArticleError when there is no web page or no article text on it; the reason is
        stored too (a full text fetched earlier stays).
        """
        article = self.storage.get_article(article_id)
        if not article.link:
            raise FullArticleError("this article has no link to fetch")
        from wirereader.feeds.fullpage import fetch_page_sync  # loads httpx on first use

        try:
            page = fetch_page_sync(article.link, self.fetch_settings)
        except FetchError as exc:
            self._full_failed(article.id, article.link, str(exc))
        self._store_page(article.id, page.url, page.body)
        return self.article_view(article)

    def fetch_full_texts(self, limit: int = FULL_TEXTS_PER_REFRESH) -> int:
        """Fetch the pages of recent articles of feeds set to "fetch full articles" that have
        no full text (nor a recent failure) yet; return how many full texts were stored.

        Politely: at most fullpage.PER_HOST pages of a site at a time, with the feed caps.
        Each stored text is annotated at once, so the entity index names what it says.
        """
        wanted = self.storage.full_text_wanted(FULL_TEXT_DAYS, limit)
        if not wanted:
            return 0
        from wirereader.feeds.fullpage import fetch_pages

        pages = asyncio.run(fetch_pages([link for _, link in wanted], self.fetch_settings))
        stored = 0
        for (article_id, link), page in zip(wanted, pages, strict=True):
            try:
                if isinstance(page, FetchError):
                    self._full_failed(article_id, link, str(page))
                self._store_page(article_id, page.url, page.body)
                self.article_view(self.storage.get_article(article_id))
            except (FullArticleError, ArticleNotFoundError):
                continue  # recorded, or the article was deleted meanwhile
            stored += 1
        return stored

    def _store_page(self, article_id: int, url: str, body: bytes) -> None:
        """Extract a fetched page's main text and store it; FullArticleError when none."""
        from wirereader.content.extract import ExtractionError, extract_main

        try:
            extracted = extract_main(body, url)
        except ExtractionError as exc:
            self._full_failed(article_id, url, str(exc))
        self.storage.put_full_text(article_id, url, extracted.html, extracted.extractor)

    def _full_failed(self, article_id: int, url: str, reason: str) -> NoReturn:
        """Record why an article's page gave no full text, then raise FullArticleError."""
        with contextlib.suppress(StorageError):  # the reason still reaches the user
            self.storage.put_full_error(article_id, url, reason)
        raise FullArticleError(f"could not fetch the full article: {reason}")

    def annotate_missing(self, limit: int | None = None) -> int:
        """Annotate articles whose cached spans are missing or stale, so opening never waits."""
        done = 0
        for article_id in self.storage.unannotated_articles(self.recogniser.version, limit):
            self.article_view(self.storage.get_article(article_id))
            done += 1
        return done

    def feeds(self) -> list[Feed]:
        """Every subscribed feed, sorted by title."""
        return self.storage.get_feeds()

    def find_feed(self, ref: str) -> Feed:
        """The subscribed feed whose id or URL (or local path) is `ref`."""
        ref = ref.strip()
        subscribed = self.storage.get_feeds()
        if ref.isdigit():
            matches = [feed for feed in subscribed if feed.id == int(ref)]
        else:
            urls = {ref, feed_source(ref)}
            matches = [feed for feed in subscribed if feed.url in urls]
        if not matches:
            raise SubscriptionError(f"no subscribed feed {ref!r} (see `wirereader feeds`)")
        return matches[0]

    def add_feed(self, url: str, *, title: str | None = None, tags: Sequence[str] = ()) -> Feed:
        """Subscribe to the feed at `url` after fetching and checking it, and store its articles.

        An HTML page is followed to the feed it advertises, so the stored URL may differ from
        `url`; AlreadySubscribedError when the feed is subscribed already.
        """
        from wirereader.feeds.fetch import fetch_and_parse  # the HTTP stack loads on first use

        url = feed_source(url)
        self._refuse_subscribed(url)
        try:
            final_url, parsed = asyncio.run(fetch_and_parse(url, self.fetch_settings))
        except FetchError as exc:
            raise SubscriptionError(f"cannot subscribe to {url}: {exc}") from exc
        self._refuse_subscribed(final_url)
        try:
            feed = self.storage.add_feed(final_url, parsed.title, tags=clean_tags(tags))
        except FeedExistsError as exc:
            raise SubscriptionError(str(exc)) from exc
        self.storage.update_feed(feed.id, parsed)
        self.storage.store_articles(feed.id, parsed.articles)
        if title and title.strip():
            self.storage.set_feed_title(feed.id, title.strip())
        return self.storage.get_feed(feed.id)

    def _refuse_subscribed(self, url: str) -> None:
        """Raise AlreadySubscribedError when `url` is a current subscription."""
        for feed in self.storage.get_feeds():
            if feed.url == url:
                raise AlreadySubscribedError(feed)

    def remove_feed(self, ref: str) -> Feed:
        """Unsubscribe from the feed with id or URL `ref`; its starred articles are kept."""
        feed = self.find_feed(ref)
        self.storage.remove_feed(feed.id)
        return feed

    def refresh(
        self,
        feed_ids: Sequence[int] | None = None,
        on_outcome: Callable[[FeedOutcome], None] | None = None,
    ) -> RefreshReport:
        """Fetch and store new articles of every feed (or of `feed_ids`), then apply retention.

        `on_outcome` is called once per feed as it finishes, from the calling thread.
        """
        # Imported here so that reading offline never pays for loading httpx and TLS (~0.3 s).
        from wirereader.feeds.refresh import refresh_feeds_sync

        report = refresh_feeds_sync(
            self.storage, feed_ids, settings=self.fetch_settings, on_outcome=on_outcome
        )
        _log_refresh(report)
        self.purge_old()
        return report

    def due_feeds(self) -> list[int]:
        """The feeds an automatic refresh fetches now: their interval has passed since the
        last check (a feed's own interval, else the config's; 0 never)."""
        return due_feeds(self.storage.fetch_targets(), self.refresh_minutes, utcnow())

    def purge_old(self) -> int:
        """Delete unstarred articles older than their feed's retention (else the config's)."""
        return self.storage.purge_expired(self.keep_days)

    def update_feed_settings(
        self,
        feed_id: int,
        settings: FeedSettings,
        *,
        title: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Feed:
        """Save a feed's settings, and its title and tags unless None; return the feed.

        A blank title gives the feed back its own title at the next fetch.
        """
        title = None if title is None else clean_line(title)
        tags = None if tags is None else clean_tags(tags)
        return self.storage.update_feed_settings(feed_id, settings, title=title, tags=tags)

    def import_subscriptions(self, path: Path) -> ImportResult:
        """Subscribe to the feeds of an OPML or newsboat urls file, without fetching them.

        Feeds already subscribed (or listed twice) are counted, not added again.
        """
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SubscriptionError(f"cannot read {path}: {exc.strerror or exc}") from exc
        from wirereader.feeds.opml import SubscriptionFileError

        try:
            listing = read_subscription_list(data)
        except SubscriptionFileError as exc:
            raise SubscriptionError(f"{path}: {exc}") from exc
        known = {feed.url for feed in self.storage.get_feeds()}
        added = existing = 0
        for entry in listing.subscriptions:
            if entry.url in known:
                existing += 1
                continue
            feed = self.storage.add_feed(entry.url, entry.title, tags=clean_tags(entry.tags))
            if entry.custom and entry.title:
                self.storage.set_feed_title(feed.id, entry.title)
            if entry.settings != FeedSettings():
                self.storage.update_feed_settings(feed.id, entry.settings)
            known.add(entry.url)
            added += 1
        return ImportResult(added, existing, listing.skipped, listing.warnings)

    def export_opml(self) -> str:
        """Every subscription as an OPML 2.0 document, tags as folders."""
        from wirereader.feeds.opml import export_opml

        return export_opml(
            self.storage.get_feeds(), title="wirereader subscriptions", created=datetime.now(UTC)
        )

    def iter_articles(self, flt: ArticleFilter, page_size: int = 200) -> Iterator[Article]:
        """Every article `flt` selects, in list order, read a page at a time by keyset.

        An export of 100,000 articles then holds one page of summaries and one body at a time.
        """
        key: tuple[str, int] | None = None
        while True:
            page = self.storage.list_after(flt, key, page_size)
            for row in page:
                with contextlib.suppress(ArticleNotFoundError):  # purged since the page was read
                    yield self.storage.get_article(row.id)
            if len(page) < page_size:
                return
            key = page[-1].key

    def document(self, article: Article) -> Document:
        """The article's body as blocks, without recognition: exports need no spans."""
        return html_to_document(article.body_html, base_url=article.link)

    def feed_tags(self) -> dict[int, tuple[str, ...]]:
        """Each subscribed feed's tags by feed id."""
        return {feed.id: feed.tags for feed in self.storage.get_feeds()}

    def export_markdown(self, article: Article, document: Document, directory: Path) -> Path:
        """Write `article` (its body as `document`) to a new Markdown file; return its path.

        ExportError when it cannot be written; an existing file is never replaced.
        """
        return write_new(directory, file_stem(article), markdown_for(article, document))

    def _spans_for(self, article_id: int, texts: Sequence[str]) -> list[list[Span]]:
        recogniser = self.recogniser
        digest = text_hash(texts)
        cached = self.storage.get_annotations(article_id, recogniser.version, digest)
        if cached is not None and len(cached) == len(texts):
            return cached
        spans = recogniser.annotate_document(texts)
        names = entity_refs(group_entities(texts, spans))
        with contextlib.suppress(StorageError):  # only a cache: a full disk costs time, no more
            self.storage.put_annotations(article_id, recogniser.version, digest, spans, names)
        return spans


def _log_refresh(report: RefreshReport) -> None:
    """Each feed's outcome in the --debug log, feed text cleaned (logs are read in terminals)."""
    for outcome in report.outcomes:
        level = logging.WARNING if outcome.error else logging.INFO
        logger.log(
            level,
            "refresh %s: %s, %d new, %d updated%s",
            clean_line(outcome.url),
            outcome.status,
            outcome.new,
            outcome.updated,
            f": {clean_line(outcome.error)}" if outcome.error else "",
        )


def feed_source(url: str) -> str:
    """A feed reference in its stored form: an existing local path becomes a file:// URL.

    Relative paths would break when wirereader runs from another directory.
    """
    url = url.strip()
    if "://" in url or url.startswith("sample:"):
        return url
    path = Path(url).expanduser()
    return path.resolve().as_uri() if path.exists() else url


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags stripped of surrounding blanks, without empties and repeats."""
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def read_subscription_list(data: bytes) -> SubscriptionList:
    """Parse an import file as OPML when it starts with markup, else as a newsboat urls file.

    Subscription files are rare; their parsers (and xml.etree) load only when one is read.
    """
    from wirereader.feeds.opml import parse_opml
    from wirereader.feeds.urls_file import parse_urls_file

    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_opml(data)
    return parse_urls_file(data.decode("utf-8-sig", errors="replace"))


def text_hash(texts: Sequence[str]) -> str:
    """A digest of an article's annotatable texts; spans are cached against it."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
