"""The catalogue of rebindable actions: their config names, default keys and descriptions.

Pure (no Textual): the config loader validates `[keys]` against it, `config init` writes it
out, and the UI's `Binding(..., id=...)` lists use the same names, so a test can hold the two
together. Movement ids (`down`, `top`, ...) are shared by every pane, so one `[keys]` line
moves the cursor the same way in the feed pane, the article list, the reader and the panel.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Action:
    """One rebindable action: its config name, default keys and what it does."""

    id: str
    keys: tuple[str, ...]
    description: str


def _action(action_id: str, keys: str, description: str) -> Action:
    return Action(action_id, tuple(keys.split(",")), description)


ACTIONS: tuple[Action, ...] = (
    _action("quit", "q", "Quit"),
    _action("help", "question_mark", "Keys"),
    _action("next_unread", "n", "Next unread"),
    _action("star", "s", "Star"),
    _action("toggle_read", "m", "Read/unread"),
    _action("mark_all_read", "A", "Mark all read"),
    _action("open_link", "o", "Open the link in the browser"),
    _action("copy_link", "y", "Copy link"),
    _action("export_markdown", "E", "Export as Markdown"),
    _action("fetch_full", "f", "Full article"),
    _action("refetch_full", "F", "Fetch full again"),
    _action("feed_settings", "c", "Feed settings"),
    _action("toggle_highlight", "e", "Highlights"),
    _action("refresh", "r", "Refresh"),
    _action("refresh_all", "R", "Refresh all"),
    _action("add_feed", "a", "Add feed"),
    _action("delete_feed", "d", "Delete feed"),
    _action("toggle_entities", "N", "Entities"),
    _action("search", "slash", "Search"),
    _action("page_reader_down", "space,pagedown", "Page the reader down"),
    _action("page_reader_up", "pageup", "Page the reader up"),
    _action("next_pane", "tab", "Next pane"),
    _action("previous_pane", "shift+tab", "Previous pane"),
    _action("down", "j,down", "Down"),
    _action("up", "k,up", "Up"),
    _action("page_down", "ctrl+d,pagedown", "Page down"),
    _action("page_up", "ctrl+u,pageup", "Page up"),
    _action("top", "g,home", "First / top"),
    _action("bottom", "G,end", "Last / bottom"),
    _action("open", "enter", "Open"),
    _action("entity_articles", "l", "Every stored article naming the entity"),
    _action("close_search", "escape", "Close the search"),
    _action("save_search", "ctrl+s", "Save the search"),
)
BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}
DEFAULT_KEYMAP: dict[str, tuple[str, ...]] = {action.id: action.keys for action in ACTIONS}

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {"escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end"}
    | {"pageup", "pagedown", "up", "down", "left", "right"}
    | {f"f{n}" for n in range(1, 25)}
    # Textual's friendlier names for a few punctuation keys (textual.keys.KEY_NAME_REPLACEMENTS)
    | {"slash", "backslash", "at", "minus", "plus", "underscore"}
)
# Unicode names with a hyphen, which Textual's key names spell with an underscore
HYPHENATED = {
    "hyphen_minus": "HYPHEN-MINUS",
    "less_than_sign": "LESS-THAN SIGN",
    "greater_than_sign": "GREATER-THAN SIGN",
}


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind, or None when it is.

    A key is a single printable character (`f`, `G`, `?`) or a name (`enter`, `pagedown`,
    `f5`, `question_mark`), after any of the modifiers `ctrl+`, `shift+`, `alt+` ...
    """
    *modifiers, base = key.split("+") if key != "+" else ["+"]
    bad = [m for m in modifiers if m not in MODIFIERS]
    if bad:
        return f"unknown modifier {bad[0]!r} in {key!r} (modifiers: ctrl, shift, alt, meta)"
    if len(base) == 1:
        return None if base.isprintable() and not base.isspace() and base != "," else _bad(key)
    if base in NAMED_KEYS or _character_name(base):
        return None
    return _bad(key)


def _bad(key: str) -> str:
    return (
        f"unknown key {key!r} (a single character, or a name such as enter, space, "
        "pagedown, f5 or question_mark, after ctrl+, shift+ or alt+)"
    )


def _character_name(name: str) -> bool:
    """True when `name` is a character's Unicode name in Textual's style (`question_mark`)."""
    unicode_name = HYPHENATED.get(name, name.replace("_", " ").upper())
    try:
        unicodedata.lookup(unicode_name)
    except KeyError:
        return False
    return name.islower()
