"""Article lists: filters, order, paging, positions, next unread and marking read."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from wirereader.models import ArticleFilter, ArticleSummary, ParsedArticle
from wirereader.storage import Storage

MakeArticle = Callable[..., ParsedArticle]


@dataclass(frozen=True)
class Fixture:
    """A small database and the ids of its two feeds."""

    storage: Storage
    first: int
    second: int


@pytest.fixture
def lists(storage: Storage, make_article: MakeArticle) -> Fixture:
    """Twelve articles over two feeds, with ties in date, some read and some starred."""
    first = storage.add_feed("https://one.example/feed", "One").id
    second = storage.add_feed("https://two.example/feed", "Two").id
    minutes = [5, 1, 9, 3, 3, 7]
    storage.store_articles(first, [make_article(f"1-{i}", m) for i, m in enumerate(minutes)])
    storage.store_articles(second, [make_article(f"2-{i}", m + 1) for i, m in enumerate(minutes)])
    for index, summary in enumerate(storage.list_articles(ArticleFilter(), 0, 100)):
        if index % 3 == 0:
            storage.set_read(summary.id, True)
        if index % 4 == 1:
            storage.set_starred(summary.id, True)
    return Fixture(storage, first, second)


def _filters(fx: Fixture) -> list[ArticleFilter]:
    return [
        ArticleFilter(feed_id, unread, starred)
        for feed_id, unread, starred in itertools.product(
            (None, fx.first, fx.second), (False, True), (False, True)
        )
    ]


def _expected(fx: Fixture, flt: ArticleFilter) -> list[ArticleSummary]:
    """The list `flt` should give, computed in Python from the whole table."""
    everything = fx.storage.list_articles(ArticleFilter(), 0, 100)
    return [
        s
        for s in everything
        if (flt.feed_id is None or s.feed_id == flt.feed_id)
        and not (flt.unread_only and s.read)
        and not (flt.starred_only and not s.starred)
    ]


def test_whole_list_is_newest_first_with_ties_broken_by_id(lists: Fixture) -> None:
    everything = lists.storage.list_articles(ArticleFilter(), 0, 100)
    keys = [(s.published, s.id) for s in everything]
    assert len(keys) == 12
    assert keys == sorted(keys, reverse=True)
    assert {s.feed_title for s in everything} == {"One", "Two"}


def test_every_filter_counts_and_lists_its_articles(lists: Fixture) -> None:
    for flt in _filters(lists):
        expected = _expected(lists, flt)
        assert lists.storage.count_articles(flt) == len(expected), flt
        assert lists.storage.list_articles(flt, 0, 100) == expected, flt


def test_pages_join_up_to_the_whole_list(lists: Fixture) -> None:
    flt = ArticleFilter()
    pages = [lists.storage.list_articles(flt, offset, 5) for offset in (0, 5, 10, 15)]
    assert [len(page) for page in pages] == [5, 5, 2, 0]
    assert [s for page in pages for s in page] == lists.storage.list_articles(flt, 0, 100)


def test_article_position_is_the_index_in_each_list(lists: Fixture) -> None:
    everything = lists.storage.list_articles(ArticleFilter(), 0, 100)
    for flt in _filters(lists):
        expected = _expected(lists, flt)
        for summary in everything:
            position = lists.storage.article_position(flt, summary.id)
            want = expected.index(summary) if summary in expected else None
            assert position == want, (flt, summary.id)


def test_next_unread_finds_the_first_unread_after_an_index(lists: Fixture) -> None:
    for flt in _filters(lists):
        expected = _expected(lists, flt)
        for after in range(-1, len(expected) + 1):
            want = next((i for i, s in enumerate(expected) if i > after and not s.read), None)
            assert lists.storage.next_unread(flt, after) == want, (flt, after)


def test_next_unread_is_none_when_everything_is_read(lists: Fixture) -> None:
    lists.storage.mark_read(ArticleFilter())
    assert lists.storage.next_unread(ArticleFilter(), -1) is None


def test_mark_read_marks_only_the_filtered_unread_articles(lists: Fixture) -> None:
    flt = ArticleFilter(feed_id=lists.first)
    unread_in_first = lists.storage.count_articles(ArticleFilter(lists.first, unread_only=True))
    unread_in_second = lists.storage.count_articles(ArticleFilter(lists.second, unread_only=True))
    assert lists.storage.mark_read(flt) == unread_in_first > 0
    assert lists.storage.mark_read(flt) == 0
    assert lists.storage.count_articles(ArticleFilter(unread_only=True)) == unread_in_second


def test_mark_read_of_starred_leaves_other_articles_unread(lists: Fixture) -> None:
    starred_unread = len(_expected(lists, ArticleFilter(unread_only=True, starred_only=True)))
    unread = lists.storage.count_articles(ArticleFilter(unread_only=True))
    assert lists.storage.mark_read(ArticleFilter(starred_only=True)) == starred_unread
    assert lists.storage.count_articles(ArticleFilter(unread_only=True)) == unread - starred_unread


def test_hundred_thousand_articles_page_and_count_correctly(
    storage: Storage, make_article: MakeArticle
) -> None:
    feeds = [storage.add_feed(f"https://f{n}.example/feed", f"Feed {n}").id for n in range(4)]
    for chunk in range(10):
        batch = [make_article(f"g{i}", i) for i in range(chunk * 10_000, (chunk + 1) * 10_000)]
        storage.store_articles(feeds[chunk % 4], batch)
    assert storage.count_articles(ArticleFilter()) == 100_000
    page = storage.list_articles(ArticleFilter(), 90_000, 50)
    assert [s.title for s in page] == [f"Title g{i}" for i in range(9_999, 9_949, -1)]
    assert storage.count_articles(ArticleFilter(feed_id=feeds[0])) == 30_000
    assert storage.mark_read(ArticleFilter(feed_id=feeds[1])) == 30_000
    assert storage.count_articles(ArticleFilter(unread_only=True)) == 70_000
    # Chunk 9 (the newest 10,000) went to feed 1, now read: the first unread is chunk 8's top.
    assert storage.next_unread(ArticleFilter(), -1) == 10_000
    assert storage.article_position(ArticleFilter(), page[0].id) == 90_000
