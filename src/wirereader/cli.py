"""Command-line entry point: argument parsing and the `make_app()` factory used by tests too."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wirereader import __version__
from wirereader.paths import ConfigError, database_path, load_config
from wirereader.service import Service
from wirereader.storage.errors import StorageError

if TYPE_CHECKING:
    from wirereader.ui.app import WireReaderApp


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `wirereader`."""
    parser = argparse.ArgumentParser(
        prog="wirereader",
        description="A terminal news reader that highlights the names and figures you read.",
        epilog="The first launch imports the bundled sample feeds, so there is something to read.",
    )
    parser.add_argument("--version", action="version", version=f"wirereader {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $WIREREADER_DB, else the user data directory)",
    )
    parser.add_argument("--config", metavar="PATH", type=Path, help="config file (TOML)")
    return parser


def make_app(db: str | Path | None = None, config_file: Path | None = None) -> WireReaderApp:
    """Open the database and build the app; StorageError and ConfigError say what went wrong."""
    from wirereader.ui.app import WireReaderApp

    config = load_config(config_file)
    service = Service.open(database_path(db), recogniser_name=config.recogniser)
    return WireReaderApp(service)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; return the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        app = make_app(args.db, args.config)
    except (StorageError, ConfigError) as exc:
        print(f"wirereader: {exc}", file=sys.stderr)
        return 1
    try:
        app.run()
    finally:
        app.service.close()
    return app.return_code or 0
