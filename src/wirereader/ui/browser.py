"""Open a link with the browser command of the config: an argument list, run without a shell."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

PLACEHOLDER = "{url}"


def browser_argv(command: Sequence[str], url: str) -> list[str]:
    """The command with `{url}` replaced by the link, or the link appended when it has none.

    No shell ever sees it, so a link's `;` or `$(...)` stays part of one argument.
    """
    if any(PLACEHOLDER in arg for arg in command):
        return [arg.replace(PLACEHOLDER, url) for arg in command]
    return [*command, url]


def launch(argv: Sequence[str]) -> None:
    """Start the browser detached from the terminal, so it neither draws on nor waits for us."""
    subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
