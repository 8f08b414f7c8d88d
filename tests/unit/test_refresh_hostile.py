"""One refresh against every kind of hostile server: each bad feed gets its own clear error,
the good ones are stored, and nothing hangs or eats memory."""

from __future__ import annotations

import json
import resource
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.unit.test_fetch import rss
from tests.unit.test_guard import quadratic
from wirereader.feeds.refresh import refresh_feeds
from wirereader.feeds.settings import FetchSettings
from wirereader.models import ArticleFilter
from wirereader.storage import Storage

GIGABYTE = 1024**3
SETTINGS = FetchSettings(connect_timeout=2, read_timeout=5, deadline=1.5, max_bytes=1024 * 1024)
JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Json",
        "items": [{"id": "j", "content_text": "Hello"}],
    }
).encode()
HTML_PAGE = b"<!doctype html><html><head><title>Shop</title></head><body>Buy</body></html>"

# path: (how the server answers, the error the feed must end with; None: stored)
CASES: dict[str, tuple[dict[str, object], str | None]] = {
    "/never": ({"hang": True}, "timed out after 1.5 s"),
    "/drip": ({"body": rss("Slow", "a"), "drip": 1.0}, "timed out after 1.5 s"),
    "/gigabyte": ({"stream": GIGABYTE}, "response larger than 1 MB"),
    "/gzip-bomb": ({"stream": GIGABYTE, "gzip": True}, "response larger than 1 MB"),
    "/loop": ({"status": 302, "headers": {"Location": "/loop"}}, "more than 5 redirects"),
    "/to-file": (
        {"status": 301, "headers": {"Location": "file:///etc/passwd"}},
        "redirected to a non-web address",
    ),
    "/to-ftp": (
        {"status": 302, "headers": {"Location": "ftp://127.0.0.1/feed.xml"}},
        "redirected to a non-web address",
    ),
    "/to-js": (
        {"status": 302, "headers": {"Location": "javascript:alert(1)"}},
        "redirected to an invalid address",
    ),
    "/html": ({"body": HTML_PAGE, "content_type": "text/html"}, "not a feed: "),
    "/empty": ({"body": b""}, "empty document"),
    "/entity-bomb": ({"body": quadratic()}, "feed too expensive to parse: "),
    "/wrong-type": ({"body": rss("Png", "p"), "content_type": "image/png"}, None),
    "/json-as-html": ({"body": JSON_FEED, "content_type": "text/html"}, None),
    "/good": ({"body": rss("Good", "a", "b")}, None),
}


def self_signed_tls(tmp_path: Path) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        _write_with_cryptography(cert, key)
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither the cryptography package nor the openssl command is available")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def _write_with_cryptography(cert_path: Path, key_path: Path) -> None:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    with LoopbackServer() as plain, LoopbackServer(tls=self_signed_tls(tmp_path)) as tls:
        yield plain, tls


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_every_hostile_server_fails_only_its_own_feed(
    servers: tuple[LoopbackServer, LoopbackServer], storage: Storage
) -> None:
    plain, tls = servers
    for path, (answer, _) in CASES.items():
        plain.route(path, **answer)
        storage.add_feed(plain.url(path))
    tls.route("/feed.xml", body=rss("Secret", "s"))
    tls_feed = storage.add_feed(tls.url("/feed.xml"))
    before, start = peak_rss_mb(), time.monotonic()

    report = await refresh_feeds(storage, settings=SETTINGS)

    assert time.monotonic() - start < 10
    assert peak_rss_mb() - before < 150  # neither gigabyte was held in memory
    errors = {outcome.url: outcome.error for outcome in report.outcomes}
    for path, (_, expected) in CASES.items():
        error = errors[plain.url(path)]
        if expected is None:
            assert error is None, path
        else:
            assert error is not None and error.startswith(expected), (path, error)
    assert errors[tls_feed.url] is not None
    assert errors[tls_feed.url].startswith("TLS error: ")
    assert "CERTIFICATE_VERIFY_FAILED" in errors[tls_feed.url]
    stored = {feed.url: feed for feed in storage.get_feeds()}
    assert stored[plain.url("/never")].last_error == "timed out after 1.5 s"
    for path in ("/good", "/wrong-type", "/json-as-html"):
        feed_id = stored[plain.url(path)].id
        assert storage.count_articles(ArticleFilter(feed_id=feed_id)) > 0, path
