"""The one façade the UI and the CLI call: storage, sample import, rendering input and analysis.

Every method may block (SQLite, parsing, recognition), so the UI calls it from workers only.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from wirereader.analysis import RECOGNISER_VERSION, annotate_document
from wirereader.content.blocks import Document, document_inlines
from wirereader.content.html import html_to_document
from wirereader.feeds.samples import load_samples
from wirereader.models import (
    Article,
    ArticleFilter,
    ArticleSummary,
    FeedStats,
    Span,
    ViewCounts,
)
from wirereader.storage import Storage


class Recogniser(Protocol):
    """Anything that annotates an article's texts with shared document memory."""

    version: str

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]: ...


class BuiltinRecogniser:
    """The pure-Python rule-based recogniser shipped with wirereader."""

    version = RECOGNISER_VERSION

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]:
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


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the reader pane shows for one article."""

    article: Article
    document: Document
    spans: tuple[tuple[Span, ...], ...]


class Service:
    """Operations on one wirereader database."""

    def __init__(
        self,
        storage: Storage,
        recogniser_name: str = "builtin",
        recogniser: Recogniser | None = None,
    ) -> None:
        self.storage = storage
        self._recogniser_name = recogniser_name
        self._recogniser = recogniser
        self._recogniser_lock = threading.Lock()
        self.recogniser_warning: str | None = None

    @classmethod
    def open(cls, db_path: str | Path, recogniser_name: str = "builtin") -> Service:
        """Open (creating and migrating if needed) the database at `db_path`."""
        return cls(Storage(db_path), recogniser_name)

    @property
    def recogniser(self) -> Recogniser:
        """The configured recogniser, loaded on first use (spaCy takes seconds to load)."""
        with self._recogniser_lock:
            if self._recogniser is None:
                self._recogniser, self.recogniser_warning = make_recogniser(self._recogniser_name)
            return self._recogniser

    def close(self) -> None:
        self.storage.close()

    def import_samples_if_empty(self) -> int:
        """On a first launch, store the bundled sample feeds; return how many feeds were added."""
        if not self.storage.is_empty():
            return 0
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

    def list_articles(self, flt: ArticleFilter, offset: int, limit: int) -> list[ArticleSummary]:
        return self.storage.list_articles(flt, offset, limit)

    def article_position(self, flt: ArticleFilter, article_id: int) -> int | None:
        return self.storage.article_position(flt, article_id)

    def next_unread(self, flt: ArticleFilter, after: int) -> int | None:
        return self.storage.next_unread(flt, after)

    def set_read(self, article_id: int, read: bool) -> None:
        self.storage.set_read(article_id, read)

    def set_starred(self, article_id: int, starred: bool) -> None:
        self.storage.set_starred(article_id, starred)

    def mark_read(self, flt: ArticleFilter) -> int:
        return self.storage.mark_read(flt)

    def open_article(self, article_id: int) -> ArticleView:
        """Load an article for reading and mark it read."""
        article = self.storage.get_article(article_id)
        if not article.read:
            self.storage.set_read(article_id, True)
            article = self.storage.get_article(article_id)
        return self.article_view(article)

    def article_view(self, article: Article) -> ArticleView:
        """Convert an article's body to blocks and attach its (cached) entity spans."""
        document = html_to_document(article.body_html, base_url=article.link)
        texts = [inline.text for inline in document_inlines(document)]
        spans = self._spans_for(article.id, texts)
        return ArticleView(article, document, tuple(tuple(s) for s in spans))

    def annotate_missing(self, limit: int | None = None) -> int:
        """Annotate articles whose cached spans are missing or stale, so opening never waits."""
        done = 0
        for article_id in self.storage.unannotated_articles(self.recogniser.version, limit):
            self.article_view(self.storage.get_article(article_id))
            done += 1
        return done

    def _spans_for(self, article_id: int, texts: Sequence[str]) -> list[list[Span]]:
        recogniser = self.recogniser
        digest = text_hash(texts)
        cached = self.storage.get_annotations(article_id, recogniser.version, digest)
        if cached is not None and len(cached) == len(texts):
            return cached
        spans = recogniser.annotate_document(texts)
        self.storage.put_annotations(article_id, recogniser.version, digest, spans)
        return spans


def text_hash(texts: Sequence[str]) -> str:
    """A digest of an article's annotatable texts; spans are cached against it."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
