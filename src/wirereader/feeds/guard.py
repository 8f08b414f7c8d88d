"""Defuse a feed's DTD before any XML parser sees it: bounded entities stay, the rest goes.

Why: expat stops a "billion laughs" document, but feedparser then retries with its loose
parser, which expands the same internal entities without limit (a 100 KB feed grows to
gigabytes). Feeds need at most a few character entities, so a document whose entities would
add more than its own size is refused, and declarations no feed needs (parameter and external
entities, attribute defaults) are removed. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import re
from collections import Counter

# Entity references may add this many characters, or the document's length if larger.
MIN_BUDGET = 1024 * 1024
# The encodings a declaration can hide in while still reaching the parsers; the first one
# stands for every ASCII-compatible encoding and maps bytes one to one.
_CODECS = ("latin-1", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037")
_MARK = "<!ENTITY"
_QUOTED = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Prolog tokens, in priority order; scanning stops at the root element's start tag.
_PROLOG = re.compile(
    rf"""
    (?P<skip><!--.*?-->|<\?.*?\?>|<!DOCTYPE(?:[^>\["']|"[^"]*"|'[^']*')*)
    | (?P<entity><!ENTITY{_QUOTED}>)
    | (?P<other><!(?:ATTLIST|ELEMENT|NOTATION){_QUOTED}>)
    | (?P<bare><!ENTITY)
    | (?P<root><[A-Za-z_:])
    """,
    re.VERBOSE | re.DOTALL,
)
_NAME = r"[A-Za-z_:][\w.:-]*"
_INTERNAL = re.compile(rf"""<!ENTITY\s+({_NAME})\s+(?:"([^"]*)"|'([^']*)')\s*>""")
_REFERENCE = re.compile(rf"&({_NAME});")


class ExpensiveFeedError(Exception):
    """The document's entities would make parsing it cost far more than its size."""


def defuse(data: bytes) -> bytes:
    """Return `data` with its DTD defused; raise ExpensiveFeedError if its entities explode."""
    for codec in _CODECS:
        if _MARK.encode(codec) in data:
            text = data.decode(codec, errors="replace")
            defused = defuse_text(text)
            return data if defused == text else defused.encode(codec, errors="replace")
    return data


def defuse_text(text: str) -> str:
    """`defuse` on decoded text."""
    values: dict[str, str] = {}
    pieces: list[str] = []
    position = root = 0
    for match in _PROLOG.finditer(text):
        kind = match.lastgroup
        if kind == "root":
            root = match.start()
            break
        if kind == "skip":
            continue
        pieces.append(text[position : match.start()])
        position = match.end()
        if kind == "entity":
            internal = _INTERNAL.fullmatch(match.group())
            if internal is not None:
                name, value = internal[1], internal[2] if internal[2] is not None else internal[3]
                values.setdefault(name, value)
                pieces.append(match.group())
        elif kind == "bare":
            pieces.append("<!-ENTITY")  # an unterminated declaration, made inert
    if values:
        _check_budget(text, root, values)
    pieces.append(text[position:])
    return "".join(pieces)


def _check_budget(text: str, root: int, values: dict[str, str]) -> None:
    """Raise ExpensiveFeedError when the references after the prolog would add more than
    the budget allows."""
    budget = max(MIN_BUDGET, len(text))
    sizes: dict[str, int] = {}
    added = 0
    for name, count in Counter(_REFERENCE.findall(text, root)).items():
        if name in values:
            added += count * (_size(name, values, sizes, budget, ()) - len(name) - 2)
        if added > budget:
            raise _too_expensive(added)


def _size(
    name: str, values: dict[str, str], sizes: dict[str, int], budget: int, path: tuple[str, ...]
) -> int:
    """The length of the entity's full expansion; raises once it passes `budget`."""
    if name in sizes:
        return sizes[name]
    if name in path:
        raise ExpensiveFeedError(f"feed too expensive to parse: entity {name!r} refers to itself")
    value = values[name]
    size = len(value)
    for ref in _REFERENCE.findall(value):
        if ref in values:
            size += _size(ref, values, sizes, budget, (*path, name)) - len(ref) - 2
        if size > budget:
            raise _too_expensive(size)
    sizes[name] = size
    return size


def _too_expensive(characters: int) -> ExpensiveFeedError:
    """The error for entities that would add `characters` to the document."""
    size = f"{characters / 1_000_000:.0f} MB" if characters >= 1_000_000 else "1 MB"
    return ExpensiveFeedError(f"feed too expensive to parse: its entities expand to over {size}")
