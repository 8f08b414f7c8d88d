"""Command-line entry point: argument parsing, subcommand dispatch and the `make_app()` factory."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirereader import __version__
from wirereader.config import Config, fetch_settings, load_config, write_default_config
from wirereader.content.sanitize import clean_line
from wirereader.models import ArticleFilter
from wirereader.paths import ConfigError, config_path, database_path, state_path
from wirereader.service import Service, SubscriptionError
from wirereader.storage.errors import StorageError

# Like argparse: the command line or the config is wrong, and nothing was done.
USAGE_ERROR = 2

logger = logging.getLogger(__name__)
# When this module was imported, so the --debug log can time the start-up from here.
_IMPORTED = time.perf_counter()

if TYPE_CHECKING:
    from wirereader.ui.app import WireReaderApp


def _location_options(default: object) -> argparse.ArgumentParser:
    """`--db`, `--config` and `--debug`, so they are accepted before or after the subcommand.

    The subcommands' copies default to SUPPRESS so they never overwrite a value given
    before the subcommand name.
    """
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="database file (default: $WIREREADER_DB, else the user data directory)",
    )
    options.add_argument(
        "--config", metavar="PATH", type=Path, default=default, help="config file (TOML)"
    )
    options.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="write a debug log in the user log directory (its path is printed on stderr)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `wirereader` and its subcommands."""
    locations = _location_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="wirereader",
        description="A terminal news reader that highlights the names and figures you read.",
        epilog="Without a subcommand the reader opens. "
        "The first launch imports the bundled sample feeds, so there is something to read.",
        parents=[_location_options(None)],
    )
    parser.set_defaults(run=None)
    parser.add_argument("--version", action="version", version=f"wirereader {__version__}")
    sub = parser.add_subparsers(title="subcommands", metavar="COMMAND")

    def command(name: str, help_text: str, run: str) -> argparse.ArgumentParser:
        """A subcommand run by the function `run` of wirereader.commands.

        Named, not imported: the commands module and what it needs (exports, progress bars)
        would otherwise load on every start of the app, which needs none of them.
        """
        child = sub.add_parser(name, help=help_text, description=help_text, parents=[locations])
        child.set_defaults(run=run)
        return child

    add = command("add", "Subscribe to a feed (fetched and checked now).", "add")
    add.add_argument("url", metavar="URL", help="feed or web page URL, file path or sample:NAME")
    add.add_argument("--title", help="use this title instead of the feed's own")
    add.add_argument(
        "--tag", action="append", default=[], dest="tags", help="tag the feed (repeatable)"
    )
    remove = command("remove", "Unsubscribe from a feed; its starred articles are kept.", "remove")
    remove.add_argument("feed", metavar="URL|ID", help="the feed's URL or id (see `feeds`)")
    command("feeds", "List subscriptions with counts, last update and last error.", "feeds")
    imported = command(
        "import", "Subscribe to the feeds of an OPML or newsboat urls file.", "import_file"
    )
    imported.add_argument("file", metavar="FILE", type=Path)
    exported = command("export", "Write the subscriptions as OPML 2.0.", "export")
    exported.add_argument("file", metavar="FILE", type=Path, nargs="?", help="default: stdout")
    refresh = command("refresh", "Fetch new articles of all feeds, or of some.", "refresh")
    refresh.add_argument(
        "--feed", action="append", default=[], dest="feeds", metavar="URL|ID", help="repeatable"
    )
    refresh.add_argument(
        "--due",
        action="store_true",
        help="only feeds whose refresh interval has passed, as the app's timer does (for cron)",
    )
    found = command("search", "List stored articles matching a search, newest first.", "search")
    found.add_argument(
        "query",
        metavar="QUERY",
        nargs="+",
        help='words, "phrases", -not (after --), feed:, author:, is:unread|read|starred, '
        "before:/after:YYYY-MM-DD",
    )
    found.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    found.add_argument("--json", action="store_true", help="print a JSON array")
    articles = command(
        "export-articles",
        "Write stored articles as Markdown or JSON for other tools (to stdout by default).",
        "export_articles",
    )
    chosen = articles.add_argument_group("which articles (at least one)")
    chosen.add_argument("--starred", action="store_true", help="starred articles")
    chosen.add_argument("--all", action="store_true", help="every stored article")
    chosen.add_argument("--feed", metavar="URL|ID", help="the articles of one feed")
    chosen.add_argument("--search", metavar="QUERY", help="the articles matching a search")
    articles.add_argument("--format", choices=("markdown", "json"), default="markdown")
    articles.add_argument("--output", metavar="PATH", type=Path, help="a file, or - for stdout")
    articles.add_argument("--html", action="store_true", help="JSON: add each body's raw HTML")
    _config_command(sub, locations)
    return parser


def _config_command(sub: argparse._SubParsersAction[Any], locations: Any) -> None:
    """`wirereader config path|init`: where the config file is, and a commented default one."""
    configure = sub.add_parser(
        "config", help="Show where the config file is, or write a default one.", parents=[locations]
    )
    actions = configure.add_subparsers(title="actions", metavar="ACTION", required=True)
    actions.add_parser(
        "path", help="print the config file's path", parents=[locations]
    ).set_defaults(config_action="path")
    init = actions.add_parser(
        "init", help="write every option with its default, commented", parents=[locations]
    )
    init.add_argument("--force", action="store_true", help="replace an existing file")
    init.set_defaults(config_action="init")


def open_service(db: str | Path | None, config: Config) -> Service:
    """Open the database with the settings of `config`."""
    service = Service.open(
        database_path(db),
        recogniser_name=config.recogniser,
        keep_days=config.keep_days,
        concurrency=config.concurrency,
        refresh_minutes=config.refresh_minutes,
    )
    service.fetch_settings = fetch_settings(config)
    return service


def make_app(db: str | Path | None = None, config_file: Path | None = None) -> WireReaderApp:
    """Open the database and build the app; StorageError and ConfigError say what went wrong."""
    from textual.theme import BUILTIN_THEMES

    config = load_config(config_file, themes=frozenset(BUILTIN_THEMES))
    service = open_service(db, config)
    service.import_samples_if_empty()  # on a first launch, so the list opens on them
    # Read the first screen of articles while the rest of Textual and the UI load.
    service.prefetch_first_page(ArticleFilter(oldest_first=config.oldest_first))
    from wirereader.ui.app import WireReaderApp

    export_dir = Path(config.export_dir).expanduser() if config.export_dir else None
    return WireReaderApp(service, config, state_file=state_path(), export_dir=export_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app or a subcommand; return the process exit status."""
    args = build_parser().parse_args(argv)
    if args.debug:
        from wirereader.logging_setup import start_debug_log

        try:
            log = start_debug_log()
        except OSError as exc:
            return _fail(exc, USAGE_ERROR)
        print(f"wirereader: debug log in {log}", file=sys.stderr)
        logger.info("wirereader %s: %s", __version__, " ".join(argv or sys.argv[1:]))
    if getattr(args, "config_action", None):
        return _configure(args.config_action, args.config or config_path(), args)
    if args.run is None:
        return _run_app(args.db, args.config)
    from wirereader import commands
    from wirereader.export import ExportError

    try:
        service = open_service(args.db, load_config(args.config))
    except ConfigError as exc:
        return _fail(exc, USAGE_ERROR)
    except StorageError as exc:
        return _fail(exc, 1)
    try:
        run: commands.Command = getattr(commands, args.run)
        status: int = run(service, args)
        return status
    except (StorageError, SubscriptionError, ExportError) as exc:
        return _fail(exc, 1)
    finally:
        service.close()


def _configure(action: str, path: Path, args: argparse.Namespace) -> int:
    """Print the config file's path, or write the default file there."""
    if action == "path":
        print(path)
        return 0
    try:
        write_default_config(path, force=args.force)
    except ConfigError as exc:
        return _fail(exc, USAGE_ERROR)
    print(f"wrote {path}")
    return 0


def _since_import() -> float:
    """Milliseconds since this module was imported."""
    return (time.perf_counter() - _IMPORTED) * 1000


def _fail(exc: Exception, status: int) -> int:
    """Say what went wrong in one clean line on stderr and return the exit status."""
    print(f"wirereader: {clean_line(str(exc))}", file=sys.stderr)
    return status


def _run_app(db: str | None, config_file: Path | None) -> int:
    """Open the reader and return its exit status."""
    gc.disable()  # until the first frame is on screen, when the app turns it back on
    try:
        try:
            app = make_app(db, config_file)
            logger.info("start-up: config and database ready %.0f ms after import", _since_import())
        except ConfigError as exc:
            return _fail(exc, USAGE_ERROR)
        except StorageError as exc:
            return _fail(exc, 1)
        try:
            app.run()
        finally:
            app.service.close()
        return app.return_code or 0
    finally:
        gc.enable()
