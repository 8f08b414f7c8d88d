"""A loopback HTTP/1.1 feed server in its own process, with ETag/Last-Modified and 304s.

It serves pre-generated feed bytes from memory on several loopback addresses (127.0.0.1,
127.0.0.2, ...) so that a client's per-host connection limit meets a realistic spread of hosts,
and counts requests, 200s and 304s in shared memory so the benchmark can prove the
conditional-GET path. Running in a separate process keeps it off the measured client's GIL.
"""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing as mp
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.sharedctypes import SynchronizedArray
from multiprocessing.synchronize import Event

from feedgen import generate_feeds

LAST_MODIFIED_EPOCH = 1_717_243_200  # 2024-06-01 12:00 UTC, when every feed "last changed"
COUNTERS = ("requests", "ok", "not_modified", "other", "bytes", "connections")


@dataclass(frozen=True, slots=True)
class Document:
    """One feed as served: its bytes, validators and media type."""

    body: bytes
    gzipped: bytes | None
    etag: str
    media_type: str


def prepare(feeds: int, items: int, seed: int, with_gzip: bool) -> list[Document]:
    """Generate the feeds and their validators once, before the server accepts anything."""
    documents = []
    for body in generate_feeds(feeds, items, seed):
        is_atom = b"<feed xmlns" in body[:200]
        documents.append(
            Document(
                body=body,
                gzipped=gzip.compress(body, compresslevel=6, mtime=0) if with_gzip else None,
                etag='"' + hashlib.sha1(body).hexdigest()[:20] + '"',
                media_type="application/atom+xml" if is_atom else "application/rss+xml",
            )
        )
    return documents


def is_fresh(headers: object, etag: str) -> bool:
    """RFC 9110 order: If-None-Match decides when present, else If-Modified-Since."""
    get = headers.get  # type: ignore[attr-defined]
    tags = get("If-None-Match")
    if tags is not None:
        return any(tag.strip() in (etag, "*", "W/" + etag) for tag in tags.split(","))
    since = get("If-Modified-Since")
    if since is None:
        return False
    try:
        return parsedate_to_datetime(since).timestamp() >= LAST_MODIFIED_EPOCH
    except (TypeError, ValueError):
        return False


def make_handler(
    documents: Sequence[Document], counters: SynchronizedArray[int]
) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to the documents and shared counters."""
    last_modified = formatdate(LAST_MODIFIED_EPOCH, usegmt=True)

    def count(index: int, amount: int = 1) -> None:
        with counters.get_lock():
            counters[index] += amount

    class FeedHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def setup(self) -> None:
            super().setup()
            count(COUNTERS.index("connections"))

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Silence the per-request log line."""

        def do_GET(self) -> None:
            count(COUNTERS.index("requests"))
            document = self._document()
            if document is None:
                count(COUNTERS.index("other"))
                self._reply(b"404 Not Found", [], b"not found\n")
                return
            validators = [("ETag", document.etag), ("Last-Modified", last_modified)]
            if is_fresh(self.headers, document.etag):
                count(COUNTERS.index("not_modified"))
                self._reply(b"304 Not Modified", validators, b"")
                return
            body, extra = document.body, [("Content-Type", document.media_type)]
            accepts = self.headers.get("Accept-Encoding", "")
            if document.gzipped is not None and "gzip" in accepts:
                body = document.gzipped
                extra.append(("Content-Encoding", "gzip"))
            count(COUNTERS.index("ok"))
            count(COUNTERS.index("bytes"), len(body))
            self._reply(b"200 OK", validators + extra + [("Vary", "Accept-Encoding")], body)

        def _document(self) -> Document | None:
            name = self.path.split("?", 1)[0]
            if not (name.startswith("/feeds/") and name.endswith(".xml")):
                return None
            number = name[len("/feeds/") : -len(".xml")]
            if not number.isdigit() or int(number) >= len(documents):
                return None
            return documents[int(number)]

        def _reply(self, status: bytes, headers: list[tuple[str, str]], body: bytes) -> None:
            """Write status, headers and body in one send, so keep-alive never waits on Nagle."""
            lines = [b"HTTP/1.1 " + status]
            lines += [f"{name}: {value}".encode("latin-1") for name, value in headers]
            if status[:3] != b"304":
                lines.append(f"Content-Length: {len(body)}".encode())
            self.wfile.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)

    return FeedHandler


class DeepQueueServer(ThreadingHTTPServer):
    """A thread-per-connection server with a listen backlog deep enough for any burst."""

    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True


def serve(
    feeds: int,
    items: int,
    seed: int,
    hosts: int,
    with_gzip: bool,
    port_out: SynchronizedArray[int],
    counters: SynchronizedArray[int],
    ready: Event,
) -> None:
    """Process entry point: generate the feeds, listen on `hosts` loopback addresses, serve."""
    handler = make_handler(prepare(feeds, items, seed, with_gzip), counters)
    first = DeepQueueServer(("127.0.0.1", 0), handler)
    port = first.server_address[1]
    servers = [first] + [
        DeepQueueServer((f"127.0.0.{n}", port), handler) for n in range(2, hosts + 1)
    ]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    port_out[0] = port
    ready.set()
    threading.Event().wait()


class LoopbackFeedServer:
    """Starts the server process and exposes its feed URLs and request counters."""

    def __init__(
        self, feeds: int, items: int, *, seed: int = 4, hosts: int = 16, with_gzip: bool = False
    ) -> None:
        self.feeds, self.hosts = feeds, hosts
        context = mp.get_context("fork")
        self._port = context.Array("q", 1)
        self._counters = context.Array("q", len(COUNTERS))
        self._ready = context.Event()
        self._process = context.Process(
            target=serve,
            args=(feeds, items, seed, hosts, with_gzip, self._port, self._counters, self._ready),
            daemon=True,
        )

    def start(self, timeout: float = 300.0) -> None:
        """Start the process and wait until every address is listening."""
        self._process.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise RuntimeError("the loopback feed server did not start")

    def stop(self) -> None:
        """Terminate the server process."""
        self._process.terminate()
        self._process.join(5)

    def urls(self) -> list[str]:
        """The feed URLs, spread round-robin over the loopback addresses."""
        port = self._port[0]
        return [
            f"http://127.0.0.{n % self.hosts + 1}:{port}/feeds/{n}.xml" for n in range(self.feeds)
        ]

    def counts(self) -> dict[str, int]:
        """A snapshot of the counters."""
        with self._counters.get_lock():
            return dict(zip(COUNTERS, self._counters[:], strict=True))

    def reset(self) -> None:
        """Zero the counters before a measured run."""
        with self._counters.get_lock():
            for index in range(len(COUNTERS)):
                self._counters[index] = 0


def probe(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], int]:
    """GET `url` with urllib (for the self-check); return status, headers and body length."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), 0
