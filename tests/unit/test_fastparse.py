"""The ElementTree fast path reads exactly what feedparser reads, or declines the document."""

from __future__ import annotations

import io
from pathlib import Path

import feedparser
import pytest

from wirereader.feeds import parse as parse_module
from wirereader.feeds.fastparse import parse_fast
from wirereader.models import ParsedFeed

CORPUS = Path(__file__).parents[3] / "shared" / "corpora" / "feedparser"
SAMPLES = Path(parse_module.__file__).parents[1] / "sample_feeds"
CONTENT_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
DC_NS = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
ATOM_NS = 'xmlns:atom="http://www.w3.org/2005/Atom"'


def rss(
    items: str, channel: str = "<title>Wire</title><link>https://wire.example/</link>"
) -> bytes:
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {CONTENT_NS} {DC_NS} {ATOM_NS}>'
    )
    return f"{head}<channel>{channel}{items}</channel></rss>".encode()


def atom(entries: str, feed: str = "<title>Wire</title>") -> bytes:
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{feed}{entries}</feed>'.encode()


def by_feedparser(data: bytes) -> ParsedFeed:
    result = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    return parse_module._to_feed(result, url="u")


def by_fast_path(data: bytes) -> ParsedFeed:
    result = parse_fast(data)
    assert result is not None, "the fast path declined a plain feed"
    return parse_module._to_feed(result, url="u")


ACCEPTED = {
    "rss item fields": rss(
        "<item><title> Kiiver raises €48m </title><link>https://wire.example/a?x=1&amp;y=2</link>"
        "<guid isPermaLink='false'>a-1</guid><pubDate>Mon, 19 Apr 2021 09:30:00 +0300</pubDate>"
        "<author>ann@wire.example (Ann Bee)</author><description>&lt;p&gt;Short&lt;/p&gt;"
        "</description><content:encoded><![CDATA[<p>Long <b>body</b></p>]]></content:encoded>"
        "<category>Tech</category><comments>https://wire.example/a#c</comments></item>"
    ),
    "rss guid is the link": rss(
        "<item><title>T</title><guid>https:///wire.example/g</guid></item>"
    ),
    "rss link beats guid": rss(
        "<item><guid>https://wire.example/g</guid><link>https://wire.example/l</link></item>"
    ),
    "rss title that looks like html": rss(
        "<item><title>AT&amp;amp;T &lt;b&gt;up&lt;/b&gt;</title></item>"
    ),
    "rss plain ampersand title": rss("<item><title>Q&amp;A with Ann</title></item>"),
    "rss mojibake and cp1252": rss("<item><title>CafÃ© \u0093quoted\u0094</title></item>"),
    "rss dc creator": rss("<item><title>T</title><dc:creator>Carl Dee</dc:creator></item>"),
    "rss self link and image": rss(
        "<item><title>T</title></item>",
        "<title>W</title><atom:link rel='self' href='https://wire.example/feed'/>"
        "<image><url>https://wire.example/i.png</url><title>Logo</title></image>",
    ),
    "atom entry fields": atom(
        "<entry><id>tag:wire.example,2021:1</id><title type='html'>A &amp;lt;i&amp;gt;b</title>"
        "<link href='https://wire.example/1'/><link rel='enclosure' href='https://wire.example/1.mp3'/>"
        "<updated>2021-04-19T09:30:00Z</updated><published>2021-04-18T08:00:00+02:00</published>"
        "<author><name>Ann</name><email>ann@wire.example</email></author>"
        "<summary>plain &lt;summary&gt;</summary>"
        "<content type='html'>&lt;p&gt;x&lt;/p&gt;</content>"
        "</entry>"
    ),
    "atom id is the link": atom(
        "<entry><id>http://www.example.org/Thing</id><title>T</title></entry>"
    ),
    "atom last alternate wins": atom(
        "<entry><title>T</title><link href='https://a.example/'/>"
        "<link rel='alternate' type='text/html' href='https://b.example/'/></entry>",
        "<title>W</title><id>https://wire.example/</id><link href='https://wire.example/home'/>",
    ),
}


@pytest.mark.parametrize("data", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_fast_path_matches_feedparser(data: bytes) -> None:
    assert by_fast_path(data) == by_feedparser(data)


DECLINED = {
    "doctype": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0">'
    b"<channel><title>&e;</title></channel></rss>",
    "latin-1 declared": rss("<item><title>T</title></item>").replace(b"UTF-8", b"ISO-8859-1"),
    "rss 0.91": rss("<item><title>T</title></item>").replace(b'version="2.0"', b'version="0.91"'),
    "unknown item element": rss("<item><title>T</title><dc:date>2021-04-19</dc:date></item>"),
    "two titles": rss("<item><title>T</title><title>U</title></item>"),
    "markup inside a text element": rss("<item><description><p>x</p></description></item>"),
    "author and creator": rss("<item><author>a</author><dc:creator>b</dc:creator></item>"),
    "alternate atom link in rss": rss("<item><atom:link href='https://x.example/'/></item>"),
    "unparseable date": rss("<item><title>T</title><pubDate>soon</pubDate></item>"),
    "xhtml content": atom(
        "<entry><title>T</title><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
        "x</div></content></entry>"
    ),
    "xml:base": atom("<entry xml:base='https://x.example/'><title>T</title></entry>"),
    "malformed": b"<rss version='2.0'><channel><title>T</channel></rss>",
    "utf-16": '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"/>'.encode("utf-16"),
}


@pytest.mark.parametrize("data", DECLINED.values(), ids=DECLINED.keys())
def test_fast_path_declines_what_only_feedparser_reads_right(data: bytes) -> None:
    assert parse_fast(data) is None


def test_a_non_utf8_charset_header_sends_the_feed_to_feedparser() -> None:
    data = rss("<item><title>T</title></item>")
    assert parse_fast(data, "application/rss+xml; charset=utf-8") is not None
    assert parse_fast(data, "application/rss+xml; charset=windows-1252") is None


def test_the_sample_rss_feeds_take_the_fast_path() -> None:
    for name in ("tech-news.xml", "sport-and-culture.xml"):
        data = (SAMPLES / name).read_bytes()
        assert by_fast_path(data) == by_feedparser(data)


CORPUS_FILES = sorted(CORPUS.rglob("*.xml")) if CORPUS.exists() else []


@pytest.mark.skipif(not CORPUS_FILES, reason=f"feedparser corpus not found at {CORPUS}")
def test_every_corpus_file_the_fast_path_accepts_reads_as_feedparser_reads_it() -> None:
    accepted = []
    for path in CORPUS_FILES:
        data = path.read_bytes()
        if parse_fast(data) is None:
            continue
        accepted.append(path.name)
        assert parse_module._to_feed(parse_fast(data), url="u") == by_feedparser(data), path
    assert len(accepted) > 300, "the fast path should read most plain well-formed feeds"
