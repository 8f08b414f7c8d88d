"""An article body as plain text, for the search index."""

from __future__ import annotations

from wirereader.content.blocks import document_inlines
from wirereader.content.html import html_to_document


def plain_text(html: str) -> str:
    """The readable text of untrusted HTML, one line per inline text (what the reader shows)."""
    return "\n".join(inline.text for inline in document_inlines(html_to_document(html)))
