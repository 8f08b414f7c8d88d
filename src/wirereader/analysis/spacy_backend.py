"""Optional spaCy recogniser (the `wirereader[spacy]` extra), mapped onto wirereader's labels.

spaCy is imported only when a `SpacyRecogniser` is built, so the rest of wirereader never
pays for it and works without it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from wirereader.models import Label, Span

DEFAULT_MODEL = "en_core_web_sm"

SPACY_LABELS: dict[str, Label] = {
    "PERSON": Label.PERSON,
    "ORG": Label.ORG,
    "GPE": Label.PLACE,
    "LOC": Label.PLACE,
    "FAC": Label.PLACE,
    "NORP": Label.MISC,
    "EVENT": Label.MISC,
    "PRODUCT": Label.MISC,
    "LAW": Label.MISC,
    "WORK_OF_ART": Label.MISC,
    "LANGUAGE": Label.MISC,
    "MONEY": Label.MONEY,
    "PERCENT": Label.PERCENT,
    "DATE": Label.DATE,
    "QUANTITY": Label.QUANTITY,
    "CARDINAL": Label.QUANTITY,
}
"""spaCy's OntoNotes labels and ours; TIME and ORDINAL have no counterpart and are dropped."""

# Everything in spaCy's English pipelines except the entity recogniser, which carries its own
# token-to-vector layer; names absent from a model are ignored by spacy.load.
_NOT_NEEDED = (
    "tok2vec",
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "textcat",
    "textcat_multilabel",
    "entity_linker",
)
_LEADING_THE = re.compile(r"(?i:the)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


class RecogniserUnavailableError(RuntimeError):
    """The spaCy backend cannot run: spaCy or its model is not installed."""


class Entity(Protocol):
    """What the mapping needs from a spaCy entity span."""

    @property
    def label_(self) -> str: ...

    @property
    def start_char(self) -> int: ...

    @property
    def end_char(self) -> int: ...


class SpacyRecogniser:
    """Annotate texts with a spaCy pipeline whose only enabled component is NER."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        spacy = _import_spacy()
        try:
            self._nlp: Any = spacy.load(model, exclude=list(_NOT_NEEDED))
        except OSError as exc:
            raise RecogniserUnavailableError(
                f"spaCy model {model!r} is not installed; install a package that provides it "
                f"(for example `pip install {model.replace('_', '-')}`) or pick another model"
            ) from exc
        self._nlp.select_pipes(enable=[n for n in self._nlp.pipe_names if n == "ner"])
        meta = self._nlp.meta
        self.version: str = (
            f"spacy-{spacy.__version__}-{meta['lang']}_{meta['name']}-{meta['version']}"
        )

    def annotate_document(self, texts: Sequence[str]) -> list[list[Span]]:
        """Return the spans of each text, in order, with our labels."""
        docs = self._nlp.pipe(list(texts))
        return [spans_from_entities(text, doc.ents) for text, doc in zip(texts, docs, strict=True)]


def _import_spacy() -> Any:
    """Import spaCy on first use, turning its absence into a clear error."""
    try:
        return importlib.import_module("spacy")
    except ImportError as exc:
        raise RecogniserUnavailableError(
            "spaCy is not installed; install the extra with `pip install 'wirereader[spacy]'`"
        ) from exc


def spans_from_entities(text: str, entities: Iterable[Entity]) -> list[Span]:
    """Map spaCy entities onto our labels, dropping unmapped ones and trimming each span."""
    spans = []
    for ent in entities:
        label = SPACY_LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        if start < end:
            spans.append(Span(start, end, label))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive, as the guidelines want."""
    lead = _LEADING_THE.match(text, start, end)
    if lead is not None:
        start = lead.end()
    tail = _POSSESSIVE.search(text, start, end)
    if tail is not None:
        end = tail.start()
    return start, end
