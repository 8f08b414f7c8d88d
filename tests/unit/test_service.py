"""The service façade: first-launch import, opening articles and the span cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.conftest import CountingRecogniser
from wirereader.content.blocks import document_inlines
from wirereader.models import ArticleFilter, Label
from wirereader.service import LIST_PAGE, BuiltinRecogniser, Service, make_recogniser
from wirereader.storage import Storage

SEED_TITLE = "China and Russia plan to boost scientific cooperation"


@pytest.fixture
def service(tmp_path: Path, recogniser: CountingRecogniser) -> Iterator[Service]:
    svc = Service(Storage(tmp_path / "db.sqlite"), recogniser=recogniser)
    yield svc
    svc.close()


def _seed_id(service: Service) -> int:
    rows = service.list_articles(ArticleFilter(), 0, 1000)
    return next(r.id for r in rows if r.title.startswith(SEED_TITLE))


def test_samples_are_imported_once(service: Service) -> None:
    assert service.import_samples_if_empty() >= 5
    total = service.view_counts().all
    assert total >= 30
    assert service.import_samples_if_empty() == 0
    assert service.view_counts().all == total


def test_open_article_marks_read_and_finds_the_people(service: Service) -> None:
    service.import_samples_if_empty()
    view = service.open_article(_seed_id(service))
    assert view.article.read
    people = {
        inline.text[s.start : s.end]
        for inline, spans in zip(document_inlines(view.document), view.spans, strict=True)
        for s in spans
        if s.label is Label.PERSON
    }
    assert {"Vladimir Putin", "Xi Jinping", "Artyom Lukin", "Pan Dawei"} <= people


def test_spans_are_computed_once_and_cached(
    service: Service, recogniser: CountingRecogniser
) -> None:
    service.import_samples_if_empty()
    assert service.annotate_missing() == service.view_counts().all
    calls = recogniser.calls
    service.open_article(_seed_id(service))
    assert recogniser.calls == calls
    assert service.annotate_missing() == 0


def test_missing_spacy_falls_back_to_the_builtin_recogniser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import wirereader.analysis.spacy_backend as backend

    def unavailable(*_: object) -> object:
        raise backend.RecogniserUnavailableError("spaCy is not installed.")

    monkeypatch.setattr(backend, "_import_spacy", unavailable)
    recogniser, warning = make_recogniser("spacy")
    assert isinstance(recogniser, BuiltinRecogniser)
    assert warning is not None and "built-in" in warning


def test_the_prefetched_first_page_is_used_once(service: Service) -> None:
    service.import_samples_if_empty()
    top = service.storage.list_articles(ArticleFilter(), 0, LIST_PAGE)
    service.prefetch_first_page(ArticleFilter())
    assert service.list_articles(ArticleFilter(), 0, LIST_PAGE) == top
    service.set_starred(top[0].id, True)
    again = service.list_articles(ArticleFilter(), 0, LIST_PAGE)
    assert again[0].starred  # read afresh: the prefetch is spent


def test_a_prefetch_for_another_view_is_not_used(service: Service) -> None:
    service.import_samples_if_empty()
    service.prefetch_first_page(ArticleFilter(oldest_first=True))
    newest = service.list_articles(ArticleFilter(), 0, LIST_PAGE)
    assert newest == service.storage.list_articles(ArticleFilter(), 0, LIST_PAGE)


def test_a_prefetch_of_the_empty_database_is_dropped_when_samples_arrive(
    service: Service,
) -> None:
    service.prefetch_first_page(ArticleFilter())
    service.import_samples_if_empty()
    assert len(service.list_articles(ArticleFilter(), 0, LIST_PAGE)) >= 30
