"""The wirereader Textual app: three panes wired together by workers and messages."""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Header, ProgressBar
from textual.worker import Worker, WorkerState

from wirereader.analysis.entities import group_entities
from wirereader.config import Config
from wirereader.content.blocks import document_inlines
from wirereader.content.inline import LINK_SCHEMES
from wirereader.content.sanitize import clean_line, clean_text
from wirereader.export import default_export_dir
from wirereader.feeds.report import FeedOutcome
from wirereader.keys import DEFAULT_KEYMAP
from wirereader.models import ArticleFilter, Entity, EntityRef, Feed, Label
from wirereader.search import QueryError, parse_query
from wirereader.search.entities import entity_key
from wirereader.service import ArticleView, FullArticleError, Service
from wirereader.state import remember_theme, remembered_theme
from wirereader.ui import browser
from wirereader.ui.browser import browser_argv
from wirereader.ui.messages import (
    ArticleExported,
    ArticleLoaded,
    BodySwitched,
    CountsLoaded,
    FeedRemoved,
    FlagsChanged,
    FullArticleFailed,
    LinkFound,
    NextUnreadFound,
    OperationFailed,
    RefreshFinished,
    RefreshProgress,
    RefreshStarted,
    SavedSearchesChanged,
    ViewMarkedRead,
)
from wirereader.ui.palette import palette_for
from wirereader.ui.widgets.article_list import ArticleList
from wirereader.ui.widgets.entity_panel import EntityPanel
from wirereader.ui.widgets.feed_pane import ALL, FeedPane
from wirereader.ui.widgets.key_bar import KeyBar
from wirereader.ui.widgets.reader import ReaderPane
from wirereader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from wirereader.ui.screens.feed_settings import FeedEdit

# Seconds between checks for feeds due an automatic refresh: each feed has its own interval.
AUTO_REFRESH_TICK = 60
# Articles annotated ahead of time at start-up and after a refresh, newest first: the ones
# about to be opened. At ~27 ms an article, annotating all of 100,000 (or of a 25,000-article
# first refresh) would keep a core busy for many minutes; older ones are annotated when opened.
WARM_ANNOTATIONS = 300

logger = logging.getLogger(__name__)


class WireReaderApp(App[None]):
    """Feeds on the left, the article list above the reader on the right."""

    CSS_PATH = "wirereader.tcss"
    TITLE = "wirereader"
    # The footer shows the everyday keys; `?` lists every one.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding("n", "next_unread", "Next unread", id="next_unread"),
        Binding("s", "toggle_star", "Star", id="star"),
        Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("A", "mark_view_read", "Mark all read", show=False, id="mark_all_read"),
        Binding("o", "open_link", "Browser", show=False, id="open_link"),
        Binding("e", "toggle_highlight", "Highlights", id="toggle_highlight"),
        Binding("r", "refresh_feed", "Refresh", id="refresh"),
        Binding("R", "refresh_all", "Refresh all", show=False, id="refresh_all"),
        Binding("a", "add_feed", "Add feed", id="add_feed"),
        Binding("d", "delete_feed", "Delete feed", show=False, id="delete_feed"),
        Binding("N", "toggle_entities", "Entities", id="toggle_entities"),
        Binding("y", "copy_link", "Copy link", show=False, id="copy_link"),
        Binding("E", "export_markdown", "Export as Markdown", show=False, id="export_markdown"),
        Binding("f", "fetch_full", "Full article", id="fetch_full"),
        Binding("F", "refetch_full", "Fetch full again", show=False, id="refetch_full"),
        Binding("slash", "search", "Search", id="search"),
        Binding(
            "space,pagedown", "page_reader(1)", "Page reader", show=False, id="page_reader_down"
        ),
        Binding("pageup", "page_reader(-1)", "Page reader up", show=False, id="page_reader_up"),
        Binding("tab", "focus_next", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="previous_pane"),
    ]

    def __init__(
        self,
        service: Service,
        config: Config | None = None,
        *,
        export_dir: Path | None = None,
        state_file: Path | None = None,
    ) -> None:
        """`state_file` remembers the theme picked in the command palette; None: not kept."""
        # Under NO_COLOR Textual would draw in shades of grey (still colour codes); with ANSI
        # colour on it drops colour altogether and the terminal's own colours show.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.service = service
        self.config = config or Config()
        # Only the keys the user changed: the bindings already carry the defaults, and Textual
        # re-applies the keymap to every pane's bindings on each key press (~3 ms for all 34).
        self.set_keymap(
            {
                action: ",".join(keys)
                for action, keys in self.config.keymap.items()
                if keys != DEFAULT_KEYMAP.get(action)
            }
        )
        self.state_file = state_file
        # where `E` writes Markdown files
        self.export_dir = export_dir or default_export_dir()
        self._feed_ids: list[int] = []
        self._refresh_done = 0
        self._open: ArticleView | None = None
        self._entities: list[Entity] = []
        self._next_mention: dict[tuple[Label, str], int] = {}
        self._built = time.perf_counter()
        self._warming = False
        # the view to go back to when the search closes; None while not searching
        self._before_search: ArticleFilter | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield FeedPane(id="feeds")
            with Vertical(id="right"):
                yield SearchBar(id="search")
                yield ArticleList(
                    self.service,
                    id="articles",
                    columns=self.config.columns,
                    date_format=self.config.date_format,
                    oldest_first=self.config.oldest_first,
                )
                with Horizontal(id="reading"):
                    yield ReaderPane(id="reader")
                    yield EntityPanel(id="entities")
        yield KeyBar()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def open_article(self) -> ArticleView | None:
        """The article shown in the reader."""
        return self._open

    def on_mount(self) -> None:
        self.article_list.focus()
        self.article_list.show(ALL)  # make_app has read its first page already
        self._start()
        remembered = (
            remembered_theme(self.state_file, self.config.theme) if self.state_file else None
        )
        self.theme = remembered if remembered in self.available_themes else self.config.theme
        self.reader.date_format = self.config.date_format
        self._theme_changed(self.current_theme, remember=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(AUTO_REFRESH_TICK, self._refresh_due)
        self.call_after_refresh(self._collect_from_now_on)

    def get_theme(self, theme_name: str) -> Theme | None:
        """Textual's lookup without its copy of every registered theme at each call.

        Textual asks for the current theme for every line it paints (~0.05 ms a copy, some
        400 calls before the first frame); a comma-separated list of names takes its path.
        """
        registered = getattr(self, "_registered_themes", None)
        if isinstance(registered, dict) and "," not in theme_name:
            theme = registered.get(theme_name)
            return theme if isinstance(theme, Theme) else None
        return super().get_theme(theme_name)

    def _collect_from_now_on(self) -> None:
        """After the first frame: garbage collection back on (`wirereader` starts with it off:
        a full pass over the objects imports create cost ~30 ms of the first paint), and the
        objects made so far frozen, as they live as long as the app."""
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        """Let the collector have the frozen objects again once the app is gone (in one
        process running many apps, as the tests do, they would otherwise never be freed)."""
        gc.unfreeze()

    def _theme_changed(self, theme: Theme, *, remember: bool = True) -> None:
        """Draw highlights in the new theme's styles, and remember a palette choice."""
        shown = frozenset(Label(category.upper()) for category in self.config.highlight)
        no_color = "NO_COLOR" in os.environ
        self.reader.set_palette(palette_for(theme, shown, no_color=no_color))
        if remember and self.state_file is not None:
            self._remember_theme(self.state_file, theme.name)

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def _remember_theme(self, path: Path, theme: str) -> None:
        remember_theme(path, theme, self.config.theme)

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _start(self) -> None:
        """Import the samples on a first launch (then list them), and count for the feed pane.

        The list was shown at mount, before the counts: they take tens of milliseconds at
        100,000 articles and the first screen of articles needs none of them.
        """
        if self.service.import_samples_if_empty():
            self.call_from_thread(self.article_list.show, ALL)
        self._post_counts()

    @on(ArticleList.Highlighted)
    def _list_shown(self, message: ArticleList.Highlighted) -> None:
        """Once the first row has been painted, warm the span cache.

        Not before: loading the recogniser and annotating hold the GIL, which would slow the
        first paint from ~1 s to ~2 s; the row is highlighted a frame before it is painted.
        """
        if message.summary is not None and not self._warming:
            self._warming = True
            logger.info("first row shown %.0f ms after the app was built", self._since_built())
            self.call_after_refresh(self._warm_cache)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_cache(self) -> None:
        if self.service.annotate_missing(WARM_ANNOTATIONS):
            self._post_counts()  # the entity view counts what was just annotated
        if self.service.recogniser_warning:
            self.post_message(OperationFailed(self.service.recogniser_warning))
        # Start-up's objects (Textual's, the recogniser's tables) live as long as the app:
        # left in the collector's oldest generation, each full collection walked all of them,
        # a ~50 ms stall in the middle of some key press.
        if self.is_running:
            gc.freeze()

    def _post_counts(self) -> None:
        self.post_message(
            CountsLoaded(
                self.service.view_counts(),
                self.service.feed_stats(),
                self.service.saved_searches(),
                self.service.top_entities(),
            )
        )

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _reload_counts(self) -> None:
        self._post_counts()

    @on(CountsLoaded)
    def _counts_loaded(self, message: CountsLoaded) -> None:
        self._feed_ids = [stat.feed.id for stat in message.stats]
        self.query_one(FeedPane).show_counts(
            message.counts, message.stats, message.saved, message.entities
        )

    @on(FeedPane.ViewSelected)
    def _view_selected(self, message: FeedPane.ViewSelected) -> None:
        selected = self.query_one(FeedPane).selected_feed
        error = selected.feed.last_error if selected else None
        self.article_list.border_subtitle = Text(f"⚠ {clean_line(error)}") if error else ""
        if message.filter != self.article_list.filter:
            self.article_list.show(message.filter)

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        if self._before_search is None:
            self._before_search = self.article_list.filter
        bar.display = True
        bar.focus()

    @on(SearchBar.QueryChanged)
    def _search_changed(self, message: SearchBar.QueryChanged) -> None:
        if self._before_search is None:
            return  # the search closed: clearing its text must not change the view again
        bar = self.query_one(SearchBar)
        try:
            query = parse_query(message.text)
        except QueryError as exc:
            bar.border_subtitle = Text(str(exc))
            return
        bar.border_subtitle = ""
        if query.is_empty:
            self.article_list.show(self._before_search or ALL)
        else:
            self.article_list.show(ArticleFilter(search=query))

    @on(SearchBar.SaveRequested)
    def _save_requested(self, message: SearchBar.SaveRequested) -> None:
        self._save_search(message.text)

    @work(thread=True, group="saved", exit_on_error=False)
    def _save_search(self, text: str) -> None:
        saved = self.service.save_search(text)
        self.post_message(SavedSearchesChanged(f"Saved the search “{saved.name}”."))

    @work(thread=True, group="saved", exit_on_error=False)
    def _forget_search(self, search_id: int, name: str) -> None:
        self.service.delete_saved_search(search_id)
        self.post_message(SavedSearchesChanged(f"Forgot the search “{name}”."))

    @on(SavedSearchesChanged)
    def _saved_changed(self, message: SavedSearchesChanged) -> None:
        self.notify(message.text, timeout=3)
        self._reload_counts()

    @on(SearchBar.Accepted)
    def _search_accepted(self) -> None:
        self.article_list.focus()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        bar.clear()
        bar.border_subtitle = ""
        self.article_list.show(self._before_search or ALL)
        self._before_search = None
        self.article_list.focus()

    @on(ArticleList.Opened)
    def _article_opened(self, message: ArticleList.Opened) -> None:
        self._load_article(message.summary.id)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _load_article(self, article_id: int) -> None:
        view = self.service.open_article(article_id, mark_read=self.config.mark_read_on_open)
        texts = [inline.text for inline in document_inlines(view.document)]
        self.post_message(ArticleLoaded(view, group_entities(texts, view.spans)))

    @on(ArticleLoaded)
    async def _article_loaded(self, message: ArticleLoaded) -> None:
        self._open = message.view
        self._next_mention = {}
        self.reader.search = self.article_list.filter.search
        await self.reader.show(message.view)
        self.query_one(EntityPanel).show_entities(message.entities)
        self.sub_title = clean_line(message.view.article.feed_title)
        self.article_list.set_flags(message.view.article.id, read=message.view.article.read)
        self._reload_counts()

    def action_fetch_full(self) -> None:
        """Fetch the open article's full text; once fetched, switch between it and the feed's."""
        view = self._open
        if view is None:
            self.notify("Open an article first.", severity="warning")
        elif view.full is not None and view.full.html:
            self._switch_body(view.article.id, not view.showing_full)
        else:
            self.action_refetch_full()

    def action_refetch_full(self) -> None:
        """Fetch the open article's web page (again) and show its main text."""
        if self._open is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.reader.set_body_status("Fetching full article…")
        self._fetch_full(self._open.article.id)

    @work(thread=True, exclusive=True, group="full-article", exit_on_error=False)
    def _fetch_full(self, article_id: int) -> None:
        try:
            view = self.service.fetch_full_article(article_id)
        except FullArticleError as exc:
            self.post_message(FullArticleFailed(article_id, str(exc)))
            return
        texts = [inline.text for inline in document_inlines(view.document)]
        self.post_message(BodySwitched(view, group_entities(texts, view.spans)))

    @work(thread=True, exclusive=True, group="full-article", exit_on_error=False)
    def _switch_body(self, article_id: int, full: bool) -> None:
        view = self.service.article_view(self.service.article(article_id), full=full)
        texts = [inline.text for inline in document_inlines(view.document)]
        self.post_message(BodySwitched(view, group_entities(texts, view.spans)))

    @on(BodySwitched)
    async def _body_switched(self, message: BodySwitched) -> None:
        if self._open is None or self._open.article.id != message.view.article.id:
            return  # another article was opened meanwhile
        self._open = message.view
        self._next_mention = {}
        await self.reader.show(message.view)
        self.query_one(EntityPanel).show_entities(message.entities)

    @on(FullArticleFailed)
    def _full_article_failed(self, message: FullArticleFailed) -> None:
        self.notify(message.text, title="Full article", severity="warning", timeout=8)
        if self._open is not None and self._open.article.id == message.article_id:
            self.reader.set_body_status(message.text, error=True)

    def _target(self) -> tuple[int, bool, bool] | None:
        """The article a flag key acts on: the open one when reading, else the list cursor's."""
        if self._open and (self.reader.has_focus_within or self.article_list.current is None):
            article = self._open.article
            row = self.article_list.find(article.id)
            if row is not None:
                return row.id, row.read, row.starred
            return article.id, article.read, article.starred
        row = self.article_list.current
        return (row.id, row.read, row.starred) if row else None

    def action_toggle_star(self) -> None:
        if (target := self._target()) is not None:
            self._set_flag(target[0], starred=not target[2])

    def action_toggle_read(self) -> None:
        if (target := self._target()) is not None:
            self._set_flag(target[0], read=not target[1])

    @work(thread=True, group="flags", exit_on_error=False)
    def _set_flag(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        if read is not None:
            self.service.set_read(article_id, read)
        if starred is not None:
            self.service.set_starred(article_id, starred)
        self.post_message(FlagsChanged(article_id, read=read, starred=starred))

    @on(FlagsChanged)
    def _flags_changed(self, message: FlagsChanged) -> None:
        self.article_list.set_flags(message.article_id, read=message.read, starred=message.starred)
        self._reload_counts()

    def action_next_unread(self) -> None:
        self._find_next_unread(self.article_list.ordered_filter, self.article_list.cursor)

    @work(thread=True, exclusive=True, group="next-unread", exit_on_error=False)
    def _find_next_unread(self, flt: ArticleFilter, after: int) -> None:
        index = self.service.next_unread(flt, after)
        if index is None:
            index = self.service.next_unread(flt, -1)
        self.post_message(NextUnreadFound(index))

    @on(NextUnreadFound)
    def _next_unread_found(self, message: NextUnreadFound) -> None:
        if message.index is None:
            self.notify("No unread articles here.", title="All read")
        else:
            self.article_list.select_and_open(message.index)

    def action_mark_view_read(self) -> None:
        self._mark_view_read(self.article_list.filter)

    @work(thread=True, exclusive=True, group="mark-read", exit_on_error=False)
    def _mark_view_read(self, flt: ArticleFilter) -> None:
        self.post_message(ViewMarkedRead(flt, self.service.mark_read(flt)))

    @on(ViewMarkedRead)
    def _view_marked_read(self, message: ViewMarkedRead) -> None:
        self.notify(f"Marked {message.changed} article(s) read.")
        self.article_list.show(message.filter, keep_selection=True)
        self._reload_counts()

    def action_open_link(self) -> None:
        link = self._open.article.link if self._open else None
        if link:
            self._open_in_browser(link)
        else:
            self.notify("This article has no link.", severity="warning")

    def action_copy_link(self) -> None:
        """Copy the open article's link, else the list cursor's (whose link is read first)."""
        if self._open is not None:
            self._copy_link(self._open.article.link)
        elif (row := self.article_list.current) is not None:
            self._find_link(row.id)

    @work(thread=True, exclusive=True, group="copy-link", exit_on_error=False)
    def _find_link(self, article_id: int) -> None:
        self.post_message(LinkFound(self.service.article(article_id).link))

    @on(LinkFound)
    def _link_found(self, message: LinkFound) -> None:
        self._copy_link(message.link)

    def _copy_link(self, link: str | None) -> None:
        """Copy through OSC 52 and show the link too: whether the terminal obeyed is unknowable."""
        link = clean_line(link or "")
        if not link:
            self.notify("This article has no link.", severity="warning")
        elif _scheme(link) not in LINK_SCHEMES:
            self.notify(
                f"Not copied: only http, https and mailto links are. {link}", severity="warning"
            )
        else:
            self.copy_to_clipboard(link)
            self.notify(link, title="Link copied (if your terminal allows it)", timeout=8)

    def action_export_markdown(self) -> None:
        if self._open is None:
            self.notify("Open an article to export it.", severity="warning")
        else:
            self._export_markdown(self._open, self.export_dir)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_markdown(self, view: ArticleView, directory: Path) -> None:
        """Write the article as shown (its document, summary or full text) to a new file."""
        path = self.service.export_markdown(view.article, view.document, directory)
        self.post_message(ArticleExported(path))

    @on(ArticleExported)
    def _article_exported(self, message: ArticleExported) -> None:
        self.notify(str(message.path), title="Exported as Markdown", timeout=8)

    def action_open_reference(self, number: int) -> None:
        """Open link reference `[number]` of the article in the reader."""
        links = self._open.document.links if self._open else ()
        if 0 < number <= len(links):
            self._open_in_browser(links[number - 1])

    def _open_in_browser(self, url: str) -> None:
        """Open web and mail links only: a feed's file:, javascript: or data: link stays shut."""
        if _scheme(url) in LINK_SCHEMES:
            self._launch_browser(url)
        else:
            self.notify(
                f"Not opened: only http, https and mailto links open. {url}", severity="warning"
            )

    def _launch_browser(self, url: str) -> None:
        """The config's browser command when there is one, else the system's browser."""
        if self.config.browser:
            self._run_browser(browser_argv(self.config.browser, url))
        else:
            self.open_url(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _run_browser(self, argv: list[str]) -> None:
        try:
            browser.launch(argv)
        except OSError as exc:
            self.post_message(OperationFailed(f"Could not start {argv[0]}: {exc.strerror or exc}"))

    def action_refresh_feed(self) -> None:
        selected = self.query_one(FeedPane).selected_feed
        if selected is None:
            self.action_refresh_all()
        else:
            self._refresh([selected.feed.id])

    def action_refresh_all(self) -> None:
        self._refresh(None)

    def _refresh(self, feed_ids: list[int] | None) -> None:
        if any(w.group == "refresh" and w.is_running for w in self.workers):
            self.notify("A refresh is already running.")
            return
        self._run_refresh(feed_ids, len(feed_ids) if feed_ids else len(self._feed_ids))

    def _refresh_due(self) -> None:
        """The timer's refresh: only feeds whose interval has passed, quietly skipped while
        another refresh runs."""
        if not any(w.group == "refresh" and w.is_running for w in self.workers):
            self._run_refresh(None, 0, automatic=True)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _run_refresh(
        self, feed_ids: list[int] | None, total: int, *, automatic: bool = False
    ) -> None:
        """Fetch, parse and store off the UI thread, then annotate the newest articles.

        An automatic refresh fetches the feeds that are due, and shows nothing when none is.
        """
        if automatic:
            feed_ids = self.service.due_feeds()
            if not feed_ids:
                return
            total = len(feed_ids)
        self.post_message(RefreshStarted(total))
        try:
            report = self.service.refresh(feed_ids, on_outcome=self._post_progress)
        except Exception:
            self.post_message(RefreshFinished(None))
            raise
        self.post_message(RefreshFinished(report))
        self.service.annotate_missing(WARM_ANNOTATIONS)

    def _post_progress(self, outcome: FeedOutcome) -> None:
        self.post_message(RefreshProgress(outcome))

    @on(RefreshStarted)
    def _refresh_started(self, message: RefreshStarted) -> None:
        bar = self._progress_bar()
        bar.update(total=max(message.total, 1), progress=0)
        bar.display = True
        self._refresh_done = 0

    def _progress_bar(self) -> ProgressBar:
        """The refresh's progress bar, mounted by the first refresh: three widgets the first
        frame does without."""
        for bar in self.query("#refresh-progress").results(ProgressBar):
            return bar
        bar = ProgressBar(id="refresh-progress", show_eta=False)
        self.mount(bar, before=self.query_one(KeyBar))
        return bar

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self._refresh_done += 1
        self._progress_bar().advance(1)

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self._progress_bar().display = False
        report = message.report
        if report is None:
            return
        summary = f"{report.new} new, {report.updated} updated"
        if report.failed:
            reasons = "; ".join(clean_line(f"{o.url}: {o.error}") for o in report.failed[:3])
            self.notify(f"{summary}. {len(report.failed)} failed: {reasons}", severity="warning")
        else:
            self.notify(f"Refreshed: {summary}.", timeout=3)
        self.article_list.show(self.article_list.filter, keep_selection=True)
        self._reload_counts()
        if not any(w.group == "full-texts" and w.is_running for w in self.workers):
            self._fetch_full_texts()  # else the next refresh's fetch takes what this one stored

    @work(thread=True, group="full-texts", exit_on_error=False)
    def _fetch_full_texts(self) -> None:
        """After a refresh, fetch the pages of feeds set to "fetch full articles", politely."""
        if self.service.fetch_full_texts():
            self._post_counts()  # the entity view counts the names the full texts added

    def action_add_feed(self) -> None:
        from wirereader.ui.screens.add_feed import AddFeedScreen  # dialogs load on first use

        self.push_screen(AddFeedScreen(self._subscribe), self._feed_added)

    def _subscribe(self, url: str, tags: Sequence[str]) -> Feed:
        """Runs in the dialog's worker thread."""
        return self.service.add_feed(url, tags=tags)

    def _feed_added(self, feed: Feed | None) -> None:
        if feed is not None:
            self.notify(f"Subscribed to {clean_line(feed.title) or feed.url}")
            self.service_changed()

    @on(FeedPane.SettingsRequested)
    def _feed_settings_requested(self, message: FeedPane.SettingsRequested) -> None:
        from wirereader.ui.screens.feed_settings import FeedSettingsScreen

        self.push_screen(
            FeedSettingsScreen(message.feed, self._save_feed_settings), self._feed_settings_saved
        )

    def _save_feed_settings(self, edit: FeedEdit) -> Feed:
        """Runs in the dialog's worker thread."""
        return self.service.update_feed_settings(
            edit.feed_id, edit.settings, title=edit.title, tags=edit.tags
        )

    def _feed_settings_saved(self, feed: Feed | None) -> None:
        if feed is not None:
            self.notify(f"Saved the settings of {clean_line(feed.title) or feed.url}.", timeout=3)
            self.service_changed()

    def action_delete_feed(self) -> None:
        saved = self.query_one(FeedPane).selected_saved
        if saved is not None:
            self._forget_search(saved.id, clean_line(saved.name))
            return
        selected = self.query_one(FeedPane).selected_feed
        if selected is None:
            self.notify("Select a feed in the feed pane first.", severity="warning")
            return
        feed = selected.feed
        name = clean_line(feed.title) or clean_line(feed.url)
        question = f"Unsubscribe from “{name}”? Its starred articles are kept."

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove_feed(feed.id)

        from wirereader.ui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False)
    def _remove_feed(self, feed_id: int) -> None:
        self.post_message(FeedRemoved(self.service.remove_feed(str(feed_id))))

    @on(FeedRemoved)
    def _feed_removed(self, message: FeedRemoved) -> None:
        self.notify(f"Unsubscribed from {clean_line(message.feed.title) or message.feed.url}.")
        feeds = self.query_one(FeedPane)
        feeds.highlighted = 0
        self.service_changed()

    def service_changed(self) -> None:
        """Reload counts and the current list after subscriptions changed."""
        self._reload_counts()
        self.article_list.show(self.article_list.filter, keep_selection=True)

    def action_toggle_highlight(self) -> None:
        self.reader.set_highlight(not self.reader.highlight)

    def action_toggle_entities(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display
        if panel.display:
            panel.focus()
        elif panel.has_focus:
            self.reader.focus()

    @on(EntityPanel.ArticlesRequested)
    def _entity_articles(self, message: EntityPanel.ArticlesRequested) -> None:
        """List every stored article naming the entity, newest first."""
        entity = message.entity
        self.article_list.border_subtitle = Text(f"mentioning {clean_line(entity.text)}")
        self.article_list.show(
            ArticleFilter(entity=EntityRef(entity.label, entity_key(entity.text)))
        )
        self.article_list.focus()

    @on(EntityPanel.MentionRequested)
    def _mention_requested(self, message: EntityPanel.MentionRequested) -> None:
        """Move the reader to the entity's next mention, cycling back to the first."""
        entity = message.entity
        key = (entity.label, entity.text)
        index = self._next_mention.get(key, 0) % len(entity.mentions)
        self._next_mention[key] = index + 1
        self.reader.focus_mention(entity.mentions[index])
        self.notify(f"{entity.text}: mention {index + 1} of {len(entity.mentions)}", timeout=2)

    def action_page_reader(self, direction: int) -> None:
        if direction > 0:
            self.reader.scroll_page_down(animate=False)
        else:
            self.reader.scroll_page_up(animate=False)

    def action_help(self) -> None:
        sections: list[tuple[str, list[BindingType]]] = [
            ("Everywhere", self.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Feed pane", FeedPane.BINDINGS),
            ("Reader", ReaderPane.BINDINGS),
            ("Search", SearchBar.SEARCH_HELP),
            (
                "Entity panel",
                [
                    Binding("enter", "select", "Go to the next mention of the entity"),
                    *EntityPanel.BINDINGS[2:],
                ],
            ),
        ]
        from wirereader.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(sections, self.config.keymap))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Next unread", "Open the next unread article", self.action_next_unread)
        yield SystemCommand("Toggle star", "Star or unstar the article", self.action_toggle_star)
        yield SystemCommand(
            "Toggle read", "Mark the article read or unread", self.action_toggle_read
        )
        yield SystemCommand(
            "Mark all read", "Mark every article in this view read", self.action_mark_view_read
        )
        yield SystemCommand("Open in browser", "Open the article's link", self.action_open_link)
        yield SystemCommand("Copy link", "Copy the article's link", self.action_copy_link)
        yield SystemCommand(
            "Full article",
            "Fetch the article's web page, or switch between it and the feed's text",
            self.action_fetch_full,
        )
        yield SystemCommand(
            "Export as Markdown",
            "Write the open article to a Markdown file",
            self.action_export_markdown,
        )
        yield SystemCommand(
            "Toggle highlights",
            "Show or hide name and figure highlighting",
            self.action_toggle_highlight,
        )
        yield SystemCommand(
            "Toggle entity panel",
            "List the article's names and figures",
            self.action_toggle_entities,
        )
        yield SystemCommand("Show keys", "List every key binding", self.action_help)

    @on(OperationFailed)
    def _operation_failed(self, message: OperationFailed) -> None:
        self.notify(message.text, title="Problem", severity="warning", timeout=8)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notify without markup and escape sequences: notifications quote feeds and errors."""
        super().notify(
            clean_text(message),
            title=clean_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _since_built(self) -> float:
        """Milliseconds since the app was built, for the --debug log's start-up timings."""
        return (time.perf_counter() - self._built) * 1000

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a failed worker to the user instead of crashing or failing silently."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            logger.error("worker %s failed", event.worker.name, exc_info=error)
            self.notify(str(error), title="Error", severity="error", timeout=8)


def _scheme(url: str) -> str:
    """The URL's scheme in lower case, or "" when it has none or cannot be parsed."""
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""
