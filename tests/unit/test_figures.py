"""Table-driven tests of the figure recogniser against the rules of eval/GUIDELINES.md."""

from __future__ import annotations

import re

import pytest

from wirereader.analysis.counted import counted_noun_end, is_plural_noun, unit_end
from wirereader.analysis.figures import find_figures
from wirereader.analysis.numbers import trie_pattern
from wirereader.models import Label

M, P, D, Q = Label.MONEY, Label.PERCENT, Label.DATE, Label.QUANTITY
Case = tuple[str, list[tuple[str, Label]]]


def figures(text: str) -> list[tuple[str, Label]]:
    """The recognised figures of `text` as (surface text, label) pairs, in order."""
    return [(text[s.start : s.end], s.label) for s in find_figures(text)]


MONEY_CASES: list[Case] = [
    ("China-Russia trade will exceed US$110 billion this year.", [("US$110 billion", M)]),
    ("The group would invest €2.3bn in fibre.", [("€2.3bn", M)]),
    ("Congestion pricing charges most drivers $5 to enter.", [("$5", M)]),
    ("Revenue reached 400 million yuan.", [("400 million yuan", M)]),
    (
        "Sales rose to 58.2 billion Danish crowns in 2024.",
        [("58.2 billion Danish crowns", M), ("2024", D)],
    ),
    ("The dollar slipped to 69.1 U.S. cents.", [("69.1 U.S. cents", M)]),
    ("Prices climbed above $12,000 a tonne.", [("$12,000", M)]),
    ("It will invest Rs 12,500 crore in a plant.", [("Rs 12,500 crore", M)]),
    ("Profit was KSh 42.7 billion.", [("KSh 42.7 billion", M)]),
    ("Sales rose to AED 522.1 billion.", [("AED 522.1 billion", M)]),
    ("The province will spend R1.2 billion on pipes.", [("R1.2 billion", M)]),
    ("A second vaccine, R21/Matrix-M, was approved.", []),
    ("The loan is worth GH₵800 million.", [("GH₵800 million", M)]),
    ("Rice still costs about S$5.", [("S$5", M)]),
    ("The cut cost £800m and £1.255bn.", [("£800m", M), ("£1.255bn", M)]),
    ("SRI LANKA SEALS $2.9 BILLION RESCUE DEAL", [("$2.9 BILLION", M)]),
    (
        "Profit was about 6.5 trillion won ($4.5 billion).",
        [("6.5 trillion won", M), ("$4.5 billion", M)],
    ),
    ("The price was cut to 99p.", [("99p", M)]),
    ("She won three crowns.", [("three crowns", Q)]),
]

PERCENT_CASES: list[Case] = [
    ("The economy grew at a rate of 1.2 per cent a year.", [("1.2 per cent", P)]),
    ("Shares rose 15% on Monday.", [("15%", P)]),
    ("The party lost 3 percentage points.", [("3 percentage points", P)]),
    ("Inflation eased to 3.1 percent.", [("3.1 percent", P)]),
    ("The bank raised rates by 50 basis points.", [("50 basis points", P)]),
    (
        "The virus kills between 40 and 75 per cent of those infected.",
        [("40", P), ("75 per cent", P)],
    ),
    ("Growth of between 19% and 22% is forecast.", [("19%", P), ("22%", P)]),
    ("Rents rose 10-15 per cent.", [("10", P), ("15 per cent", P)]),
    ("They accepted a 38% pay rise.", [("38%", P)]),
]

DATE_CASES: list[Case] = [
    ("Monday, Apr 19, 2021", [("Monday, Apr 19, 2021", D)]),
    ("Talks were held on Tuesday, 4 March 2025 in Brussels.", [("Tuesday, 4 March 2025", D)]),
    ("Crimea was annexed in 2014.", [("2014", D)]),
    ("They met in June.", [("June", D)]),
    ("He painted in the 17th century.", [("17th century", D)]),
    ("Leverkusen won the 2023-24 Bundesliga title.", [("2023-24", D)]),
    ("Growth was the highest since the early 1990s.", [("1990s", D)]),
    ("The rollout will finish by mid-2026.", [("2026", D)]),
    ("The report was dated 2025-01-22.", [("2025-01-22", D)]),
    ("The Temple was destroyed in 70 AD.", [("70 AD", D)]),
    ("It went on sale on Sept. 12 and Nov 26, 2024.", [("Sept. 12", D), ("Nov 26, 2024", D)]),
    ("Washington followed in May.", [("May", D)]),
    ("Officials may meet in Muscat on 15 September.", [("15 September", D)]),
    ("The two countries will make next year a focus.", [("two countries", Q)]),
    ("On Monday, ministers met.", []),
    ("Profit fell in the fourth quarter and in Q3.", []),
    ("Workers stop between 2 p.m. and 6 p.m. and at 10:30.", []),
    ("Vice Chairman Jun Young-hyun spoke.", []),
]

QUANTITY_CASES: list[Case] = [
    ("About 800 events took place.", [("800 events", Q)]),
    ("Cases reached two million people.", [("two million people", Q)]),
    ("The meeting lasted three hours.", [("three hours", Q)]),
    ("It ended more than five decades of rule.", [("five decades", Q)]),
    ("The law bars children under 16 from social media.", [("16", Q)]),
    ("The motion passed with 204 of 300 votes.", [("204", Q), ("300 votes", Q)]),
    ("Officials said 17 African countries signed.", [("17", Q)]),
    ("The company pumps around 9 million bpd.", [("9 million bpd", Q)]),
    ("Gusts reached 120 km and 130 km/h.", [("120 km", Q), ("130 km/h", Q)]),
    ("Temperatures reached 34°C.", [("34°C", Q)]),
    ("The 1.8 kg aircraft flew.", [("1.8 kg", Q)]),
    ("She finished in 3 minutes 51.29 seconds.", [("3 minutes 51.29 seconds", Q)]),
    ("Brugada said 1,200 tanker trucks would deliver water.", [("1,200 tanker trucks", Q)]),
    ("It processes 2.5 million transactions a day.", [("2.5 million transactions", Q)]),
    ("Waiting lists fell to 7.42 million in November.", [("7.42 million", Q), ("November", D)]),
    ("Two of the nine members voted against.", [("Two", Q), ("nine members", Q)]),
    ("A 29-year-old man and a 15-year plan.", [("29-year-old", Q), ("15-year", Q)]),
    ("The star lies 5,000 light years away.", [("5,000 light years", Q)]),
]

NOT_FIGURES: list[Case] = [
    ("Turkey bought the S-400 system.", []),
    ("Operators are building 5G networks.", []),
    ("The group met at the G20 summit.", []),
    ("COVID-19 began spreading from Wuhan.", []),
    ("The world No. 3 reached page 4 of the rankings.", []),
    ("He finished 17th, his 100th race, roughly ten times slower.", []),
    ("Two-thirds of voters backed a two-way deal.", []),
    ("Brazil is one of the largest markets.", []),
    ("Japan's Nikkei 225 index and Vision 2030 and the iPhone 15.", []),
    ("The bill passed 68-31 and City won 4-0.", []),
    ("Meta's 2Africa cable and GPT-4o and Chang'e-6.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    MONEY_CASES + PERCENT_CASES + DATE_CASES + QUANTITY_CASES + NOT_FIGURES,
)
def test_figure_cases(text: str, expected: list[tuple[str, Label]]) -> None:
    assert figures(text) == expected


def test_spans_are_sorted_disjoint_and_index_the_text() -> None:
    text = "On Feb 24, 2025 Apple said it would spend $500 billion over the next four years."
    spans = find_figures(text)
    assert [text[s.start : s.end] for s in spans] == ["Feb 24, 2025", "$500 billion", "four years"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_empty_and_figureless_text() -> None:
    assert find_figures("") == []
    assert find_figures("No figures at all in this sentence.") == []


def test_unit_end_chains_durations_and_stops_at_units() -> None:
    text = "3 minutes 51.29 seconds"
    assert unit_end(text, 1) == len(text)
    assert unit_end("5 gigawatts of power", 1) == len("5 gigawatts")
    assert unit_end("5 people", 1) is None


def test_counted_noun_takes_modifiers_up_to_the_first_plural() -> None:
    assert counted_noun_end("2 stolen bases and", 1) == len("2 stolen bases")
    assert counted_noun_end("28 of their 34 matches", 2) is None
    assert counted_noun_end("17 African countries", 2) is None
    assert counted_noun_end("5 very large ships", 1) is None


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("countries", True),
        ("people", True),
        ("news", True),
        ("bus", False),
        ("glass", False),
        ("analysis", False),
        ("various", False),
        ("aircraft", True),
        ("crew", False),
    ],
)
def test_is_plural_noun(word: str, plural: bool) -> None:
    assert is_plural_noun(word) is plural


def test_trie_pattern_matches_exactly_its_words() -> None:
    pattern = re.compile(rf"\b{trie_pattern(['ten', 'tenth', 'two', 'June'])}\b")
    assert pattern.findall("ten tenth two twos June Junes tent") == ["ten", "tenth", "two", "June"]
