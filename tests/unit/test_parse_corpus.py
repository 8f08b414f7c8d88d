"""feedparser's own ill-formed and oddly encoded test feeds parse without raising, to clean models.

The corpus lives beside the repository (`../shared/corpora/feedparser`); without it these skip.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirereader.feeds import parse_feed

CORPUS = Path(__file__).parents[3] / "shared" / "corpora" / "feedparser"
FOLDERS = ("illformed", "encoding")
ILL_FORMED = ("aaa_illformed.xml", "rss_empty_document.xml", "undeclared_namespace.xml")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def corpus_files() -> list[Path]:
    """Every feed file in the chosen corpus folders, or none if the corpus is absent."""
    return sorted(p for folder in FOLDERS for p in (CORPUS / folder).rglob("*.xml"))


FILES = corpus_files()


@pytest.mark.skipif(not FILES, reason=f"feedparser corpus not found at {CORPUS}")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_parses_to_clean_models(path: Path) -> None:
    feed = parse_feed(path.read_bytes(), url=path.name)
    assert feed.title
    assert not _CONTROL.search(feed.title)
    for article in feed.articles:
        assert article.guid
        assert article.title and not _CONTROL.search(article.title)
        for moment in (article.published, article.updated):
            assert moment is None or moment.utcoffset() is not None


@pytest.mark.skipif(not FILES, reason=f"feedparser corpus not found at {CORPUS}")
def test_ill_formed_corpus_files_report_a_problem() -> None:
    broken = [parse_feed((CORPUS / "illformed" / name).read_bytes()) for name in ILL_FORMED]
    assert all(feed.error for feed in broken)
