"""An httpx transport with one small connection pool per host, behind one client.

httpcore's pool rescans every connection (with a readability syscall each) whenever a request
starts or ends, so one pool of 32 connections costs far more per request than sixteen pools of
up to 8. Sharding by host also enforces the per-host connection limit.
"""

from __future__ import annotations

import ssl
import urllib.request
from functools import cache

import httpx


class HostPools(httpx.AsyncBaseTransport):
    """Route each request to the pool of its scheme, host and port, created on first use."""

    def __init__(self, per_host: int) -> None:
        self._limits = httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host)
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request through its host's pool."""
        url = request.url
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            tls = verified_tls() if url.scheme == "https" else _unused_tls()
            proxy = proxy_for(url)
            pool = httpx.AsyncHTTPTransport(verify=tls, limits=self._limits, proxy=proxy)
            self._pools[key] = pool
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        """Close every pool's connections."""
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


def proxy_for(url: httpx.URL) -> str | None:
    """The proxy the environment (http_proxy, https_proxy, no_proxy) names for `url`.

    httpx reads these itself only for its own transport, so a custom one must ask.
    """
    proxy = urllib.request.getproxies().get(url.scheme)
    if proxy is None or urllib.request.proxy_bypass(url.host):
        return None
    return proxy


@cache
def verified_tls() -> ssl.SSLContext:
    """The TLS context every https pool shares; loading the CA bundle takes ~70 ms."""
    return httpx.create_ssl_context()


@cache
def _unused_tls() -> ssl.SSLContext:
    """A context for plain-http pools, which never use it: it trusts no CA, so it verifies
    nothing successfully, and costs nothing to build."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
