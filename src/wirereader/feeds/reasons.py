"""Short user-facing reasons for failed fetches, and the Retry-After header read as a time."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

# A hostile or broken server must not silence a feed for ever.
MAX_BACK_OFF = timedelta(days=7)
_DNS_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
)


def http_status(code: int) -> str:
    """ "HTTP 404 Not Found": the code with its standard phrase, never the server's own text."""
    phrase = httpx.codes.get_reason_phrase(code)
    return f"HTTP {code} {phrase}" if phrase else f"HTTP {code}"


def network_reason(
    exc: httpx.HTTPError | httpx.InvalidURL, connect_timeout: float, read_timeout: float
) -> str:
    """A short reason for an httpx failure, e.g. "connection refused" or "DNS lookup failed"."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out after {connect_timeout:g} s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"no data received for {read_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return _connect_reason(exc)
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server broke off the response"
    if isinstance(exc, httpx.DecodingError):
        return "the compressed response could not be decoded"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "not a valid http(s) address"
    return str(exc) or type(exc).__name__


def _connect_reason(exc: httpx.ConnectError) -> str:
    """Name the usual causes of a failed connection, found along the exception chain."""
    causes = list(_chain(exc))
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "connection refused"
    text = " ".join(str(cause) for cause in causes).lower()
    if any(isinstance(cause, socket.gaierror) for cause in causes) or any(
        hint in text for hint in _DNS_HINTS
    ):
        return "DNS lookup failed"
    if any(isinstance(cause, ssl.SSLError) for cause in causes):
        return f"TLS error: {causes[-1]}"
    return f"cannot connect: {causes[-1]}" if str(causes[-1]) else "cannot connect"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and every exception it was raised from or while handling."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def retry_after(value: str | None, now: datetime) -> datetime | None:
    """The time a Retry-After header (seconds or an HTTP date) names, capped; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        when = now + timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    return min(max(when, now), now + MAX_BACK_OFF)
