"""The config's oldest-first list order: keyset pages, offsets and positions all run reversed."""

from __future__ import annotations

from collections.abc import Callable

from wirereader.models import ArticleFilter, ParsedArticle
from wirereader.search import parse_query
from wirereader.storage import Storage

MakeArticle = Callable[..., ParsedArticle]


def test_oldest_first_pages_by_key_to_the_reversed_list(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://one.example/feed", "One").id
    minutes = [5, 1, 9, 3, 3, 7, 2, 8, 8, 4]
    storage.store_articles(feed, [make_article(f"a-{i}", m) for i, m in enumerate(minutes)])
    for flt in (ArticleFilter(), ArticleFilter(search=parse_query("title"))):
        newest = storage.list_articles(flt, 0, 100)
        assert len(newest) == len(minutes)
        oldest_flt = ArticleFilter(search=flt.search, oldest_first=True)
        expected = list(reversed(newest))
        assert storage.list_articles(oldest_flt, 0, 100) == expected
        pages, key = [], None
        while page := storage.list_after(oldest_flt, key, 3):
            pages += page
            key = page[-1].key
        assert pages == expected
        assert storage.list_before(oldest_flt, expected[6].key, 3) == expected[3:6]
        assert storage.list_articles(oldest_flt, 4, 3) == expected[4:7]
        for index, row in enumerate(expected):
            assert storage.article_position(oldest_flt, row.id) == index
