"""Article bodies as safe text: HTML to document blocks, and cleaning of untrusted text."""

from wirereader.content.blocks import Document
from wirereader.content.html import html_to_document
from wirereader.content.sanitize import clean_line, clean_text

__all__ = ["Document", "clean_line", "clean_text", "html_to_document"]
