"""Make untrusted feed text safe to show in a terminal.

Feed text may carry terminal escape sequences (ESC, CSI, OSC such as the clipboard-writing
OSC 52), C0/C1 control characters and bidi overrides that reorder what the reader sees. All
of them are removed here; markup characters such as `[` are left alone because the UI never
parses feed text as markup.
"""

from __future__ import annotations

import re

# A whole escape sequence first (so its payload goes too), then any lone control character.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?    # OSC ... BEL / ST (or cut off)
    | \x1b[P_^X][^\x1b\x9c]*(?:\x1b\\|\x9c)?        # DCS, APC, PM, SOS ... ST
    | \x1b\[[0-?]*[ -/]*[@-~]?                      # CSI
    | \x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?     # 8-bit OSC
    | \x9b[0-?]*[ -/]*[@-~]?                        # 8-bit CSI
    | \x1b[ -/]*[0-~]?                              # other ESC sequences
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 except tab/newline/CR, DEL, C1
    "\u200e\u200f\u061c"  # directional marks
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ufeff\ufff9-\ufffb"  # BOM, interlinear annotation controls
    "\ud800-\udfff]"  # lone surrogates: a UTF-8 terminal or database cannot encode them
)
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters, keeping newlines and tabs."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Clean text for a one-line field (title, feed name): whitespace runs become one space."""
    return _SPACES.sub(" ", clean_text(text)).strip()
