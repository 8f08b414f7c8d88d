"""Score the recogniser against a gold JSON Lines file: `python -m wirereader.analysis.evaluate`.

Exact-span precision, recall and F1, micro-averaged, typed and untyped, for names and figures
separately, as `eval/GUIDELINES.md` defines them; plus throughput in words per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wirereader.models import FIGURE_LABELS, NAME_LABELS, Label, Span

Triple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One annotated paragraph."""

    id: str
    text: str
    spans: tuple[Triple, ...]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and the derived precision, recall and F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """Every score the command prints."""

    per_label: dict[str, Score]
    names_typed: Score
    names_untyped: Score
    figures_typed: Score
    figures_untyped: Score


def load_gold(path: Path) -> list[GoldItem]:
    """Read a gold file, one JSON object per non-blank line."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            spans = tuple((int(s), int(e), str(label)) for s, e, label in raw["spans"])
            items.append(GoldItem(str(raw["id"]), raw["text"], spans))
    return items


def _count(
    gold: set[Triple] | set[tuple[int, int]], pred: set[Triple] | set[tuple[int, int]]
) -> Score:
    tp = len(gold & pred)
    return Score(tp, len(pred) - tp, len(gold) - tp)


def _add(scores: Iterable[Score]) -> Score:
    tp = fp = fn = 0
    for s in scores:
        tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
    return Score(tp, fp, fn)


def score(gold: Sequence[GoldItem], predicted: Sequence[Sequence[Triple]]) -> Report:
    """Compare predictions with gold, item by item, and micro-average."""
    per_label: dict[str, list[Score]] = {label.value: [] for label in Label}
    untyped: dict[str, list[Score]] = {"names": [], "figures": []}
    groups = {
        "names": {lab.value for lab in NAME_LABELS},
        "figures": {lab.value for lab in FIGURE_LABELS},
    }
    for item, pred in zip(gold, predicted, strict=True):
        gold_set, pred_set = set(item.spans), set(pred)
        for label, scores in per_label.items():
            scores.append(
                _count(
                    {t for t in gold_set if t[2] == label}, {t for t in pred_set if t[2] == label}
                )
            )
        for group, labels in groups.items():
            g = {(s, e) for s, e, lab in gold_set if lab in labels}
            p = {(s, e) for s, e, lab in pred_set if lab in labels}
            untyped[group].append(_count(g, p))
    totals = {label: _add(scores) for label, scores in per_label.items()}
    return Report(
        per_label=totals,
        names_typed=_add(totals[lab] for lab in groups["names"]),
        names_untyped=_add(untyped["names"]),
        figures_typed=_add(totals[lab] for lab in groups["figures"]),
        figures_untyped=_add(untyped["figures"]),
    )


def predict(texts: Sequence[str], annotate: Callable[[str], Sequence[Span]]) -> list[list[Triple]]:
    """Run the recogniser on each text independently, as an outside scorer would."""
    return [[(s.start, s.end, str(s.label)) for s in annotate(text)] for text in texts]


def words_per_second(
    texts: Sequence[str], annotate: Callable[[str], Sequence[Span]], min_seconds: float = 1.0
) -> float:
    """Median throughput over repeated passes lasting at least `min_seconds` in all."""
    words = sum(len(t.split()) for t in texts)
    rates: list[float] = []
    started = time.perf_counter()
    while len(rates) < 3 or time.perf_counter() - started < min_seconds:
        t0 = time.perf_counter()
        for text in texts:
            annotate(text)
        rates.append(words / max(time.perf_counter() - t0, 1e-9))
    rates.sort()
    return rates[len(rates) // 2]


def format_report(report: Report, wps: float | None) -> str:
    """Render the report as a plain-text table."""
    lines = [f"{'label':<10}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(name: str, s: Score) -> str:
        return (
            f"{name:<10}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )

    lines += [row(label, s) for label, s in report.per_label.items()]
    lines.append("")
    lines.append(row("names", report.names_typed) + "  typed")
    lines.append(row("names", report.names_untyped) + "  untyped")
    lines.append(row("figures", report.figures_typed) + "  typed")
    lines.append(row("figures", report.figures_untyped) + "  untyped")
    if wps is not None:
        lines.append(f"\nthroughput: {wps:,.0f} words/s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m wirereader.analysis.evaluate", description=__doc__
    )
    parser.add_argument("gold", type=Path, help="gold JSON Lines file")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    parser.add_argument("--errors", action="store_true", help="list every missed and spurious span")
    args = parser.parse_args(argv)
    from wirereader.analysis import annotate

    gold = load_gold(args.gold)
    texts = [item.text for item in gold]
    predicted = predict(texts, annotate)
    if args.errors:
        _print_errors(gold, predicted)
    wps = None if args.no_speed else words_per_second(texts, annotate)
    print(format_report(score(gold, predicted), wps))
    return 0


def _print_errors(gold: Sequence[GoldItem], predicted: Sequence[Sequence[Triple]]) -> None:
    for item, pred in zip(gold, predicted, strict=True):
        g, p = set(item.spans), set(pred)
        for s, e, lab in sorted(g - p):
            print(f"{item.id}\tMISSED  \t{lab}\t{item.text[s:e]!r}")
        for s, e, lab in sorted(p - g):
            print(f"{item.id}\tSPURIOUS\t{lab}\t{item.text[s:e]!r}")


if __name__ == "__main__":
    sys.exit(main())
