"""The `--debug` log: a size-capped file in the platformdirs log directory.

Library modules only call `logging.getLogger(__name__)`; this is the one place that attaches
a handler, so without `--debug` nothing is written anywhere.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from wirereader.paths import APP_NAME

LOG_NAME = "wirereader.log"
# One file of ~1 MB and two older ones: enough for a session's refreshes and tracebacks.
MAX_BYTES = 1_000_000
BACKUPS = 2
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_dir() -> Path:
    """The per-user log directory (`~/.local/state/wirereader/log` on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def start_debug_log(directory: Path | None = None) -> Path:
    """Send wirereader's log records, debug level and up, to a rotating file; return its path.

    OSError when the directory cannot be created or the file opened.
    """
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger(APP_NAME)
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    return path
