"""Pilot tests of the entity index: `l` in the entity panel and the Entities view."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.functional.conftest import settle
from tests.functional.test_entities import _open_seed
from wirereader.models import ArticleFilter, EntityRef, Label, ParsedArticle
from wirereader.service import Service
from wirereader.ui.app import WireReaderApp
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.entity_panel import EntityPanel
from wirereader.ui.widgets.feed_pane import FeedPane


async def test_l_lists_every_article_naming_the_entity(app: WireReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await _open_seed(app, pilot)
        seed = app.open_article
        assert seed is not None
        await pilot.press("N")
        panel = app.query_one(EntityPanel)
        index = next(
            i
            for i in range(panel.option_count)
            if str(panel.get_option_at_index(i).prompt).startswith("Vladimir Putin")
        )
        panel.highlighted = index
        await pilot.press("l")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.filter == ArticleFilter(entity=EntityRef(Label.PERSON, "vladimir putin"))
        assert articles.has_focus and articles.total >= 1
        rows = app.service.list_articles(articles.filter, 0, 100)
        assert seed.article.id in [row.id for row in rows]
        dates = [row.published for row in rows if row.published]
        assert dates == sorted(dates, reverse=True)


async def test_entities_view_lists_recent_names_with_counts(db_path: Path) -> None:
    service = Service.open(db_path)
    service.import_samples_if_empty()
    feed = service.feeds()[0].id
    now = datetime.now(UTC)
    service.storage.store_articles(
        feed,
        [
            ParsedArticle(f"fresh-{n}", f"Fresh {n}", published=now, content_html=html)
            for n, html in enumerate(
                ["<p>Angela Merkel spoke in Berlin.</p>", "<p>Angela Merkel left Berlin.</p>"]
            )
        ],
    )
    service.annotate_missing()
    app = WireReaderApp(service)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        ids = [feeds.get_option_at_index(i).id or "" for i in range(feeds.option_count)]
        entity_ids = [i for i in ids if i.startswith("entity-")]
        assert entity_ids
        prompts = [str(feeds.get_option(i).prompt) for i in entity_ids]
        assert any(p.startswith("Angela Merkel") and p.endswith(" 2") for p in prompts)  # 7 days
        feeds.focus()
        pairs = zip(entity_ids, prompts, strict=True)
        merkel = next(i for i, p in pairs if p.startswith("Angela Merkel"))
        feeds.highlighted = feeds.get_option_index(merkel)
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.filter.entity == EntityRef(Label.PERSON, "angela merkel")
        # The view lists every stored article naming it (a sample does too), newest first.
        assert articles.total >= 2
        first = app.service.list_articles(articles.filter, 0, 2)
        assert {row.title for row in first} == {"Fresh 0", "Fresh 1"}
    service.close()
