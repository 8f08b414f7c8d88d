"""Tests for the built-in name recogniser: boundaries, labels, cues and article memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirereader.analysis.names import NameMemory, find_names
from wirereader.analysis.recogniser import annotate_document
from wirereader.models import Label

PERSON, ORG, PLACE, MISC = Label.PERSON, Label.ORG, Label.PLACE, Label.MISC
GOLD = Path(__file__).resolve().parents[3] / "shared" / "eval" / "entities-dev.jsonl"


def names_in(text: str) -> list[tuple[str, Label]]:
    """The names found in one text, as (surface, label) pairs in order."""
    return [(text[s.start : s.end], s.label) for s in find_names(text, NameMemory())]


CASES = [
    # label per kind
    ("Vladimir Putin signed a decree.", [("Vladimir Putin", PERSON)]),
    ("Shares in Huawei rose.", [("Huawei", ORG)]),
    ("Crews in Halifax worked all night.", [("Halifax", PLACE)]),
    ("The Ethiopian unit broke even.", [("Ethiopian", MISC)]),
    # titles stay outside
    ("Russian President Vladimir Putin spoke.", [("Russian", MISC), ("Vladimir Putin", PERSON)]),
    ("Mayor Colleen MacIsaac urged calm.", [("Colleen MacIsaac", PERSON)]),
    ("Prime Minister Sheikh Hasina resigned.", [("Sheikh Hasina", PERSON)]),
    ("Head of Government Clara Brugada said so.", [("Clara Brugada", PERSON)]),
    # possessive, leading "the", hyphenated pairs
    ("Beijing’s foreign policy lexicon", [("Beijing", PLACE)]),
    ("MTS, Russia's biggest carrier", [("MTS", ORG), ("Russia", PLACE)]),
    ("pressure from the West.", [("West", PLACE)]),
    ("China-Russia trade will grow.", [("China", PLACE), ("Russia", PLACE)]),
    ("a year of Russian-Chinese cooperation", [("Russian", MISC), ("Chinese", MISC)]),
    ("a Lagos-based start-up", [("Lagos", PLACE)]),
    # country as modifier stays a place; nationality is MISC; blocs are ORG
    ("EU and US sanctions on Russia", [("EU", ORG), ("US", PLACE), ("Russia", PLACE)]),
    ("new American sanctions", [("American", MISC)]),
    ("between China and Russia", [("China", PLACE), ("Russia", PLACE)]),
    # sentence-initial common words are not names
    ("Meanwhile, the ministry said so.", []),
    ("However, some officials disagreed.", []),
    ("Observers believe it will work.", []),
    # shouted headline
    (
        "BREAKING: SRI LANKA SEALS RESCUE DEAL WITH IMF.",
        [("SRI LANKA", PLACE), ("IMF", ORG)],
    ),
    # a name inside a longer name is not tagged separately
    (
        "a professor at the Shanghai Academy of Social Sciences",
        [("Shanghai Academy of Social Sciences", ORG)],
    ),
    (
        "the Democratic Republic of the Congo",
        [("Democratic Republic of the Congo", PLACE)],
    ),
    ("the Food and Drug Administration", [("Food and Drug Administration", ORG)]),
    ("at Tiffany & Co., which it bought", [("Tiffany & Co.", ORG)]),
    # acronyms spelt out, and used later in the same text
    (
        "The Indian Space Research Organisation (ISRO) said. ISRO launched it.",
        [("Indian Space Research Organisation", ORG), ("ISRO", ORG), ("ISRO", ORG)],
    ),
    # person cues
    ("“It is real,” said Pan.", [("Pan", PERSON)]),
    ("Li Lifan, a professor, agreed.", [("Li Lifan", PERSON)]),
    ("Managing director S. R. Iyengar said so.", [("S. R. Iyengar", PERSON)]),
    # facilities, products, events
    (
        "at the Estadio Centenario in Montevideo",
        [("Estadio Centenario", PLACE), ("Montevideo", PLACE)],
    ),
    ("the S-400 air defence system", [("S-400", MISC)]),
    ("the Vikram lander touched down", [("Vikram", MISC)]),
    ("the premiere of “Desert Lanterns” drew crowds", [("Desert Lanterns", MISC)]),
    # connectors and possessives inside and between names
    ("shares in Rolls-Royce and BAE Systems", [("Rolls-Royce", ORG), ("BAE Systems", ORG)]),
    ("the People's Bank of China", [("People's Bank of China", ORG)]),
    ("Peggy's Cove was closed.", [("Peggy's Cove", PLACE)]),
    ("President Lee Jae-myung said so.", [("Lee Jae-myung", PERSON)]),
    # a title-case list after "of" belongs to the name it hangs off
    (
        "designating 2020 as the year of Russian-Chinese Scientific, Technical and Innovation"
        " Cooperation.",
        [("Russian-Chinese Scientific, Technical and Innovation Cooperation", MISC)],
    ),
    (
        "the Ministry of Health, Labour and Welfare said",
        [("Ministry of Health, Labour and Welfare", ORG)],
    ),
    (
        "the Department for Digital, Culture, Media and Sport",
        [("Department for Digital, Culture, Media and Sport", ORG)],
    ),
    (
        "the Committee on Science, Space, and Technology",
        [("Committee on Science, Space, and Technology", ORG)],
    ),
    # ... but names in a list stay apart, and a list needs a head to hang off
    (
        "talks between China, Russia and India",
        [("China", PLACE), ("Russia", PLACE), ("India", PLACE)],
    ),
    (
        "the Ministry of Finance, Apple and Google",
        [("Ministry of Finance", ORG), ("Apple", ORG), ("Google", ORG)],
    ),
    # role nouns before a name, capitalised at a sentence start
    ("Quarterback Jalen Hurts was named.", [("Jalen Hurts", PERSON)]),
    ("Composer M.M. Keeravani accepted it.", [("M.M. Keeravani", PERSON)]),
    ("Developer Emaar Properties built it.", [("Emaar Properties", ORG)]),
    ("State Health Minister Veena George said so.", [("Veena George", PERSON)]),
    # a short month or day word is a name when a capitalised word follows it
    ("with Sun Yingsha and Wang Chuqin", [("Sun Yingsha", PERSON), ("Wang Chuqin", PERSON)]),
    ("Vice Chairman Jun Young-hyun apologised.", [("Jun Young-hyun", PERSON)]),
    ("on Sun Mar 3 in Paris", [("Paris", PLACE)]),
    # participles after a hyphen and Roman numerals
    ("Australian-born tackle Jordan Mailata", [("Australian", MISC), ("Jordan Mailata", PERSON)]),
    ("the Carlos III Health Institute", [("Carlos III Health Institute", ORG)]),
    # bodies named with "Community" and capitalised prepositions
    (
        "left the Economic Community of West African States",
        [("Economic Community of West African States", ORG)],
    ),
    (
        "a Global Alliance Against Hunger and Poverty",
        [("Global Alliance Against Hunger and Poverty", ORG)],
    ),
    # labels of unknown names from their own words and from context
    ("Bulk supplier Rand Water is repairing it.", [("Rand Water", ORG)]),
    ("from the Telugu-language film", [("Telugu", MISC)]),
    (
        "wrestler Hoshoryu was promoted. Hoshoryu, the nephew of a champion, wept.",
        [("Hoshoryu", PERSON), ("Hoshoryu", PERSON)],
    ),
    # not names at all
    ("5G networks and AI tools", []),
    ("the Marburg virus outbreak", []),
    ("it earned 58.2 billion Danish crowns", []),
    ("on Monday, Apr 19, 2021", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_names_found(text: str, expected: list[tuple[str, Label]]) -> None:
    assert names_in(text) == expected


def test_surname_remembered_across_paragraphs() -> None:
    spans = annotate_document(["Vladimir Putin met officials.", "Later, Putin said no."])
    second = "Later, Putin said no."
    assert [(second[s.start : s.end], s.label) for s in spans[1]] == [("Putin", PERSON)]


def test_particle_surname_remembered() -> None:
    memory = NameMemory()
    find_names("Ursula von der Leyen arrived.", memory)
    text = "“We are close,” von der Leyen told reporters."
    assert [(text[s.start : s.end], s.label) for s in find_names(text, memory)] == [
        ("von der Leyen", PERSON)
    ]


def test_acronym_remembered_across_paragraphs() -> None:
    memory = NameMemory()
    find_names("He works at Far Eastern Federal University (FEFU) now.", memory)
    text = "Students at FEFU protested."
    assert [(text[s.start : s.end], s.label) for s in find_names(text, memory)] == [("FEFU", ORG)]


def test_spans_are_sorted_and_disjoint() -> None:
    text = "Chinese President Xi Jinping met Putin in Moscow and Beijing-based firms."
    spans = find_names(text, NameMemory())
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def _seed_items() -> list[dict[str, object]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.startswith('{"id": "seed-')]


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold data not available")
def test_seed_article_reads_exactly_as_gold() -> None:
    """Every gold span of the seed article, with its label, and nothing else."""
    items = _seed_items()
    texts = [str(item["text"]) for item in items]
    predicted = annotate_document(texts)
    missed, spurious = [], []
    for item, text, spans in zip(items, texts, predicted, strict=True):
        gold = {(s, e, label) for s, e, label in item["spans"]}  # type: ignore[attr-defined]
        found = {(s.start, s.end, s.label.value) for s in spans}
        missed += [(text[s:e], label) for s, e, label in sorted(gold - found)]
        spurious += [(text[s:e], label) for s, e, label in sorted(found - gold)]
    assert (missed, spurious) == ([], [])
    assert sum(len(item["spans"]) for item in items) > 100  # type: ignore[arg-type]
