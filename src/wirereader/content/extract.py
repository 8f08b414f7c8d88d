"""A web page's main text (the article body without navigation, ads or comments), as HTML.

trafilatura does the work: on our sample pages (bench/bench_extract.py) it kept the same body
text as readability-lxml but leaked none of the ads and promotions that readability kept from a
body split by advertisements. Its output is untrusted HTML, like any feed's, and goes through
content.html like one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from wirereader.content.plain import plain_text

# Fewer words than a short sentence is a menu or a button that was left over, not an article.
MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Extracted:
    """The main text of a page and the extractor (name and version) that found it."""

    html: str
    extractor: str


class ExtractionError(Exception):
    """No article text could be found on a page; str(exc) is a short user-facing reason."""


def extract_main(page: bytes | str, url: str | None = None) -> Extracted:
    """The article body of `page` as HTML, with headings, lists, quotes, tables and images.

    `url` resolves relative links and image addresses. Raises ExtractionError when the page
    holds no article text.
    """
    # Imported on first use: trafilatura and its dependencies take ~0.25 s to load.
    import trafilatura

    try:
        html = trafilatura.extract(
            page,
            url=url,
            output_format="html",
            include_comments=False,
            include_images=True,
            include_tables=True,
            include_links=True,
            # links let inline promotions ("Read more: ...") through; precision drops them
            favor_precision=True,
        )
    except (ValueError, TypeError, LookupError) as exc:  # undecodable or malformed input
        raise ExtractionError(f"the page could not be read: {exc}") from exc
    if not html or len(plain_text(html).split()) < MIN_WORDS:
        raise ExtractionError("no article text found on the page")
    return Extracted(html, extractor_name())


@cache
def extractor_name() -> str:
    """ "trafilatura 2.3.1": stored with each full text, so a better version can redo old ones."""
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"
