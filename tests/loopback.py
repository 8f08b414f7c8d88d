"""A programmable loopback HTTP server for fetch tests: routes, validators, delays, drips, gzip.

Usage::

    with LoopbackServer() as server:
        server.route("/feed.xml", body=b"<rss .../>", etag='"v1"')
        url = server.url("/feed.xml")
        ...
        assert server.requests[-1].status == 304

It binds 127.0.0.1 on a free port and serves from threads, so it works from sync and async
tests alike. Stopping it releases handlers that hang or drip, so no test waits for them.
"""

from __future__ import annotations

import gzip
import itertools
import ssl
import sys
import threading
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Route:
    """How the server answers one path.

    With `etag` or `last_modified` set it answers a matching conditional GET with 304, as a
    well-behaved feed server does. `delay` waits before answering, `hang` never answers,
    `drip` sends the body one byte per `drip` seconds, `gzip` compresses when accepted.
    `stream` sends that many bytes of filler after the body, made as they are sent (so a
    gigabyte costs no memory), with no Content-Length: the body ends when the server closes.
    """

    status: int = 200
    body: bytes = b""
    content_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    hang: bool = False
    drip: float | None = None
    gzip: bool = False
    stream: int = 0


@dataclass(frozen=True)
class Seen:
    """One request the server received, with its headers (lower-case names) and our answer."""

    path: str
    headers: dict[str, str]
    status: int


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer carrying the routes, the request log and the stop signal."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak_in_flight = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up or fails the TLS handshake, as tests make them."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Answers from the server's routes; 404 for unknown paths."""

    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        route = self.server.routes.get(self.path, Route(status=404, body=b"not here"))
        status = 304 if self._not_modified(route) else route.status
        server = self.server
        with server.lock:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append(Seen(self.path, headers, status))
            server.in_flight += 1
            server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
        try:
            self._serve(route, status)
        finally:
            with server.lock:
                server.in_flight -= 1

    def _serve(self, route: Route, status: int) -> None:
        """Wait as the route asks, then answer."""
        if route.hang:
            self.server.stopping.wait()
            return
        if route.delay and self.server.stopping.wait(route.delay):
            return
        self._answer(route, status)

    def _not_modified(self, route: Route) -> bool:
        """True when the request's validators match the route's."""
        etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if route.etag is not None and etag is not None:
            return etag == route.etag
        return route.last_modified is not None and since == route.last_modified

    def _answer(self, route: Route, status: int) -> None:
        """Send the status, headers and (unless 304) the body, dripped or streamed if asked."""
        if route.stream:
            self._stream(route, status)
            return
        body = b"" if status == 304 else route.body
        zipped = route.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified)):
            if value is not None:
                self.send_header(name, value)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if route.drip is None:
            self.wfile.write(body)
            return
        for index in range(len(body)):
            if self.server.stopping.wait(route.drip):
                return
            self.wfile.write(body[index : index + 1])
            self.wfile.flush()

    def _stream(self, route: Route, status: int) -> None:
        """Send the body and `route.stream` filler bytes, compressed on the fly if asked."""
        zipped = route.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
        self.send_response(status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Connection", "close")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.close_connection = True
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31) if zipped else None
        filler = b" " * 65536
        chunks = itertools.chain([route.body], itertools.repeat(filler, route.stream // 65536))
        try:
            for chunk in chunks:
                if self.server.stopping.is_set():
                    return
                if compressor:  # flushed per chunk, so the bomb goes out as it is made
                    chunk = compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
                self.wfile.write(chunk)
            if compressor:
                self.wfile.write(compressor.flush())
        except OSError:
            return  # the client stopped reading, as it should

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        """Keep test output quiet."""


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 whose answers each test programs with `route`."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        """`tls`: serve https with this server context (its certificate) instead of http."""
        self._server = _Server()
        self._scheme = "https" if tls else "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def route(self, path: str, **answer: Any) -> Route:
        """Program the answer for `path` (see Route for the options) and return it."""
        route = Route(**answer)
        self._server.routes[path] = route
        return route

    def url(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}{path}"

    @property
    def requests(self) -> list[Seen]:
        """Every request received so far, oldest first."""
        with self._server.lock:
            return list(self._server.requests)

    @property
    def peak_in_flight(self) -> int:
        """The most requests the server was answering at the same time."""
        with self._server.lock:
            return self._server.peak_in_flight

    def hits(self, path: str) -> int:
        """How many requests asked for `path`."""
        return sum(1 for seen in self.requests if seen.path == path)
