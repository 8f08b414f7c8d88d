"""newsboat's `urls` file: one feed per line, `URL "tag" "tag two" "~Custom title"`."""

from __future__ import annotations

from wirereader.feeds.opml import Subscription, SubscriptionList, is_feed_url

# Line kinds newsboat supports that are not plain feeds, with why they are skipped.
_UNSUPPORTED = {
    "query:": "query feeds are newsboat's saved searches, not subscriptions",
    "exec:": "exec: feeds run a local command, which wirereader never does",
    "filter:": "filter: feeds pipe through a local command, which wirereader never does",
}


def parse_urls_file(text: str) -> SubscriptionList:
    """Read the feeds of a newsboat urls file, with a note for each line it skips."""
    found: list[Subscription] = []
    skipped: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = tokenize(line)
        if not tokens:
            continue
        url, *rest = tokens
        reason = _skip_reason(url)
        if reason is not None:
            skipped.append(f"line {number}: {reason}: {url!r}")
            continue
        tags = [token for token in rest if not token.startswith("~")]
        titles = [token[1:].strip() for token in rest if token.startswith("~")]
        title = titles[-1] if titles else ""
        unique_tags = tuple(dict.fromkeys(t for t in tags if t))
        found.append(Subscription(url, title, unique_tags, custom=bool(title)))
    return SubscriptionList(tuple(found), tuple(skipped))


def _skip_reason(url: str) -> str | None:
    """Why a line's first token is not a subscribable feed, or None when it is one."""
    for prefix, reason in _UNSUPPORTED.items():
        if url.lower().startswith(prefix):
            return reason
    return None if is_feed_url(url) else "not a feed URL"


def tokenize(line: str) -> list[str]:
    """Split a line into words the way newsboat does.

    Words are separated by blanks; double quotes group a word and inside them a backslash
    escapes the next character; a `#` that starts a word (outside quotes) begins a comment.
    """
    tokens: list[str] = []
    index, end = 0, len(line)
    while index < end:
        char = line[index]
        if char.isspace():
            index += 1
        elif char == "#":
            break
        elif char == '"':
            word, index = _quoted(line, index + 1)
            tokens.append(word)
        else:
            start = index
            while index < end and not line[index].isspace():
                index += 1
            tokens.append(line[start:index])
    return tokens


def _quoted(line: str, index: int) -> tuple[str, int]:
    """The quoted word starting at `index` (after the quote) and the index past its end.

    An unterminated quote runs to the end of the line, as newsboat reads it.
    """
    chars: list[str] = []
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            chars.append(line[index + 1])
            index += 2
        elif char == '"':
            return "".join(chars), index + 1
        else:
            chars.append(char)
            index += 1
    return "".join(chars), index
