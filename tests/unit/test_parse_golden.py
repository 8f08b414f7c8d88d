"""Golden tests: each feed in tests/golden/feeds parses to the ParsedFeed in its .expected.json."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from wirereader.feeds import parse_feed
from wirereader.models import ParsedFeed

GOLDEN = Path(__file__).parents[1] / "golden" / "feeds"
EXPECTED_SUFFIX = ".expected.json"
SOURCES = sorted(p for p in GOLDEN.iterdir() if not p.name.endswith(EXPECTED_SUFFIX))


def as_json(feed: ParsedFeed) -> Any:
    """The feed as plain JSON values, datetimes in ISO 8601, as the expected files hold it."""

    def encode(value: object) -> str:
        if isinstance(value, datetime):
            return value.isoformat()
        raise TypeError(f"cannot encode {value!r}")

    return json.loads(json.dumps(dataclasses.asdict(feed), default=encode))


def test_every_format_has_a_golden_file() -> None:
    names = {p.name for p in SOURCES}
    assert {"rss20.xml", "atom10.xml", "rss10.rdf", "jsonfeed11.json", "jsonfeed10.json"} <= names


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_feed_parses_to_expected_result(source: Path) -> None:
    expected_path = source.with_name(source.stem + EXPECTED_SUFFIX)
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert as_json(parse_feed(source.read_bytes())) == expected
