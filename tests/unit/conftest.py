"""Unit-test fixtures: an in-memory Storage, a parsed-article factory, a counting recogniser."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from wirereader.models import ParsedArticle, Span
from wirereader.service import BuiltinRecogniser
from wirereader.storage import Storage

BASE_TIME = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)

MakeArticle = Callable[..., ParsedArticle]


@pytest.fixture
def storage() -> Iterator[Storage]:
    """A fresh in-memory database."""
    with Storage(":memory:") as store:
        yield store


@pytest.fixture
def make_article() -> MakeArticle:
    """Build a ParsedArticle published `minute` minutes after BASE_TIME (undated if None)."""

    def make(guid: str, minute: int | None = 0, **fields: Any) -> ParsedArticle:
        published = None if minute is None else BASE_TIME + timedelta(minutes=minute)
        fields.setdefault("title", f"Title {guid}")
        return ParsedArticle(guid=guid, published=published, **fields)

    return make


class CountingRecogniser:
    """The built-in recogniser, counting how often it runs."""

    version = "counting-1"

    def __init__(self) -> None:
        self.calls = 0

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]:
        self.calls += 1
        return BuiltinRecogniser().annotate_document(texts)


@pytest.fixture
def recogniser() -> CountingRecogniser:
    return CountingRecogniser()
