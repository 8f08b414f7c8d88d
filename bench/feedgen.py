"""Seeded generator of plausible news feeds (RSS 2.0 and Atom) written from our own word lists.

Every article is built from invented names, places, companies and figures, so the benchmark
feeds look like real news to a parser (entities, numbers, HTML paragraphs, 5-8 KB per item)
without containing any copied text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    """Split a compact word list; keeps the lists below readable on a few lines each."""
    return tuple(text.split(sep))


GIVEN = _words(
    "Amara Bruno Celine Dmitri Elena Farid Greta Hiroshi Ines Jonas Kavya Lukas Mireille Nadia "
    "Oskar Priya Quentin Rosa Stefan Tamsin Umar Valeria Wendell Ximena Yusuf Zofia"
)
FAMILY = _words(
    "Achterberg Balogun Castellanos Delacroix Eriksen Fontaine Gallagher Haddad Iwasaki Jankowski "
    "Kowalczyk Lindqvist Moreau Nakamura Okonkwo Petrakis Quiroga Rasmussen Sorensen Takahashi "
    "Underhill Varga Whitcombe Yilmaz Zielinski"
)
PLACES = _words(
    "Lisbon Rotterdam Nairobi Osaka Valparaiso Tallinn Montreal Brisbane Krakow Accra Hanoi "
    "Seville Dundee Bergen Curitiba Tbilisi"
)
COMPANIES = _words(
    "Northwind Logistics|Helix Biomedical|Corvid Analytics|Bramble Energy|Quayside Holdings|"
    "Tessellate Semiconductors|Larkspur Foods|Meridian Rail|Ostrava Steelworks|Pinecrest Bank",
    "|",
)
BODIES = _words(
    "the city council|the port authority|the central bank|the transport ministry|"
    "the regional parliament|the national statistics office|the health regulator",
    "|",
)
TOPICS = _words(
    "budget|rail expansion|interest rates|water supply|housing plan|export figures|"
    "vaccine rollout|wage agreement|flood defences|broadband tender",
    "|",
)
VERBS = _words("announced confirmed warned estimated reported argued revealed predicted")
UNITS = ("million euros", "billion dollars", "per cent", "kilometres", "tonnes", "jobs")
SECTIONS = ("World", "Business", "Science", "Local", "Technology", "Culture")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _figure(rng: random.Random) -> str:
    return f"{rng.randint(2, 980)}.{rng.randint(0, 9)} {rng.choice(UNITS)}"


def _sentence(rng: random.Random) -> str:
    """One sentence mixing a person, an organisation, a place and a figure."""
    patterns = (
        "{p}, a spokesperson for {c}, {v} that the {t} in {pl} would cost {f} over two years.",
        "According to {b}, the {t} has already drawn {f} from investors in {pl}.",
        "In {pl}, {p} {v} that {c} expects a rise of {f} before the end of {y}.",
        "Critics led by {p} {v} that {b} had underestimated the {t} by {f}.",
        "{c} shares moved {n} per cent on {d} after {p} {v} new details of the {t}.",
        "The {t} was first proposed in {y} by {p}, then a junior official at {b}.",
        "Officials in {pl} said {f} had been set aside, a figure {p} called too modest.",
    )
    return rng.choice(patterns).format(
        p=_person(rng),
        c=rng.choice(COMPANIES),
        b=rng.choice(BODIES),
        pl=rng.choice(PLACES),
        t=rng.choice(TOPICS),
        v=rng.choice(VERBS),
        f=_figure(rng),
        n=rng.randint(1, 19),
        y=rng.randint(1998, 2024),
        d=rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
    )


def _paragraph(rng: random.Random) -> str:
    sentences = " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))
    return f"<p>{escape(sentences)}</p>"


@dataclass(frozen=True, slots=True)
class Item:
    """One generated article."""

    guid: str
    title: str
    link: str
    published: datetime
    author: str
    html: str


class ArticleWriter:
    """Writes articles from a pool of generated paragraphs, so 25,000 items take seconds."""

    def __init__(self, seed: int, pool_size: int = 3000) -> None:
        self.rng = random.Random(seed)
        self.pool = [_paragraph(self.rng) for _ in range(pool_size)]

    def item(self, base_url: str, feed_no: int, item_no: int, when: datetime) -> Item:
        """An article of 5-8 KB of HTML: a unique lead paragraph, pooled paragraphs, a quote."""
        rng = self.rng
        person, place = _person(rng), rng.choice(PLACES)
        title = f"{person} on the {rng.choice(TOPICS)} in {place}: {_figure(rng)} at stake"
        target = rng.randint(5000, 8000)
        parts = [_paragraph(rng), f"<h2>{escape(rng.choice(SECTIONS))} desk</h2>"]
        size = sum(map(len, parts))
        while size < target:
            chunk = rng.choice(self.pool)
            parts.append(chunk)
            size += len(chunk)
        parts.insert(3, f"<blockquote><p>{escape(_sentence(rng))}</p></blockquote>")
        return Item(
            guid=f"{base_url}/article/{feed_no}-{item_no}",
            title=title,
            link=f"{base_url}/article/{feed_no}-{item_no}.html",
            published=when,
            author=person,
            html="\n".join(parts),
        )


def rss_document(title: str, link: str, items: list[Item]) -> str:
    """An RSS 2.0 channel with escaped HTML descriptions."""
    entries = "".join(
        "<item>"
        f"<title>{escape(item.title)}</title>"
        f"<link>{escape(item.link)}</link>"
        f'<guid isPermaLink="false">{escape(item.guid)}</guid>'
        f"<pubDate>{format_datetime(item.published)}</pubDate>"
        f"<author>{escape(item.author.lower().replace(' ', '.'))}@example.org "
        f"({escape(item.author)})</author>"
        f"<description>{escape(item.html)}</description>"
        "</item>\n"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>Generated benchmark feed</description><language>en</language>\n"
        f"{entries}</channel></rss>\n"
    )


def atom_document(title: str, link: str, items: list[Item]) -> str:
    """An Atom 1.0 feed with HTML content."""
    updated = max(item.published for item in items).isoformat()
    entries = "".join(
        "<entry>"
        f"<title>{escape(item.title)}</title>"
        f'<link href="{escape(item.link)}"/>'
        f"<id>{escape(item.guid)}</id>"
        f"<updated>{item.published.isoformat()}</updated>"
        f"<author><name>{escape(item.author)}</name></author>"
        f'<content type="html">{escape(item.html)}</content>'
        "</entry>\n"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{escape(title)}</title><link href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>{updated}</updated>\n{entries}</feed>\n"
    )


def generate_feeds(feeds: int, items: int, seed: int = 4) -> list[bytes]:
    """`feeds` documents of `items` articles each; every fifth feed is Atom, the rest RSS 2.0."""
    writer = ArticleWriter(seed)
    start = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    documents = []
    for feed_no in range(feeds):
        base = f"https://news{feed_no}.example"
        articles = [
            writer.item(base, feed_no, n, start - timedelta(minutes=37 * n + feed_no))
            for n in range(items)
        ]
        title = f"{section_name(feed_no)} Wire {feed_no}"
        build = atom_document if feed_no % 5 == 4 else rss_document
        documents.append(build(title, base, articles).encode("utf-8"))
    return documents


def section_name(feed_no: int) -> str:
    """A stable section name for a feed's title."""
    return SECTIONS[feed_no % len(SECTIONS)]
