"""The gold scorer: exact-span P/R/F1 checked against counts worked out by hand."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from wirereader.analysis import evaluate
from wirereader.analysis.evaluate import GoldItem, Score, Triple, load_gold, score
from wirereader.models import Label, Span

# "Alice paid $5 in June." and "Bob saw 3 ships." with their gold spans.
TEXT_A = "Alice paid $5 in June."
TEXT_B = "Bob saw 3 ships."
GOLD_A: list[Triple] = [(0, 5, "PERSON"), (11, 13, "MONEY"), (17, 21, "DATE")]
GOLD_B: list[Triple] = [(0, 3, "PERSON"), (8, 15, "QUANTITY")]
# Predictions: right PERSON and DATE; $5 with the wrong label; Bob as ORG; "3" cut short;
# a spurious PLACE "saw".
PRED_A: list[Triple] = [(0, 5, "PERSON"), (11, 13, "PERCENT"), (17, 21, "DATE")]
PRED_B: list[Triple] = [(0, 3, "ORG"), (4, 7, "PLACE"), (8, 9, "QUANTITY")]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """The two paragraphs as a gold file, with a blank line the loader must skip."""
    rows = [
        {"id": "a", "text": TEXT_A, "spans": [list(t) for t in GOLD_A]},
        {"id": "b", "text": TEXT_B, "spans": [list(t) for t in GOLD_B]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join([json.dumps(rows[0]), "", json.dumps(rows[1])]) + "\n", "utf-8")
    return path


def counts(s: Score) -> tuple[int, int, int]:
    return (s.tp, s.fp, s.fn)


def test_load_gold_reads_items_and_skips_blank_lines(gold_file: Path) -> None:
    items = load_gold(gold_file)
    assert [i.id for i in items] == ["a", "b"]
    assert items[0] == GoldItem("a", TEXT_A, tuple(GOLD_A))


def test_per_label_counts(gold_file: Path) -> None:
    report = score(load_gold(gold_file), [PRED_A, PRED_B])
    got = {label: counts(s) for label, s in report.per_label.items()}
    assert got == {
        "PERSON": (1, 0, 1),
        "ORG": (0, 1, 0),
        "PLACE": (0, 1, 0),
        "MISC": (0, 0, 0),
        "MONEY": (0, 0, 1),
        "PERCENT": (0, 1, 0),
        "DATE": (1, 0, 0),
        "QUANTITY": (0, 1, 1),
    }
    person = report.per_label["PERSON"]
    assert (person.precision, person.recall) == (1.0, 0.5)
    assert person.f1 == pytest.approx(2 / 3)


def test_group_scores_typed_and_untyped(gold_file: Path) -> None:
    report = score(load_gold(gold_file), [PRED_A, PRED_B])
    # Names typed: only Alice is right; Bob (ORG) and "saw" are spurious, Bob (PERSON) missed.
    assert counts(report.names_typed) == (1, 2, 1)
    assert report.names_typed.f1 == pytest.approx(0.4)
    # Untyped, Bob's boundaries match: only "saw" is wrong.
    assert counts(report.names_untyped) == (2, 1, 0)
    assert report.names_untyped.f1 == pytest.approx(0.8)
    # Figures typed: only June is right.
    assert counts(report.figures_typed) == (1, 2, 2)
    assert report.figures_typed.f1 == pytest.approx(1 / 3)
    # Untyped, "$5" counts (boundary-only match); "3" for "3 ships" still does not.
    assert counts(report.figures_untyped) == (2, 1, 1)
    assert report.figures_untyped.precision == pytest.approx(2 / 3)
    assert report.figures_untyped.recall == pytest.approx(2 / 3)


def test_boundary_only_match_counts_untyped_but_not_typed() -> None:
    gold = [GoldItem("x", "in 2014", ((3, 7, "DATE"),))]
    report = score(gold, [[(3, 7, "QUANTITY")]])
    assert counts(report.figures_untyped) == (1, 0, 0)
    assert counts(report.figures_typed) == (0, 1, 1)
    assert report.figures_typed.f1 == 0.0


def test_empty_predictions_score_zero_without_dividing_by_zero(gold_file: Path) -> None:
    report = score(load_gold(gold_file), [[], []])
    assert counts(report.names_typed) == (0, 0, 2)
    assert counts(report.figures_untyped) == (0, 0, 3)
    s = report.figures_typed
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_predictions_must_pair_with_gold(gold_file: Path) -> None:
    with pytest.raises(ValueError):
        score(load_gold(gold_file), [PRED_A])


def fake_annotate(text: str) -> Sequence[Span]:
    """Return the hand-made predictions for the two gold texts."""
    triples = {TEXT_A: PRED_A, TEXT_B: PRED_B}[text]
    return [Span(s, e, Label(lab)) for s, e, lab in triples]


def test_cli_prints_the_hand_computed_table(
    gold_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("wirereader.analysis.annotate", fake_annotate)
    assert evaluate.main([str(gold_file), "--no-speed"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "label           P      R     F1    tp    fp    fn"
    assert "PERSON      1.000  0.500  0.667     1     0     1" in lines
    assert "DATE        1.000  1.000  1.000     1     0     0" in lines
    assert "QUANTITY    0.000  0.000  0.000     0     1     1" in lines
    assert "names       0.333  0.500  0.400     1     2     1  typed" in lines
    assert "names       0.667  1.000  0.800     2     1     0  untyped" in lines
    assert "figures     0.333  0.333  0.333     1     2     2  typed" in lines
    assert "figures     0.667  0.667  0.667     2     1     1  untyped" in lines
    assert not any("throughput" in line for line in lines)


def test_cli_errors_lists_missed_and_spurious_spans(
    gold_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("wirereader.analysis.annotate", fake_annotate)
    evaluate.main([str(gold_file), "--no-speed", "--errors"])
    out = capsys.readouterr().out.splitlines()
    assert "a\tMISSED  \tMONEY\t'$5'" in out
    assert "a\tSPURIOUS\tPERCENT\t'$5'" in out
    assert "b\tSPURIOUS\tPLACE\t'saw'" in out
    assert "b\tMISSED  \tQUANTITY\t'3 ships'" in out


def test_words_per_second_is_positive() -> None:
    assert evaluate.words_per_second(["one two three"], fake_annotate_empty, min_seconds=0) > 0


def fake_annotate_empty(text: str) -> Sequence[Span]:
    """An annotator that finds nothing, for timing only."""
    return []
