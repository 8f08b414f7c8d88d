"""The full-text index: kept in step with every write, the search syntax applied, hostile input
kept literal, keyset paging, and the upgrade that builds the index for an existing database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.schema_undo import undo_version_6, undo_version_7
from wirereader.models import ArticleFilter, ParsedArticle, ParsedFeed
from wirereader.search import parse_query
from wirereader.storage import Storage, StorageError, listing, search
from wirereader.storage.schema import SCHEMA_VERSION, user_version

MakeArticle = Callable[..., ParsedArticle]


def found(storage: Storage, text: str) -> list[str]:
    """Titles of the articles `text` finds, in list order."""
    flt = ArticleFilter(search=parse_query(text))
    rows = storage.list_articles(flt, 0, 100)
    assert storage.count_articles(flt) == len(rows)
    return [row.title for row in rows]


@pytest.fixture
def wire(storage: Storage, make_article: MakeArticle) -> int:
    """A feed with three articles about a harbour, a railway and a budget."""
    feed = storage.add_feed("https://wire.example/rss", "Morning Wire").id
    storage.store_articles(
        feed,
        [
            make_article(
                "a", 1, title="Port news", author="Zofia Varga",
                content_html="<p>The <b>Lisbon</b> harbour master said ships wait.</p>",
            ),
            make_article(
                "b", 2, title="Rail plan", author="Oskar Moreau",
                summary="<p>The city council in Tallinn approved the café rail link.</p>",
            ),
            make_article("c", 3, title="Budget", content_html="<p>A budget for Lisbon.</p>"),
        ],
    )  # fmt: skip
    return feed


def test_body_is_indexed_as_text_not_html(storage: Storage, wire: int) -> None:
    assert found(storage, "harbour") == ["Port news"]
    assert found(storage, "b") == []  # the <b> tag is not a word of the body
    assert found(storage, "cafe") == ["Rail plan"]  # accents folded, summary used as body


def test_syntax(storage: Storage, wire: int) -> None:
    # Word searches list the newest stored first; the feed's first item is stored last.
    assert found(storage, "lisbon") == ["Port news", "Budget"]
    assert found(storage, "lisbon -budget") == ["Port news"]
    assert found(storage, '"city council"') == ["Rail plan"]
    assert found(storage, '"council city"') == []
    assert found(storage, "author:varga") == ["Port news"]
    # feed: alone reads the feed's list index, so the list is in date order
    assert found(storage, "feed:morning") == ["Budget", "Rail plan", "Port news"]
    assert found(storage, "tall*") == ["Rail plan"]
    assert found(storage, "-lisbon") == ["Rail plan"]
    assert found(storage, "after:2024-05-02") == []
    # Without words the list keeps date order.
    assert found(storage, "before:2024-05-02") == ["Budget", "Rail plan", "Port news"]


def test_flags(storage: Storage, wire: int) -> None:
    port, rail = (
        storage.list_articles(ArticleFilter(search=parse_query(q)), 0, 1)[0]
        for q in ("port", "rail")
    )
    storage.set_read(port.id, True)
    storage.set_starred(rail.id, True)
    assert found(storage, "lisbon is:unread") == ["Budget"]
    assert found(storage, "is:read") == ["Port news"]
    assert found(storage, "is:starred") == ["Rail plan"]
    assert found(storage, "the is:starred") == ["Rail plan"]


@pytest.mark.parametrize(
    "text",
    ['NOT', 'OR lisbon', 'lisbon NEAR(', 'title : x', '"""', "'", "*", "^lisbon", "a:b:c",
     "col:", "(((", "lisbon)", "\x00", "\u202e", "-", "--lisbon", "NEAR/2", "{title body}:x"],
)  # fmt: skip
def test_hostile_input_never_breaks_the_query(storage: Storage, wire: int, text: str) -> None:
    flt = ArticleFilter(search=parse_query(text))
    storage.count_articles(flt)
    storage.list_articles(flt, 0, 10)


def test_update_reindexes_and_delete_removes(
    storage: Storage, wire: int, make_article: MakeArticle
) -> None:
    storage.store_articles(
        wire, [make_article("a", 1, title="Port news", content_html="<p>Rotterdam now.</p>")]
    )
    assert found(storage, "rotterdam") == ["Port news"]
    assert found(storage, "harbour") == []
    storage.delete_feed(wire)
    assert found(storage, "lisbon") == []
    assert storage.count_articles(ArticleFilter(search=parse_query("-nothing"))) == 0


def test_remove_and_purge_drop_index_entries(storage: Storage, wire: int) -> None:
    port = storage.list_articles(ArticleFilter(search=parse_query("port")), 0, 1)[0]
    storage.set_starred(port.id, True)
    storage.remove_feed(wire)
    assert found(storage, "lisbon") == ["Port news"]
    storage.set_starred(port.id, False)
    storage.purge_older_than(1)
    assert found(storage, "lisbon") == []


def test_feed_rename_follows_in_the_index(storage: Storage, wire: int) -> None:
    storage.update_feed(wire, ParsedFeed(title="Dock Daily"))
    assert len(found(storage, "feed:dock")) == 3
    assert found(storage, "feed:morning") == []
    storage.set_feed_title(wire, "Mine")
    assert len(found(storage, "mine")) == 3


def test_keyset_pages_match_offset_pages(storage: Storage, make_article: MakeArticle) -> None:
    feed = storage.add_feed("https://many.example/rss").id
    minutes = [i % 7 for i in range(40)]  # many equal dates, so ids break ties
    articles = [make_article(f"g{i}", m, title=f"lisbon {i}") for i, m in enumerate(minutes)]
    storage.store_articles(feed, articles)
    for flt in (ArticleFilter(), ArticleFilter(search=parse_query("lisbon"))):
        everything = storage.list_articles(flt, 0, 100)
        first = storage.list_after(flt, None, 15)
        second = storage.list_after(flt, first[-1].key, 15)
        assert first + second == everything[:30]
        assert storage.list_before(flt, second[0].key, 15) == first
        assert storage.article_position(flt, second[3].id) == 18


def test_keyset_page_is_stable_when_articles_arrive_above(
    storage: Storage, make_article: MakeArticle
) -> None:
    feed = storage.add_feed("https://many.example/rss").id
    storage.store_articles(feed, [make_article(f"g{i}", i) for i in range(30)])
    first = storage.list_after(ArticleFilter(), None, 10)
    before = storage.list_after(ArticleFilter(), first[-1].key, 10)
    storage.store_articles(feed, [make_article(f"new{i}", 100 + i) for i in range(5)])
    assert storage.list_after(ArticleFilter(), first[-1].key, 10) == before
    assert storage.article_position(ArticleFilter(), before[0].id) == 15


def test_upgrade_from_version_2_indexes_stored_articles(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "v2.sqlite"
    with Storage(path) as store:
        feed = store.add_feed("https://old.example/rss", "Old Wire").id
        store.store_articles(
            feed, [make_article("x", 1, content_html="<p>Tbilisi <i>ferry</i></p>")]
        )
    raw = sqlite3.connect(path, isolation_level=None)
    for name in ("article_search_delete", "article_search_feed"):
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("DROP TABLE article_search")
    raw.execute("DROP TABLE saved_searches")
    raw.execute("DROP TABLE entity_mentions")
    undo_version_7(raw)
    undo_version_6(raw)
    raw.execute("PRAGMA user_version = 2")
    raw.close()
    with Storage(path) as store:
        assert found(store, "ferry") == ["Title x"]
        assert found(store, "feed:old") == ["Title x"]
    assert user_version(sqlite3.connect(path)) == SCHEMA_VERSION


def test_saved_searches_are_kept_by_name(storage: Storage) -> None:
    first = storage.save_search("ports", "harbour -lisbon")
    storage.save_search("Alpha", "is:starred")
    again = storage.save_search("ports", "harbour")
    assert again.id == first.id
    assert [(s.name, s.query) for s in storage.saved_searches()] == [
        ("Alpha", "is:starred"),
        ("ports", "harbour"),
    ]
    storage.delete_saved_search(first.id)
    assert [s.name for s in storage.saved_searches()] == ["Alpha"]
    with pytest.raises(StorageError):
        storage.delete_saved_search(first.id)


def test_feed_terms_match_feed_titles_by_words(
    storage: Storage, wire: int, make_article: MakeArticle
) -> None:
    other = storage.add_feed("https://other.example/rss", "Évening Post").id
    storage.store_articles(other, [make_article("d", 4, title="Lisbon late")])
    assert found(storage, 'feed:"morning wire" lisbon') == ["Port news", "Budget"]
    assert found(storage, "feed:evening") == ["Lisbon late"]  # accents folded
    assert found(storage, "feed:even*") == ["Lisbon late"]
    assert found(storage, "feed:even") == []  # a whole word unless a prefix is asked
    assert found(storage, "lisbon -feed:morning") == ["Lisbon late"]
    assert found(storage, 'feed:"wire morning"') == []


@pytest.mark.parametrize(
    "text", ["lisbon is:unread", "lisbon after:2024-05-01", "feed:wire budget", "lisbon is:read"]
)
def test_both_search_plans_find_the_same(
    storage: Storage, wire: int, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (port,) = storage.list_articles(ArticleFilter(search=parse_query("harbour")), 0, 1)
    storage.set_read(port.id, True)
    monkeypatch.setattr(search, "FEW_MATCHES", 10**9)  # every search checks per match
    per_match = found(storage, text)
    assert per_match
    monkeypatch.setattr(search, "FEW_MATCHES", 0)
    monkeypatch.setattr(listing, "NARROW", 10**9)  # every search reads the set
    assert found(storage, text) == per_match
