"""Search: the query syntax (pure parsing) and the spans of a text its words match."""

from wirereader.search.highlight import match_ranges
from wirereader.search.query import QueryError, parse_query

__all__ = ["QueryError", "match_ranges", "parse_query"]
