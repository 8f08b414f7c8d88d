"""Full articles: the main text of an article's web page, kept beside the feed's summary."""

from __future__ import annotations

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
