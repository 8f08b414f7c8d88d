"""The config file: every option read, every error message with its line, `config path/init`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wirereader.cli import main
from wirereader.config import (
    CATEGORIES,
    OPTIONS,
    Config,
    default_config_text,
    fetch_settings,
    load_config,
)
from wirereader.feeds.settings import DEFAULT_SETTINGS
from wirereader.keys import ACTIONS, DEFAULT_KEYMAP
from wirereader.paths import ConfigError


def load(tmp_path: Path, text: str, themes: frozenset[str] | None = None) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, themes=themes)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == Config()


def test_the_default_file_loads_back_to_exactly_the_defaults(tmp_path: Path) -> None:
    text = default_config_text()
    assert load(tmp_path, text) == Config()
    assert load(tmp_path, text, themes=frozenset({"textual-dark"})) == Config()


def test_the_default_file_sets_every_option_and_action() -> None:
    raw = tomllib.loads(default_config_text())
    top = {o.name for o in OPTIONS if not o.table}
    assert top <= set(raw)
    assert set(raw["highlight"]) == set(CATEGORIES)
    assert set(raw["keys"]) == {action.id for action in ACTIONS}
    assert set(raw["list"]) == {"columns", "sort"}


def test_every_option_is_read(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        """
recogniser = "spacy"
refresh_minutes = 0
keep_days = 90
concurrency = 4
timeout = 15
user_agent = "me/1.0"
theme = "nord"
date_format = "%Y-%m-%d"
browser = ["firefox", "--new-tab", "{url}"]
mark_read_on_open = false

[list]
columns = ["date", "title"]
sort = "oldest"

[highlight]
person = false
money = false

[keys]
star = "f"
toggle_read = ["x", "ctrl+x"]
down = "j, ctrl+n"
""",
    )
    assert config.recogniser == "spacy" and config.refresh_minutes == 0
    assert (config.keep_days, config.concurrency, config.timeout) == (90, 4, 15)
    assert (config.user_agent, config.theme, config.date_format) == ("me/1.0", "nord", "%Y-%m-%d")
    assert config.browser == ("firefox", "--new-tab", "{url}")
    assert config.mark_read_on_open is False
    assert config.columns == ("date", "title") and config.oldest_first
    assert config.highlight == set(CATEGORIES) - {"person", "money"}
    assert config.keymap["star"] == ("f",)
    assert config.keymap["toggle_read"] == ("x", "ctrl+x")
    assert config.keymap["down"] == ("j", "ctrl+n")
    assert config.keymap["quit"] == DEFAULT_KEYMAP["quit"]


def test_fetch_settings_follow_the_config() -> None:
    settings = fetch_settings(Config(timeout=5, user_agent="me/1.0", concurrency=3))
    assert (settings.deadline, settings.connect_timeout, settings.read_timeout) == (5, 5, 5)
    assert (settings.user_agent, settings.concurrency) == ("me/1.0", 3)
    assert fetch_settings(Config()).user_agent == DEFAULT_SETTINGS.user_agent
    assert fetch_settings(Config()).deadline == DEFAULT_SETTINGS.deadline


# (file text, the message after "<path>: "), one row per error the loader can give
ERRORS = {
    "syntax": ("recogniser = \n", "Invalid value (at line 1, column 14)"),
    "unknown option": (
        'keep_days = 1\ncolour = "red"\n',
        "line 2: unknown key 'colour' (known keys: recogniser, refresh_minutes,",
    ),
    "unknown option in a table": (
        '[list]\nsort = "oldest"\nwidth = 3\n',
        "line 3: unknown key 'width' in [list] (known keys: columns, sort)",
    ),
    "unknown category": (
        "[highlight]\nweather = true\n",
        "line 2: unknown key 'weather' in [highlight] (known keys: person, org, place, misc,",
    ),
    "table as a value": ('list = "date"\n', "line 1: list must be a table, [list]"),
    "negative number": (
        "keep_days = -1\n",
        "line 1: keep_days must be a whole number of 0 or more, not -1",
    ),
    "number as text": (
        'refresh_minutes = "soon"\n',
        "line 1: refresh_minutes must be a whole number of 0 or more, not 'soon'",
    ),
    "zero concurrency": (
        "concurrency = 0\n",
        "line 1: concurrency must be a whole number of 1 or more, not 0",
    ),
    "boolean as a number": (
        "timeout = true\n",
        "line 1: timeout must be a whole number of 1 or more, not True",
    ),
    "recogniser": (
        'recogniser = "magic"\n',
        "line 1: recogniser must be one of builtin, spacy, not 'magic'",
    ),
    "user agent": ("user_agent = 7\n", "line 1: user_agent must be a string in quotes, not 7"),
    "flag": (
        'mark_read_on_open = "yes"\n',
        "line 1: mark_read_on_open must be true or false, not 'yes'",
    ),
    "highlight flag": (
        "[highlight]\nperson = 1\n",
        "line 2: highlight.person must be true or false, not 1",
    ),
    "date format without %": (
        'date_format = "Y-m-d"\n',
        "line 1: date_format must be a strftime format such as \"%d %b %Y\", not 'Y-m-d'",
    ),
    "browser as text": (
        'browser = "firefox {url}"\n',
        "line 1: browser must be a list of strings, not 'firefox {url}'",
    ),
    "browser without program": (
        'browser = ["", "{url}"]\n',
        "line 1: browser: the first item must be the program to run",
    ),
    "unknown column": (
        '[list]\ncolumns = ["title", "author"]\n',
        "line 2: list.columns: unknown column 'author' (columns: flags, title, feed, date)",
    ),
    "columns without title": (
        '[list]\ncolumns = ["date"]\n',
        "line 2: list.columns must name title once, and each other column at most once",
    ),
    "sort": (
        '[list]\nsort = "random"\n',
        "line 2: list.sort must be one of newest, oldest, not 'random'",
    ),
    "unknown action": (
        '[keys]\nstar = "f"\nstarr = "s"\n',
        "line 3: unknown action 'starr' in [keys] (actions: quit, help, next_unread, star,",
    ),
    "unknown key name": (
        '[keys]\nstar = "ctrl+starkey"\n',
        "line 2: keys.star: unknown key 'ctrl+starkey' (a single character, or a name",
    ),
    "unknown modifier": (
        '[keys]\nstar = "cmd+s"\n',
        "line 2: keys.star: unknown modifier 'cmd' in 'cmd+s' (modifiers: ctrl, shift, alt",
    ),
    "empty key": ('[keys]\nstar = "s,"\n', "line 2: keys.star needs at least one key"),
    "key as a number": (
        "[keys]\nstar = 5\n",
        "line 2: keys.star must be a key in quotes or a list of keys, not 5",
    ),
    "dotted key": (
        'keys.starr = "s"\n',
        "line 1: unknown action 'starr' in [keys]",
    ),
    "inline table": (
        "highlight = { person = 3 }\n",
        "line 1: highlight.person must be true or false, not 3",
    ),
}


@pytest.mark.parametrize("case", ERRORS)
def test_every_error_names_the_file_the_line_and_the_option(tmp_path: Path, case: str) -> None:
    text, message = ERRORS[case]
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    assert str(caught.value).startswith(f"{tmp_path / 'config.toml'}: {message}")


def test_an_unknown_theme_is_an_error_where_themes_are_known(tmp_path: Path) -> None:
    text = '\n\ntheme = "solarised"\n'
    assert load(tmp_path, text).theme == "solarised"
    with pytest.raises(ConfigError, match=r"line 3: unknown theme 'solarised' \(themes: nord, "):
        load(tmp_path, text, themes=frozenset({"nord", "textual-dark"}))


def test_config_path_prints_the_chosen_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["config", "path", "--config", str(tmp_path / "c.toml")]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'c.toml'}\n"
    monkeypatch.setenv("WIREREADER_CONFIG", str(tmp_path / "env.toml"))
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'env.toml'}\n"


def test_config_init_writes_the_defaults_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "config.toml"
    assert main(["--config", str(path), "config", "init"]) == 0
    assert path.read_text(encoding="utf-8") == default_config_text()
    assert load_config(path) == Config()
    path.write_text("keep_days = 3\n", encoding="utf-8")
    assert main(["--config", str(path), "config", "init"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep_days = 3\n"
    assert main(["--config", str(path), "config", "init", "--force"]) == 0
    assert load_config(path) == Config()


def test_the_app_refuses_an_unknown_theme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, db = tmp_path / "config.toml", tmp_path / "db.sqlite"
    config.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    assert main(["--db", str(db), "--config", str(config)]) == 2
    assert "line 1: unknown theme 'no-such-theme'" in capsys.readouterr().err
    assert not db.exists()
