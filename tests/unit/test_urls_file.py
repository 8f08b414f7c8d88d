"""newsboat urls file import: tags, custom titles, comments and unsupported lines."""

from __future__ import annotations

from wirereader.feeds.opml import Subscription
from wirereader.feeds.urls_file import parse_urls_file, tokenize

URLS = r"""# my newsboat feeds
https://plain.example/rss

http://tagged.example/feed.xml "news" "two words" tech
  https://titled.example/atom "~A \"custom\" title" world   # trailing comment
https://frag.example/feed#section "news" "news"
"query:Unread Articles:unread = \"yes\"" "queries"
exec:~/bin/scrape-site
filter:~/bin/clean.sh:https://filtered.example/rss
gopher://old.example/feed
file:///home/me/feed.xml local
"""


def test_feeds_tags_and_titles() -> None:
    result = parse_urls_file(URLS)
    assert result.subscriptions == (
        Subscription("https://plain.example/rss"),
        Subscription("http://tagged.example/feed.xml", "", ("news", "two words", "tech")),
        Subscription("https://titled.example/atom", 'A "custom" title', ("world",), custom=True),
        Subscription("https://frag.example/feed#section", "", ("news",)),
        Subscription("file:///home/me/feed.xml", "", ("local",)),
    )


def test_query_exec_filter_and_junk_lines_are_skipped_with_notes() -> None:
    skipped = parse_urls_file(URLS).skipped
    assert len(skipped) == 4
    assert skipped[0].startswith("line 7: query feeds")
    assert skipped[1].startswith("line 8: exec:")
    assert skipped[2].startswith("line 9: filter:")
    assert skipped[3] == "line 10: not a feed URL: 'gopher://old.example/feed'"


def test_tokenize_quotes_escapes_and_comments() -> None:
    assert tokenize('  a "b c" "d\\"e" f#g # h "i"') == ["a", "b c", 'd"e', "f#g"]
    assert tokenize('"unterminated quote') == ["unterminated quote"]
    assert tokenize("   # only a comment") == []
    assert tokenize('x "" y') == ["x", "", "y"]


def test_an_empty_file_has_no_feeds() -> None:
    result = parse_urls_file("\n\n# nothing\n")
    assert result.subscriptions == () and result.skipped == ()
