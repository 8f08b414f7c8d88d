"""Compare main-text extractors on our sample article pages (tests/pages, gold.json).

Run: python bench/bench_extract.py [--repeat N]

For each page and extractor it prints the token-level precision and recall of the extracted
text against the page's gold body paragraphs, how many of the page's boilerplate phrases
(navigation, ads, cookie banners, comments, related links) leaked into the extraction, and
the median time per page. Each extractor is then imported and run once more in a fresh
process to measure its import time and peak memory (RSS above a bare interpreter, Linux).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "tests" / "pages"
WORD = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


def trafilatura_default(html: str, url: str) -> str:
    """trafilatura as wirereader calls it (content.extract)."""
    from wirereader.content.extract import extract_main

    return extract_main(html, url).html


def trafilatura_plain(html: str, url: str) -> str:
    """trafilatura with its defaults (no links, no favor_precision), images and tables kept."""
    import trafilatura

    return (
        trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_comments=False,
            include_images=True,
            include_tables=True,
        )
        or ""
    )


def readability_lxml(html: str, url: str) -> str:
    """readability-lxml's summary of the page as an HTML fragment."""
    from readability import Document

    return str(Document(html, url=url).summary(html_partial=True))


EXTRACTORS: dict[str, tuple[str, Extractor]] = {
    "trafilatura": ("trafilatura", trafilatura_default),
    "trafilatura-defaults": ("trafilatura", trafilatura_plain),
    "readability-lxml": ("readability", readability_lxml),
}


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, blanks collapsed."""
    import lxml.html

    if not html.strip():
        return ""
    return " ".join(lxml.html.fromstring(html).text_content().split())


def tokens(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def score(extracted: str, gold: list[str], boilerplate: list[str]) -> tuple[float, float, int]:
    """Token precision and recall of the extracted text, and boilerplate phrases leaked."""
    got, want = tokens(extracted), tokens(" ".join(gold))
    common = sum((got & want).values())
    precision = common / max(sum(got.values()), 1)
    recall = common / max(sum(want.values()), 1)
    flat = extracted.lower()
    leaked = sum(1 for phrase in boilerplate if " ".join(phrase.lower().split()) in flat)
    return precision, recall, leaked


def run_quality(repeat: int) -> None:
    gold = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    totals: dict[str, list[tuple[float, float, int, float]]] = {name: [] for name in EXTRACTORS}
    print(f"{'page':28} {'extractor':22} {'prec':>5} {'rec':>5} {'leak':>6} {'ms':>7}")
    for page, truth in gold.items():
        html = (PAGES / page).read_text(encoding="utf-8")
        url = f"https://news.example/{page}"
        for name, (_, extract) in EXTRACTORS.items():
            extract(html, url)  # warm caches (lazy imports, compiled patterns)
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                out = extract(html, url)
                times.append(time.perf_counter() - start)
            ms = statistics.median(times) * 1000
            p, r, leaked = score(text_of(out), truth["body"], truth["boilerplate"])
            totals[name].append((p, r, leaked, ms))
            print(
                f"{page:28} {name:22} {p:5.2f} {r:5.2f} "
                f"{leaked:>2}/{len(truth['boilerplate']):<3} {ms:7.1f}"
            )
    print()
    print(f"{'extractor':22} {'mean prec':>9} {'mean rec':>8} {'leaked':>6} {'median ms':>9}")
    for name, rows in totals.items():
        print(
            f"{name:22} {statistics.mean(r[0] for r in rows):9.3f} "
            f"{statistics.mean(r[1] for r in rows):8.3f} {sum(r[2] for r in rows):>6} "
            f"{statistics.median(r[3] for r in rows):9.1f}"
        )


def run_footprint() -> None:
    """Import time and peak RSS of each extractor, each in a fresh interpreter."""
    base = _child("none")
    print()
    header = f"{'extractor':22} {'import s':>8} {'peak RSS MB':>11}"
    print(f"{header} (bare interpreter: {base[1]:.0f} MB)")
    for name in EXTRACTORS:
        seconds, rss = _child(name)
        print(f"{name:22} {seconds:8.3f} {rss - base[1]:11.1f}")


def _child(name: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", name], check=True, capture_output=True, text=True
    ).stdout
    seconds, rss = out.split()
    return float(seconds), float(rss)


def child(name: str) -> None:
    """Import the extractor's module, run it on every page, print import seconds and RSS MB."""
    seconds = 0.0
    if name != "none":
        module, extract = EXTRACTORS[name]
        start = time.perf_counter()
        __import__(module)
        seconds = time.perf_counter() - start
        for page in sorted(PAGES.glob("*.html")):
            extract(page.read_text(encoding="utf-8"), "https://news.example/")
    print(f"{seconds:.4f} {_peak_rss_mb():.1f}")


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss survives exec from a big parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per page")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    run_quality(args.repeat)
    run_footprint()


if __name__ == "__main__":
    main()
