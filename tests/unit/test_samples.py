"""The bundled sample feeds parse cleanly, mix formats, and carry the seed and hostile items."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wirereader.feeds.samples import SAMPLE_SCHEME, load_samples, read_sample, sample_urls
from wirereader.models import ParsedArticle, ParsedFeed

SEED = Path(__file__).parents[3] / "shared" / "seed" / "tech-news-2021-04-19.txt"
SEED_TITLE = (
    "China and Russia plan to boost scientific cooperation with focus on artificial intelligence "
    "and other strategic areas"
)
SAMPLES = load_samples()


class ParagraphText(HTMLParser):
    """Collect the text of each <p> in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._open = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.paragraphs[-1] += data


def paragraphs(fragment: str) -> list[str]:
    """The text of every <p> in the fragment, in order."""
    parser = ParagraphText()
    parser.feed(fragment)
    return parser.paragraphs


def sample_format(data: bytes) -> str:
    """Which feed format a sample file is written in, from its root element or version."""
    if data.lstrip().startswith(b"{"):
        return str(json.loads(data)["version"])
    for marker, name in ((b'<rss version="2.0"', "rss20"), (b"<rdf:RDF", "rss10")):
        if marker in data:
            return name
    return "atom10" if b'<feed xmlns="http://www.w3.org/2005/Atom"' in data else "unknown"


def all_articles() -> list[ParsedArticle]:
    return [article for _, feed in SAMPLES for article in feed.articles]


def feed_titled(title: str) -> ParsedFeed:
    (feed,) = [feed for _, feed in SAMPLES if feed.title == title]
    return feed


def test_urls_are_sorted_sample_urls_and_load_in_that_order() -> None:
    urls = sample_urls()
    assert urls == sorted(urls)
    assert all(url.startswith(SAMPLE_SCHEME) for url in urls)
    assert [url for url, _ in SAMPLES] == urls


@pytest.mark.parametrize(("url", "feed"), SAMPLES, ids=[url for url, _ in SAMPLES])
def test_sample_parses_without_error_with_unique_guids(url: str, feed: ParsedFeed) -> None:
    assert feed.error is None
    assert feed.title and feed.link and feed.description
    guids = [a.guid for a in feed.articles]
    assert len(set(guids)) == len(guids)


def test_formats_counts_and_dates_cover_what_the_reader_needs() -> None:
    formats = Counter(sample_format(read_sample(url)) for url in sample_urls())
    assert {"rss20", "atom10", "rss10", "https://jsonfeed.org/version/1.1"} <= set(formats)
    assert len(SAMPLES) >= 5
    assert len(all_articles()) >= 30
    dates = [a.published or a.updated for a in all_articles()]
    years = {moment.year for moment in dates if moment is not None}
    assert years == {2021, 2022, 2023, 2024, 2025, 2026}


def test_every_article_has_a_body_of_several_paragraphs() -> None:
    for article in all_articles():
        assert len(paragraphs(article.content_html)) >= 3, article.title


@pytest.mark.parametrize(
    "markup",
    ["<h2>", "<h3>", "<ul>", "<ol>", "<blockquote>", "<pre>", '<a href="', ' alt="', "<figure>"]
    + ["<figcaption>", "<table>", "<th>"],
)
def test_bodies_use_the_html_the_reader_renders(markup: str) -> None:
    assert any(markup in article.content_html for article in all_articles())


def test_one_list_is_nested_in_another() -> None:
    assert any(re.search(r"<li>[^<]*<ul>", a.content_html) for a in all_articles())


def test_seed_article_is_in_tech_news_dated_19_april_2021() -> None:
    (article,) = [a for a in feed_titled("Tech news").articles if a.title == SEED_TITLE]
    assert article.published is not None
    assert article.published.date() == date(2021, 4, 19)
    assert article.summary.startswith("Focus on technological collaboration comes as ")
    assert paragraphs(article.content_html)[0] == article.summary


@pytest.mark.skipif(not SEED.exists(), reason=f"seed text not found at {SEED}")
def test_seed_article_holds_every_paragraph_of_the_seed_text_exactly() -> None:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    text = [line for line in lines if line]
    assert text[:3] == ["Tech news", "Monday, Apr 19, 2021", SEED_TITLE]
    expected = [line for line in text[3:] if line != "Related Articles"]
    (article,) = [a for a in feed_titled("Tech news").articles if a.title == SEED_TITLE]
    assert paragraphs(article.content_html) == expected


def test_hostile_titles_survive_as_literal_text_without_control_characters() -> None:
    titles = [a.title for a in feed_titled("Community wire").articles]
    assert any("[bold red]x[/]" in t for t in titles)
    assert any("[@click=app.quit]y[/]" in t for t in titles)
    assert any(t.startswith("Clipboard warning: ") for t in titles)
    assert not any(c in t for t in titles for c in "\x1b\x07\u202e")


def test_hostile_raw_sample_holds_the_escape_sequences_the_parser_removes() -> None:
    raw = json.loads(read_sample("sample:community-wire.json"))
    raw_titles = [item["title"] for item in raw["items"]]
    assert any("\x1b]52;c;" in t and t.endswith("\x07 hides in this title") for t in raw_titles)
    assert any("\u202e" in t for t in raw_titles)
    bodies = [item["content_html"] for item in raw["items"]]
    assert any("[link=" in b and "<script>" in b for b in bodies)


@pytest.mark.parametrize(
    "url",
    ["sample:nope.xml", "tech-news.xml", "sample:../models.py", "sample:__init__.py", "sample:"],
)
def test_read_sample_rejects_anything_but_a_bundled_feed(url: str) -> None:
    with pytest.raises(ValueError, match="not a bundled sample feed"):
        read_sample(url)
