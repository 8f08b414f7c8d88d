"""Where wirereader keeps its database, config file and remembered UI state."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "wirereader"
DB_ENV = "WIREREADER_DB"
CONFIG_ENV = "WIREREADER_CONFIG"
STATE_ENV = "WIREREADER_STATE"


class ConfigError(Exception):
    """The config file or a chosen path cannot be used; the message says which line or key."""


def data_dir() -> Path:
    """The per-user data directory (the database lives here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The config file: `$WIREREADER_CONFIG`, else `config.toml` in the user config directory."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def state_path() -> Path:
    """The file of remembered UI choices (the theme): `$WIREREADER_STATE`, else the state dir.

    Kept apart from the config file, which is the user's to edit and is never rewritten.
    """
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "state.json"


def database_path(explicit: str | Path | None = None) -> Path:
    """The database to open: `--db`, else `$WIREREADER_DB`, else the user data directory.

    Only the default directory is created; a chosen one must exist, so a typo in a path
    is reported instead of silently starting an empty database somewhere else.
    """
    chosen = explicit or os.environ.get(DB_ENV)
    if not chosen:
        return data_dir() / "wirereader.sqlite"
    path = Path(chosen).expanduser()
    if not path.parent.is_dir():
        raise ConfigError(f"{path}: the directory {path.parent} does not exist")
    return path
