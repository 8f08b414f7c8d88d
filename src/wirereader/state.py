"""Remembered UI choices (the theme picked in the command palette), kept out of the config file.

The choice is stored with the config's `theme` at the time, so editing the config's theme
later wins over an old palette choice: the config stays the default the user controls.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def remembered_theme(path: Path, configured: str) -> str | None:
    """The theme last chosen while the config named `configured`, or None."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("config_theme") != configured:
        return None
    theme = state.get("theme")
    return theme if isinstance(theme, str) else None


def remember_theme(path: Path, theme: str, configured: str) -> None:
    """Store the chosen theme; written to a temporary file and renamed, so never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps({"theme": theme, "config_theme": configured}), "utf-8")
    temporary.replace(path)
