"""The name recogniser's shortcuts return exactly what full segmentation would."""

from __future__ import annotations

import pytest

from wirereader.analysis.gazetteer import lexicon
from wirereader.analysis.memory import NameMemory
from wirereader.analysis.names import _date_run
from wirereader.analysis.segment import segment, whole_name
from wirereader.analysis.tokens import RUN_RE, split_run

# (text, the run in it, where its one candidate starts in the run or None for "segment decides")
WHOLE = [
    ("said Artyom Lukin, a professor", "Artyom Lukin", 0),
    ("at Far Eastern Federal University in", "Far Eastern Federal University", 0),
    ("The Pakistan Cricket Board said", "The Pakistan Cricket Board", 4),
    ("The European Commission said", "The European Commission", None),  # nationality first
    ("Analysts said so.", "Analysts", None),  # sentence-initial dictionary word: maybe noise
    ("the view of Analysts today", "Analysts", 0),
    ("Russian President Vladimir Putin spoke", "Russian President Vladimir Putin", None),
    ("Chinese Academy of Social Sciences", "Chinese Academy of Social Sciences", None),
    ("between China and Russia", "China and Russia", None),
    ("Beijing’s foreign policy", "Beijing’s", None),
    ("EU sanctions", "EU", None),
    ("Mayor Colleen MacIsaac urged", "Mayor Colleen MacIsaac", None),
    ("with Sun Yingsha and", "Sun Yingsha", None),
]


def _run(text: str, surface: str) -> tuple[str, int]:
    for m in RUN_RE.finditer(text):
        if m.group() == surface:
            return m.group(), m.start()
    raise AssertionError(f"no run {surface!r} in {text!r}")


@pytest.mark.parametrize(("text", "surface", "skip"), WHOLE, ids=[c[1] for c in WHOLE])
def test_whole_name_agrees_with_segment(text: str, surface: str, skip: int | None) -> None:
    run, start = _run(text, surface)
    assert whole_name(text, run, start) == skip
    if skip is not None:
        found = segment(text, split_run(run, start), lexicon(), NameMemory())
        assert [(c.start, c.end, c.cue, c.label) for c in found] == [
            (start + skip, start + len(run), None, None)
        ]


@pytest.mark.parametrize(
    ("run", "is_date"),
    [("Apr 19", True), ("March 2025", True), ("May Day", False), ("March", False)],
)
def test_date_runs_are_skipped_and_segment_finds_nothing_in_them(run: str, is_date: bool) -> None:
    assert _date_run(run) is is_date
    if is_date:
        assert segment(f"on {run} it", split_run(run, 3), lexicon(), NameMemory()) == []


def test_shortcuts_agree_with_segment_over_the_gazetteer() -> None:
    """Every listed name, in three contexts, comes out of the shortcut as segment cuts it."""
    lex = lexicon()
    checked = 0
    for name in sorted(lex.exact)[::5]:
        for text in (f"{name} said.", f"talks in {name} today", f"The {name} rose"):
            for m in RUN_RE.finditer(text):
                skip = whole_name(text, m.group(), m.start())
                if skip is None:
                    continue
                found = segment(text, split_run(m.group(), m.start()), lex, NameMemory())
                assert [(c.start, c.end) for c in found] == [(m.start() + skip, m.end())], text
                checked += 1
    assert checked > 1000
