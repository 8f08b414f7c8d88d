"""Main-text extraction on our sample pages: the article body stays, the page around it goes."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from wirereader.content.extract import ExtractionError, extract_main, extractor_name
from wirereader.content.plain import plain_text

PAGES = Path(__file__).resolve().parent.parent / "pages"
GOLD = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("page", sorted(GOLD))
def test_the_article_body_is_kept(page: str) -> None:
    html = (PAGES / page).read_bytes()
    text = plain_text(extract_main(html, f"https://news.example/{page}").html)
    flat = " ".join(text.split())
    for paragraph in GOLD[page]["body"]:
        assert " ".join(paragraph.split()) in flat


@pytest.mark.parametrize("page", sorted(GOLD))
def test_navigation_ads_and_comments_are_dropped(page: str) -> None:
    html = (PAGES / page).read_bytes()
    flat = " ".join(plain_text(extract_main(html, "https://news.example/").html).split())
    leaked = [phrase for phrase in GOLD[page]["boilerplate"] if phrase in flat]
    assert leaked == []
    body = words(" ".join(GOLD[page]["body"]))
    extra = words(flat) - body
    # captions, standfirsts and tables may come along; menus, ads and comments may not
    assert sum(extra.values()) < 0.25 * sum(body.values())


def test_the_extraction_keeps_structure_and_absolute_image_addresses() -> None:
    html = (PAGES / "harbour-article.html").read_bytes()
    out = extract_main(html, "https://news.example/local/harbour.html").html
    assert "<h2>What the plan includes</h2>" in out
    assert out.count("<li>") == 3 and "<blockquote>" in out
    assert 'src="https://news.example/images/seawall.jpg"' in out


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"<html><body></body></html>",
        b"<html><body><nav><a href='/'>Home</a></nav><img src='x.png'></body></html>",
        b"\x00\xff\xfe" * 200,
    ],
)
def test_a_page_without_article_text_is_an_error(page: bytes) -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract_main(page, "https://news.example/")


def test_the_extractor_is_named_with_its_version() -> None:
    name, version = extractor_name().split(" ")
    assert name == "trafilatura" and version[0].isdigit()
