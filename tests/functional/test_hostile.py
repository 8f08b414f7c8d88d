"""A feed whose every field is hostile shows literally: no markup, no escapes, no actions."""

from __future__ import annotations

import html

from tests.functional.conftest import settle
from wirereader.models import ArticleFilter, ParsedArticle
from wirereader.storage import Storage
from wirereader.ui.app import WireReaderApp
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.feed_pane import FeedPane

CLICK = "[@click=app.quit]Q[/]"
LINK = "[link=file:///etc/passwd]x[/link]"
# Markup that would crash, fire an action or make a link; a clipboard write (OSC 52), a
# screen clear, and a right-to-left override that would reverse what follows.
HOSTILE = f"[/] {CLICK} {LINK} \x1b]52;c;aGVsbG8=\x07 \x1b[2J \u202eevil"
FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b", "\x9d", "52;c;")


def store_hostile_feed(storage: Storage) -> None:
    """Store the hostile text raw, as if an older version had, so only the UI stands guard."""
    feed = storage.add_feed("https://hostile.example/feed[/]", HOSTILE, tags=[HOSTILE])
    body = html.escape(HOSTILE)
    article = ParsedArticle(
        guid="hostile",
        title=HOSTILE,
        link=f"file:///etc/passwd#{HOSTILE}",
        author=HOSTILE,
        summary=body,
        content_html=f'<h2>{body}</h2><p>{body} <a href="https://ok.example/">{body}</a></p>',
    )
    storage.store_articles(feed.id, [article])
    storage.set_feed_error(feed.id, f"HTTP 500: {HOSTILE}")


def screen_text(app: WireReaderApp) -> str:
    """Every character the screen shows, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def find(text: str, needle: str) -> tuple[int, int]:
    """The (column, row) where `needle` starts on the screen."""
    for row, line in enumerate(text.splitlines()):
        if needle in line:
            return line.index(needle), row
    raise AssertionError(f"{needle!r} is not on the screen:\n{text}")


async def test_every_hostile_field_shows_literally_and_fires_nothing(app: WireReaderApp) -> None:
    store_hostile_feed(app.service.storage)
    opened: list[str] = []
    async with app.run_test(size=(220, 60)) as pilot:
        app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await settle(pilot)
        feeds = app.query_one(FeedPane)
        feeds.highlighted = next(
            i for i in range(feeds.option_count) if feeds.get_option_at_index(i).id == "feed-1"
        )
        await settle(pilot)
        app.query_one(ArticleList).focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        shown = screen_text(app)

        assert app.is_running and app.open_article is not None
        for marker in (CLICK, LINK, "[/]", "evil"):
            assert marker in shown
        assert not any(bad in shown for bad in FORBIDDEN)
        assert opened == []  # a file: link is shown, not opened
        (notice,) = [n.message for n in app._notifications if "Not opened" in n.message]
        assert notice.startswith("Not opened: only http, https and mailto links open.")
        assert CLICK in notice and not any(bad in notice for bad in FORBIDDEN)

        column, row = find(shown, CLICK)
        await pilot.click(offset=(column + 2, row))
        await pilot.pause()
        assert app.is_running
        assert app.service.count_articles(ArticleFilter()) == 1


async def test_link_references_open_only_web_and_mail_links(app: WireReaderApp) -> None:
    service = app.service
    feed = service.storage.add_feed("https://links.example/feed", "Links")
    body = '<p><a href="https://ok.example/a">web</a> <a href="mailto:x@ok.example">mail</a></p>'
    service.storage.store_articles(
        feed.id, [ParsedArticle(guid="l", title="Links", content_html=body)]
    )
    opened: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        for reference in ("[1] https://ok.example/a", "[2] mailto:x@ok.example"):
            column, row = find(shown, reference)
            await pilot.click(offset=(column + 5, row))
            await pilot.pause()
        app.action_open_reference(3)
        assert opened == ["https://ok.example/a", "mailto:x@ok.example"]
