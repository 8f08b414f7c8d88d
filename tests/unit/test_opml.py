"""OPML import (1.0 and 2.0, folders, junk, hostile DOCTYPEs) and OPML 2.0 export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from wirereader.feeds.opml import (
    Subscription,
    SubscriptionFileError,
    export_opml,
    parse_opml,
)
from wirereader.models import Feed, FeedSettings

CREATED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)

OPML_2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Top wire" type="rss" xmlUrl="https://top.example/rss" htmlUrl="https://top.example/"/>
    <outline text="News" title="News">
      <outline text="World desk" title="World" type="rss" xmlUrl="https://world.example/feed"/>
      <outline text="Europe">
        <outline type="rss" text="Nordic" xmlUrl="http://nordic.example/atom.xml"
                 category="/wire,fast"/>
      </outline>
    </outline>
    <outline text="Tech"><outline type="rss" xmlUrl="https://untitled.example/feed.json"/></outline>
  </body>
</opml>"""

# OPML 1.0 as old readers wrote it: no version, lower-case attribute, no head at all.
OPML_1 = b"""<opml><body>
<outline title="Old school" xmlurl="http://old.example/rss.xml"/>
<outline text="Folder"><outline text="Inner" XMLURL="http://inner.example/rss"/></outline>
</body></opml>"""


def test_opml_2_folders_become_tags_and_titles_are_kept() -> None:
    result = parse_opml(OPML_2)
    assert result.subscriptions == (
        Subscription("https://top.example/rss", "Top wire", ()),
        Subscription("https://world.example/feed", "World", ("News",)),
        Subscription(
            "http://nordic.example/atom.xml", "Nordic", ("News", "Europe", "wire", "fast")
        ),
        Subscription("https://untitled.example/feed.json", "", ("Tech",)),
    )
    assert result.skipped == ()


def test_opml_1_without_version_and_any_attribute_case() -> None:
    result = parse_opml(OPML_1)
    assert [(s.url, s.title, s.tags) for s in result.subscriptions] == [
        ("http://old.example/rss.xml", "Old school", ()),
        ("http://inner.example/rss", "Inner", ("Folder",)),
    ]


def test_junk_outlines_are_skipped_with_a_note() -> None:
    data = b"""<opml version="2.0"><body>
    <outline text="Empty" xmlUrl=""/>
    <outline text="Script" xmlUrl="javascript:alert(1)"/>
    <outline text="Spaced" xmlUrl="http://a b/"/>
    <outline text="Just a note"/>
    <para xmlUrl="http://ignored.example/"/>
    <outline text="Good" xmlUrl="  https://good.example/rss  "/>
    </body></opml>"""
    result = parse_opml(data)
    assert [s.url for s in result.subscriptions] == ["https://good.example/rss"]
    assert len(result.skipped) == 3
    assert "Script" in result.skipped[1] and "javascript:alert(1)" in result.skipped[1]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body>", "not valid OPML"),
        (b"<rss><channel/></rss>", "root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"not xml at all", "not valid OPML"),
    ],
)
def test_broken_documents_raise_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(SubscriptionFileError, match=reason):
        parse_opml(data)


def test_entity_expansion_bomb_is_refused_before_expansion() -> None:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 30))
    bomb = f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY l0 "lol">{levels}]>'
    bomb += '<opml><body><outline text="&l29;" xmlUrl="http://x.example/"/></body></opml>'
    with pytest.raises(SubscriptionFileError, match="DOCTYPE"):
        parse_opml(bomb.encode())


def test_external_entities_and_plain_doctypes_are_refused() -> None:
    external = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml><body><outline text="&secret;" xmlUrl="http://x.example/"/></body></opml>"""
    plain = b'<!DOCTYPE opml SYSTEM "http://example.com/opml.dtd"><opml><body/></opml>'
    for data in (external, plain):
        with pytest.raises(SubscriptionFileError, match="DOCTYPE"):
            parse_opml(data)


def _feed(feed_id: int, title: str, url: str, *tags: str, link: str | None = None) -> Feed:
    return Feed(id=feed_id, url=url, title=title, link=link, tags=tags)


def test_export_escapes_titles_and_urls() -> None:
    hostile = "Ampersand & <angle> \"quoted\" 'single'\x07"
    feeds = [_feed(1, hostile, "https://x.example/rss?a=1&b=2", 'R&D "lab"', link="https://x/?q=<")]
    text = export_opml(feeds, title="Mine & yours", created=CREATED)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "&amp; &lt;angle&gt; &quot;quoted&quot;" in text
    assert "rss?a=1&amp;b=2" in text
    root = ET.fromstring(text)
    assert root.findtext("head/title") == "Mine & yours"
    assert root.findtext("head/dateCreated") == "Sun, 01 Mar 2026 12:30:00 +0000"
    (folder,) = root.find("body") or []
    assert folder.get("text") == 'R&D "lab"'
    (outline,) = folder
    assert outline.get("title") == hostile.replace("\x07", "")
    assert outline.get("type") == "rss"
    assert outline.get("xmlUrl") == "https://x.example/rss?a=1&b=2"
    assert outline.get("htmlUrl") == "https://x/?q=<"


def test_export_groups_feeds_by_first_tag_and_untitled_feeds_use_the_url() -> None:
    feeds = [
        _feed(1, "A", "https://a.example/", "news"),
        _feed(2, "", "https://b.example/"),
        _feed(3, "C", "https://c.example/", "news", "tech"),
    ]
    body = ET.fromstring(export_opml(feeds, title="t", created=CREATED)).find("body")
    assert body is not None
    news, untitled = list(body)
    assert news.get("text") == "news" and news.get("xmlUrl") is None
    assert [o.get("title") for o in news] == ["A", "C"]
    assert untitled.get("text") == "https://b.example/"


def test_round_trip_keeps_feeds_titles_and_tags() -> None:
    feeds = [
        _feed(1, "Plain", "https://plain.example/rss"),
        _feed(2, "Tagged & <odd>", "https://t.example/a?x=1&y=2", "news"),
        _feed(3, "Many", "https://many.example/", "news", "world", "two words"),
        _feed(4, "Other", "file:///srv/feed.xml", "local"),
        _feed(5, "Sample", "sample:tech-news.xml"),
    ]
    back = parse_opml(export_opml(feeds, title="wirereader", created=CREATED).encode())
    assert back.skipped == ()
    assert set(back.subscriptions) == {Subscription(f.url, f.title, f.tags) for f in feeds}


def test_round_trip_keeps_settings_user_titles_and_tags_with_commas() -> None:
    mine = FeedSettings(
        refresh_minutes=0, keep_days=14, fetch_full=True, hide_from_all=True, read_on_arrival=True
    )
    feeds = [
        Feed(
            1,
            "https://a.example/rss",
            "Renamed",
            tags=("a, b", "100%", "c"),
            settings=mine,
            title_locked=True,
        ),
        Feed(2, "https://b.example/rss", "Own", tags=("x,y",)),
        Feed(3, "https://c.example/rss", "Half", settings=FeedSettings(refresh_minutes=90)),
    ]
    text = export_opml(feeds, title="t", created=CREATED)
    assert 'xmlns:wirereader="https://wirereader.example/opml"' in text
    assert 'category="a%2C b,100%25,c"' in text
    back = parse_opml(text.encode())
    assert (back.skipped, back.warnings) == ((), ())
    assert set(back.subscriptions) == {
        Subscription("https://a.example/rss", "Renamed", ("a, b", "100%", "c"), True, mine),
        Subscription("https://b.example/rss", "Own", ("x,y",)),
        Subscription("https://c.example/rss", "Half", (), False, FeedSettings(refresh_minutes=90)),
    }


def test_plain_exports_declare_no_namespace() -> None:
    text = export_opml([_feed(1, "A", "https://a.example/")], title="t", created=CREATED)
    assert "wirereader" not in text.split("<head>")[0]


def test_unknown_or_invalid_settings_are_warnings_not_failures() -> None:
    data = b"""<opml version="2.0" xmlns:w="https://wirereader.example/opml"
      xmlns:other="https://other.example/"><body>
    <outline text="Odd" xmlUrl="https://odd.example/rss" w:refreshMinutes="soon"
      w:keepDays="7" w:hideFromAll="maybe" w:colour="red" other:refreshMinutes="x"/>
    <outline text="Fine" xmlUrl="https://fine.example/rss" w:readOnArrival="TRUE"/>
    </body></opml>"""
    result = parse_opml(data)
    odd, fine = result.subscriptions
    assert odd.settings.keep_days == 7
    assert odd.settings.refresh_minutes is None and not odd.settings.hide_from_all
    assert fine.settings.read_on_arrival
    assert len(result.warnings) == 3
    assert all(w.startswith("Odd: ") for w in result.warnings)
    assert any("wirereader:colour" in w for w in result.warnings)
    assert any("refreshMinutes" in w and "whole number" in w for w in result.warnings)
