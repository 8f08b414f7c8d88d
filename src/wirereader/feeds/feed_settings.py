"""Per-feed settings as people type them (dialog fields, OPML attributes): parsing and limits."""

from __future__ import annotations

# Upper bounds keep every value a sane duration (a date minus 100 years still exists).
MAX_REFRESH_MINUTES = 60 * 24 * 365
MAX_KEEP_DAYS = 36_500
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class SettingError(ValueError):
    """A typed setting is not acceptable; the message says what is expected."""


def parse_count(text: str, what: str, maximum: int) -> int | None:
    """A whole number from 0 to `maximum`, or None for a blank (follow the config)."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise SettingError(f"{what}: a whole number of 0 or more, or blank for the default")
    value = int(text)
    if value > maximum:
        raise SettingError(f"{what}: at most {maximum}")
    return value


def parse_minutes(text: str) -> int | None:
    """A refresh interval in minutes: blank follows the config, 0 is never."""
    return parse_count(text, "refresh interval (minutes)", MAX_REFRESH_MINUTES)


def parse_days(text: str) -> int | None:
    """A retention in days: blank follows the config, 0 keeps everything."""
    return parse_count(text, "keep articles (days)", MAX_KEEP_DAYS)


def parse_flag(text: str, what: str) -> bool:
    """A yes/no value written as true/false, yes/no or 1/0 (any case)."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{what}: true or false, not {text!r}")


def split_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, stripped, without empties and repeats."""
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))
