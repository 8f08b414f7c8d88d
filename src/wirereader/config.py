"""The config file: its options, their defaults, validation with line numbers, and `config init`.

Every option is declared once in `OPTIONS`; the loader checks against it and
`default_config_text()` writes it out, so the file `config init` writes always loads back to
exactly `Config()`. tomllib reports syntax errors with a line but not semantic ones, so the
line of an offending option is found in the text (`_line_of`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wirereader import keys
from wirereader.feeds.settings import DEFAULT_SETTINGS, FetchSettings
from wirereader.paths import ConfigError, config_path

RECOGNISERS = ("builtin", "spacy")
COLUMNS = ("flags", "title", "feed", "date")
SORTS = ("newest", "oldest")
# the [highlight] names of the recogniser's labels (models.Label values, lower-cased)
DEFAULT_THEME = "textual-dark"
CATEGORIES = ("person", "org", "place", "misc", "money", "percent", "date", "quantity")


@dataclass(frozen=True, slots=True)
class Config:
    """User settings; every field has a default so an absent file means defaults."""

    recogniser: str = "builtin"
    refresh_minutes: int = 30  # auto-refresh interval in the app; 0 turns it off
    keep_days: int = 0  # delete unstarred articles older than this after a refresh; 0 keeps all
    concurrency: int = 32  # simultaneous feed downloads
    timeout: int = 60  # seconds one feed download may take, start to end
    user_agent: str = ""  # empty: wirereader's own
    theme: str = DEFAULT_THEME
    date_format: str = "%d %b %Y"
    browser: tuple[str, ...] = ()  # empty: the system's web browser
    mark_read_on_open: bool = True
    export_dir: str = ""  # empty: a wirereader folder in the user's documents directory
    columns: tuple[str, ...] = COLUMNS
    sort: str = "newest"
    highlight: frozenset[str] = frozenset(CATEGORIES)  # the categories highlighted
    keymap: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: keys.DEFAULT_KEYMAP)

    @property
    def oldest_first(self) -> bool:
        return self.sort == "oldest"


@dataclass(frozen=True, slots=True)
class Option:
    """One option: where it lives, how its value is checked, and the comment `init` writes."""

    table: str  # "" for the top level
    name: str
    check: Callable[[str, object], object]  # (its full name, raw value) -> value, or ValueError
    default: object
    help: str


class _Invalid(ValueError):
    """A value is wrong; the message names the option."""


def _whole(minimum: int) -> Callable[[str, object], object]:
    def check(name: str, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise _Invalid(f"{name} must be a whole number of {minimum} or more, not {value!r}")
        return value

    return check


def _choice(*choices: str) -> Callable[[str, object], object]:
    def check(name: str, value: object) -> str:
        if value not in choices:
            raise _Invalid(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        assert isinstance(value, str)
        return value

    return check


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{name} must be a string in quotes, not {value!r}")
    return value


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{name} must be true or false, not {value!r}")
    return value


def _date_format(name: str, value: object) -> str:
    text = _text(name, value)
    if "%" not in text:
        raise _Invalid(f'{name} must be a strftime format such as "%d %b %Y", not {text!r}')
    try:
        datetime(2024, 1, 31, 12, 0).strftime(text)
    except ValueError as exc:
        raise _Invalid(f"{name}: {exc}") from exc
    return text


def _strings(name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"{name} must be a list of strings, not {value!r}")
    return tuple(value)


def _browser(name: str, value: object) -> tuple[str, ...]:
    command = _strings(name, value)
    if command and not command[0].strip():
        raise _Invalid(f"{name}: the first item must be the program to run")
    return command


def _columns(name: str, value: object) -> tuple[str, ...]:
    columns = _strings(name, value)
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise _Invalid(f"{name}: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})")
    if "title" not in columns or len(set(columns)) != len(columns):
        raise _Invalid(f"{name} must name title once, and each other column at most once")
    return columns


def _keys(name: str, value: object) -> tuple[str, ...]:
    """`"f"`, `"f,ctrl+f"` or `["f", "ctrl+f"]`."""
    if isinstance(value, str):
        found = [key.strip() for key in value.split(",")]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        found = [key.strip() for key in value]
    else:
        raise _Invalid(f"{name} must be a key in quotes or a list of keys, not {value!r}")
    if not found or not all(found):
        raise _Invalid(f"{name} needs at least one key, with none empty")
    for key in found:
        if problem := keys.key_problem(key):
            raise _Invalid(f"{name}: {problem}")
    return tuple(found)


OPTIONS: tuple[Option, ...] = (
    Option("", "recogniser", _choice(*RECOGNISERS), "builtin", "builtin, or spacy"),
    Option("", "refresh_minutes", _whole(0), 30, "auto-refresh in the app; 0 turns it off"),
    Option("", "keep_days", _whole(0), 0, "delete unstarred articles older than this; 0 keeps all"),
    Option("", "concurrency", _whole(1), 32, "feeds downloaded at once"),
    Option("", "timeout", _whole(1), 60, "seconds one feed's download may take"),
    Option("", "user_agent", _text, "", "the User-Agent header; empty sends wirereader's own"),
    Option("", "theme", _text, DEFAULT_THEME, "any Textual theme; ctrl+p switches for now"),
    Option("", "date_format", _date_format, "%d %b %Y", "strftime format of dates"),
    Option(
        "",
        "browser",
        _browser,
        [],
        'program and arguments for `o`, {url} is the link, e.g. ["firefox", "{url}"]; '
        "empty uses the system's browser",
    ),
    Option("", "mark_read_on_open", _flag, True, "opening an article marks it read"),
    Option(
        "",
        "export_dir",
        _text,
        "",
        "folder E writes Markdown to (~ allowed); empty: a wirereader folder in Documents",
    ),
    Option("list", "columns", _columns, list(COLUMNS), f"any of {', '.join(COLUMNS)}, in order"),
    Option("list", "sort", _choice(*SORTS), "newest", "newest or oldest first"),
    *(Option("highlight", c, _flag, True, "") for c in CATEGORIES),
    *(Option("keys", a.id, _keys, ",".join(a.keys), a.description) for a in keys.ACTIONS),
)
TABLE_HELP = {
    "list": "The article list",
    "highlight": "Highlight these kinds of names and figures in the reader",
    "keys": 'Keys per action: "f", "f,ctrl+f" or ["f", "ctrl+f"]',
}


def load_config(path: Path | None = None, themes: frozenset[str] | None = None) -> Config:
    """Read the TOML config file; a missing file gives the defaults.

    `themes`, when given, are the theme names `theme` may take (the app knows them; the
    subcommands, which never draw, skip loading Textual to check).
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    values = _check(raw, text, path)
    theme = values.get("theme", DEFAULT_THEME)
    if themes is not None and theme not in themes:
        known = ", ".join(sorted(themes))
        raise _error(path, text, "", "theme", f"unknown theme {theme!r} (themes: {known})")
    return _config(values)


def _check(raw: dict[str, Any], text: str, path: Path) -> dict[str, Any]:
    """Every option's checked value by full name (`list.sort`); ConfigError at the first bad one."""
    declared = {(o.table, o.name): o for o in OPTIONS}
    tables = {o.table for o in OPTIONS if o.table}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in tables:
            if not isinstance(value, dict):
                raise _error(path, text, "", name, f"{name} must be a table, [{name}]")
            entries = [(name, key, item) for key, item in value.items()]
        else:
            entries = [("", name, value)]
        for table, key, item in entries:
            option = declared.get((table, key))
            full = f"{table}.{key}" if table else key
            if option is None:
                raise _error(path, text, table, key, _unknown(table, key))
            try:
                values[full] = option.check(full, item)
            except _Invalid as exc:
                raise _error(path, text, table, key, str(exc)) from None
    return values


def _unknown(table: str, key: str) -> str:
    """The message for an option the file should not have, listing the ones it may."""
    if table == "keys":
        return f"unknown action {key!r} in [keys] (actions: {', '.join(keys.BY_ID)})"
    known = [o.name for o in OPTIONS if o.table == table]
    if not table:
        known += [f"[{name}]" for name in TABLE_HELP]
    where = f" in [{table}]" if table else ""
    return f"unknown key {key!r}{where} (known keys: {', '.join(known)})"


def _config(values: dict[str, Any]) -> Config:
    """Build the Config from checked values; absent ones keep their defaults."""
    top = {k: v for k, v in values.items() if "." not in k}
    lists = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("list.")}
    shown = {c for c in CATEGORIES if values.get(f"highlight.{c}", True)}
    keymap = dict(keys.DEFAULT_KEYMAP)
    keymap.update({k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("keys.")})
    return Config(**top, **lists, highlight=frozenset(shown), keymap=keymap)


def _error(path: Path, text: str, table: str, key: str, message: str) -> ConfigError:
    line = _line_of(text, table, key)
    where = f"line {line}: " if line else ""
    return ConfigError(f"{path}: {where}{message}")


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line where `key` of `table` is set ("" is the top level), or None if not found.

    Follows `[table]` headers; a dotted `table.key = ...` or an inline table also count.
    """
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            current = stripped.strip("[] ").split("]")[0].strip().strip('"')
            continue
        name = stripped.split("=", 1)[0].strip().strip('"').strip("'") if "=" in stripped else ""
        if current == table and name == key:
            return number
        if current == "" and table and (name == f"{table}.{key}" or name == table):
            return number
    return None


def fetch_settings(config: Config) -> FetchSettings:
    """The fetch settings `config` asks for: `timeout` bounds the whole download and each wait."""
    return FetchSettings(
        concurrency=config.concurrency,
        connect_timeout=min(DEFAULT_SETTINGS.connect_timeout, config.timeout),
        read_timeout=min(DEFAULT_SETTINGS.read_timeout, config.timeout),
        deadline=config.timeout,
        user_agent=config.user_agent or DEFAULT_SETTINGS.user_agent,
    )


def default_config_text() -> str:
    """The commented config file `config init` writes: every option set to its default."""
    lines = ["# wirereader settings; every option is shown with its default.", ""]
    table = ""
    for option in OPTIONS:
        if option.table != table:
            table = option.table
            lines += ["", f"# {TABLE_HELP[table]}", f"[{table}]"]
        setting = f"{option.name} = {_toml(option.default)}"
        if table == "keys":
            lines.append(f"{setting}  # {option.help}")
        else:
            lines += [f"# {option.help}"] if option.help else []
            lines.append(setting)
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    """A TOML literal of a default value (strings, whole numbers, booleans, lists of strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, str)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_default_config(path: Path, *, force: bool = False) -> None:
    """Write `default_config_text()` to `path`; refuse to replace a file unless `force`."""
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists; `wirereader config init --force` replaces it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(default_config_text(), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from exc
