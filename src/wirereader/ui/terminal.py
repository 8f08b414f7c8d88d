"""Command-line output: a Rich table or progress bar on a terminal, plain lines for scripts.

The CLI's subcommands print through here so that Rich stays in the presentation layer. Every
cell arrives already cleaned and goes into Rich as `Text`, never as markup.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text


def print_rows(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A table on a terminal; tab-separated lines (no header) when stdout is a pipe or file."""
    console = Console(file=sys.stdout)
    if not console.is_terminal:
        for row in rows:
            print("\t".join(row))
        return
    table = Table(*headers)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


@contextmanager
def progress(description: str, total: int) -> Iterator[Callable[[], None]]:
    """Yield a function that advances a progress bar by one; the bar shows only on a terminal
    and vanishes when done."""
    console = Console(file=sys.stdout)
    if not console.is_terminal:
        yield lambda: None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
