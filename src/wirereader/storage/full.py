"""Full articles: the main text of an article's web page, kept beside the feed's summary."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from wirereader.models import FullArticle
from wirereader.storage.annotations import forget_annotations
from wirereader.storage.dates import from_db, to_db
from wirereader.storage.entities import forget_entities
from wirereader.storage.errors import ArticleNotFoundError

FULL_DDL = """
CREATE TABLE full_articles (
    -- the article whose web page was fetched; the full text goes with it
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    -- the page that was fetched (after redirects)
    url TEXT NOT NULL,
    -- when the page was last fetched
    fetched_at TEXT NOT NULL,
    -- the extracted main text as untrusted HTML; '' when the fetch failed
    html TEXT NOT NULL DEFAULT '',
    -- which extractor produced `html`, e.g. "trafilatura 2.0.0"
    extractor TEXT NOT NULL DEFAULT '',
    -- why the last fetch or extraction failed; NULL when it succeeded
    error TEXT
);
"""

# A failed page is tried again by background fetches only after this long.
RETRY_FAILED = timedelta(days=1)


def get_full_article(db: sqlite3.Connection, article_id: int) -> FullArticle | None:
    """The stored full text (or the last failure) of an article, None when never fetched."""
    row = db.execute(
        "SELECT url, fetched_at, html, extractor, error FROM full_articles WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    url, fetched_at, html, extractor, error = row
    fetched = from_db(fetched_at)
    assert fetched is not None  # NOT NULL column
    return FullArticle(article_id, url, fetched, html, extractor, error)


def put_full_text(
    db: sqlite3.Connection, article_id: int, url: str, html: str, extractor: str, now: datetime
) -> None:
    """Store an article's extracted full text, replacing an older one or a failure.

    The article's annotated texts change with it, so its cached spans and indexed names go
    (the caller's transaction keeps the three in step).
    """
    _upsert(
        db,
        article_id,
        """
        INSERT INTO full_articles (article_id, url, fetched_at, html, extractor, error)
        VALUES (?, ?, ?, ?, ?, NULL)
        ON CONFLICT (article_id) DO UPDATE SET url = excluded.url,
            fetched_at = excluded.fetched_at, html = excluded.html,
            extractor = excluded.extractor, error = NULL
        """,
        (article_id, url, to_db(now), html, extractor),
    )
    forget_annotations(db, [article_id])
    forget_entities(db, [article_id])


def put_full_error(
    db: sqlite3.Connection, article_id: int, url: str, error: str, now: datetime
) -> None:
    """Record why fetching an article's page failed; a full text fetched before is kept."""
    _upsert(
        db,
        article_id,
        """
        INSERT INTO full_articles (article_id, url, fetched_at, html, extractor, error)
        VALUES (?, ?, ?, '', '', ?)
        ON CONFLICT (article_id) DO UPDATE SET url = excluded.url,
            fetched_at = excluded.fetched_at, error = excluded.error
        WHERE full_articles.html = ''
        """,
        (article_id, url, to_db(now), error),
    )


def full_text_wanted(
    db: sqlite3.Connection, since: datetime, now: datetime, limit: int
) -> list[tuple[int, str]]:
    """(article id, link) of articles whose page should be fetched in the background, newest
    first: from feeds set to fetch full articles, dated since `since`, with a web link, and no
    full text yet nor a failure in the last RETRY_FAILED."""
    rows = db.execute(
        """
        SELECT a.id, a.link
        FROM feeds AS f CROSS JOIN articles AS a ON a.feed_id = f.id
        LEFT JOIN full_articles AS x ON x.article_id = a.id
        WHERE f.fetch_full = 1 AND f.removed_at IS NULL AND a.sort_date >= ?
            AND (a.link LIKE 'http://%' OR a.link LIKE 'https://%')
            AND (x.article_id IS NULL OR (x.html = '' AND x.fetched_at < ?))
        ORDER BY a.sort_date DESC, a.id DESC
        LIMIT ?
        """,
        (to_db(since), to_db(now - RETRY_FAILED), limit),
    )
    return [(article_id, link) for article_id, link in rows]


def _upsert(db: sqlite3.Connection, article_id: int, sql: str, params: tuple[object, ...]) -> None:
    """Run an upsert of `full_articles`; ArticleNotFoundError when the article is gone."""
    try:
        db.execute(sql, params)
    except sqlite3.IntegrityError as error:
        if "FOREIGN KEY" in str(error):
            raise ArticleNotFoundError(article_id) from error
        raise
