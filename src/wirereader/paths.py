"""Where wirereader keeps its database and config, and how the config file is read."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "wirereader"
DB_ENV = "WIREREADER_DB"
CONFIG_ENV = "WIREREADER_CONFIG"
RECOGNISERS = ("builtin", "spacy")


class ConfigError(Exception):
    """The config file or a chosen path cannot be used; the message says which line or key."""


@dataclass(frozen=True, slots=True)
class Config:
    """User settings; every field has a default so an absent file means defaults."""

    recogniser: str = "builtin"
    refresh_minutes: int = 30  # auto-refresh interval in the app; 0 turns it off
    keep_days: int = 0  # delete unstarred articles older than this after a refresh; 0 keeps all
    concurrency: int = 32  # simultaneous feed downloads


def data_dir() -> Path:
    """The per-user data directory (the database lives here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The config file: `$WIREREADER_CONFIG`, else `config.toml` in the user config directory."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


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


def load_config(path: Path | None = None) -> Config:
    """Read the TOML config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    unknown = sorted(set(raw) - set(Config.__dataclass_fields__))
    if unknown:
        known = ", ".join(Config.__dataclass_fields__)
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known keys: {known})")
    recogniser = raw.get("recogniser", "builtin")
    if recogniser not in RECOGNISERS:
        raise ConfigError(f"{path}: recogniser must be one of {', '.join(RECOGNISERS)}")
    return Config(
        recogniser=recogniser,
        refresh_minutes=_whole_number(raw, "refresh_minutes", 30, path),
        keep_days=_whole_number(raw, "keep_days", 0, path),
        concurrency=max(1, _whole_number(raw, "concurrency", 32, path)),
    )


def _whole_number(raw: dict[str, object], key: str, default: int, path: Path) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{path}: {key} must be a whole number of 0 or more")
    return value
