"""The `wirereader` subcommands: each runs one service operation and prints what happened.

Output is plain, tab-separated text when stdout is not a terminal (for scripts), and Rich
tables and progress bars when it is (`ui.terminal`). Feed-supplied text is cleaned by the one
sanitiser (`content.sanitize`) first, in both.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from wirereader.content.sanitize import clean_line
from wirereader.export import ExportError, write_json, write_markdown
from wirereader.models import ArticleFilter, ArticleSummary, Feed, FeedStats
from wirereader.search import QueryError, parse_query
from wirereader.service import AlreadySubscribedError, Service, SubscriptionError
from wirereader.storage.dates import local_time
from wirereader.ui.terminal import print_rows, progress

Command = Callable[[Service, argparse.Namespace], int]


def add(service: Service, args: argparse.Namespace) -> int:
    """`wirereader add URL`: subscribe after fetching and validating the feed."""
    try:
        feed = service.add_feed(args.url, title=args.title, tags=args.tags)
    except AlreadySubscribedError as exc:
        print(f"already subscribed: {_name(exc.feed)} <{clean(exc.feed.url)}> (id {exc.feed.id})")
        return 0
    count = service.count_articles(ArticleFilter(feed_id=feed.id))
    print(f"subscribed to {_name(feed)} <{clean(feed.url)}> (id {feed.id}): {count} articles")
    return 0


def remove(service: Service, args: argparse.Namespace) -> int:
    """`wirereader remove URL|ID`: unsubscribe, keeping the feed's starred articles."""
    feed = service.remove_feed(args.feed)
    print(f"unsubscribed from {_name(feed)} <{clean(feed.url)}>; starred articles are kept")
    return 0


def feeds(service: Service, args: argparse.Namespace) -> int:
    """`wirereader feeds`: one row per subscription."""
    headers = ("id", "title", "URL", "tags", "unread/total", "last update", "last error")
    print_rows(headers, ([clean(cell) for cell in _cells(row)] for row in service.feed_stats()))
    return 0


def import_file(service: Service, args: argparse.Namespace) -> int:
    """`wirereader import FILE`: subscribe to an OPML or urls file's feeds without fetching."""
    result = service.import_subscriptions(args.file)
    for note in result.skipped:
        print(f"skipped {clean(note)}", file=sys.stderr)
    for note in result.warnings:
        print(f"warning: {clean(note)}", file=sys.stderr)
    print(
        f"imported {result.added} feeds ({result.existing} already subscribed, "
        f"{len(result.skipped)} skipped)"
    )
    if result.added:
        print("run `wirereader refresh` to fetch their articles")
    return 0


def export(service: Service, args: argparse.Namespace) -> int:
    """`wirereader export [FILE]`: the subscriptions as OPML 2.0, to FILE or stdout."""
    text = service.export_opml()
    if args.file is None:
        sys.stdout.write(text)
        return 0
    try:
        args.file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SubscriptionError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    print(f"exported {len(service.feeds())} feeds to {args.file}")
    return 0


def refresh(service: Service, args: argparse.Namespace) -> int:
    """`wirereader refresh`: fetch all feeds (or the `--feed` ones, or the `--due` ones);
    1 when any failed."""
    ids = [service.find_feed(ref).id for ref in args.feeds] or None
    if args.due:
        due = set(service.due_feeds())
        ids = [feed_id for feed_id in ids or sorted(due) if feed_id in due]
        if not ids:
            print("no feed is due for a refresh")
            return 0
    with progress("refreshing", len(ids or service.feeds())) as advance:
        report = service.refresh(ids, on_outcome=lambda _: advance())
    count = len(report.outcomes)
    print(
        f"refreshed {count} feed{'' if count == 1 else 's'}: {report.new} new, "
        f"{report.updated} updated, {len(report.failed)} failed"
    )
    for outcome in report.failed:
        print(f"failed: {clean(outcome.url)}: {clean(outcome.error or '')}", file=sys.stderr)
    if fetched := service.fetch_full_texts():
        print(f"fetched {fetched} full article{'' if fetched == 1 else 's'}")
    return 1 if report.failed else 0


def search(service: Service, args: argparse.Namespace) -> int:
    """`wirereader search QUERY`: matching articles, newest first; 2 when the query is bad."""
    try:
        flt = ArticleFilter(search=parse_query(" ".join(args.query)))
    except QueryError as exc:
        print(f"wirereader: {exc}", file=sys.stderr)
        return 2
    rows = service.list_articles(flt, 0, args.limit)
    if args.json:
        json.dump([_found(row) for row in rows], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    headers = ("id", "date", "feed", "title", "flags")
    print_rows(headers, ([clean(cell) for cell in _found_cells(row)] for row in rows))
    return 0


def export_articles(service: Service, args: argparse.Namespace) -> int:
    """`wirereader export-articles`: the chosen articles as Markdown or JSON, streamed."""
    if not (args.starred or args.all or args.feed or args.search):
        print("wirereader: choose --starred, --all, --feed or --search", file=sys.stderr)
        return 2
    try:
        query = parse_query(args.search) if args.search else None
    except QueryError as exc:
        print(f"wirereader: {exc}", file=sys.stderr)
        return 2
    feed_id = service.find_feed(args.feed).id if args.feed else None
    flt = ArticleFilter(feed_id=feed_id, starred_only=args.starred, search=query)
    articles = ((article, service.document(article)) for article in service.iter_articles(flt))
    try:
        with _output(args.output) as out:
            if args.format == "json":
                count = write_json(articles, out, service.feed_tags(), with_html=args.html)
            else:
                count = write_markdown(articles, out)
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Python's own flush at exit
        # would fail on the closed pipe again, so stdout goes to /dev/null from here on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if args.output is not None and str(args.output) != "-":
        print(f"exported {count} article{'' if count == 1 else 's'} to {args.output}")
    return 0


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout for None or `-`, else `path` opened for writing (replacing it, like a redirect)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    try:
        out = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with out:
        yield out


def _found(row: ArticleSummary) -> dict[str, object]:
    """One search result as a JSON object; json.dump escapes control characters itself."""
    return {
        "id": row.id,
        "title": row.title,
        "feed": row.feed_title,
        "feed_id": row.feed_id,
        "published": row.published.isoformat() if row.published else None,
        "read": row.read,
        "starred": row.starred,
    }


def _found_cells(row: ArticleSummary) -> list[str]:
    """The `search` columns of one result."""
    flags = ("" if row.read else "unread ") + ("starred" if row.starred else "")
    return [str(row.id), _when(row.published), row.feed_title, row.title, flags.strip()]


def _cells(row: FeedStats) -> list[str]:
    """The `feeds` columns of one subscription."""
    feed = row.feed
    return [
        str(feed.id),
        feed.title,
        feed.url,
        ", ".join(feed.tags),
        f"{row.unread}/{row.total}",
        _when(feed.updated_at),
        feed.last_error or "",
    ]


def _when(moment: datetime | None) -> str:
    """A timestamp in local time to the minute, or "never"."""
    return "never" if moment is None else local_time(moment).strftime("%Y-%m-%d %H:%M")


def _name(feed: Feed) -> str:
    """The feed's title in quotes, or its URL when it has none."""
    return f"“{clean(feed.title)}”" if feed.title.strip() else clean(feed.url)


def clean(text: str) -> str:
    """`text` as one line without escape sequences or control characters.

    Feed text is untrusted: an escape sequence in a title must not reach the terminal,
    and a tab or newline must not break the tab-separated output.
    """
    return clean_line(text)
