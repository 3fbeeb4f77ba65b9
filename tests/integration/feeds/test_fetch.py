"""SafeFetcher against a real HTTP server on 127.0.0.1."""

import gzip
import socket
import threading

import pytest

from podcast_digest.errors import BadInputError, UnsafeInputError, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.settings import Settings
from tests.support.feed_server import Route

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


class Listener:
    """A bare TCP listener on 127.0.0.1 that counts connections: proof of what reached it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


def test_a_feed_is_fetched_with_our_user_agent_and_gzip(server, settings):
    url = server.route("/feed.xml", Route(body=FEED * 100, gzip=True, etag='"1"'))
    result = SafeFetcher(settings).fetch(url, max_bytes=10**6)
    assert result.status == 200
    assert result.body == FEED * 100
    assert result.etag == '"1"'
    headers = server.requests_for("/feed.xml")[0].headers
    assert headers["user-agent"] == settings.user_agent
    assert "gzip" in headers["accept-encoding"]


def test_conditional_get_returns_304_without_a_body(server, settings):
    stamp = "Wed, 01 May 2024 10:00:00 GMT"
    url = server.route("/feed.xml", Route(body=FEED, etag='"v7"', last_modified=stamp))
    result = SafeFetcher(settings).fetch(url, max_bytes=10**6, etag='"v7"', last_modified=stamp)
    assert result.status == 304
    assert result.body == b""
    sent = server.requests_for("/feed.xml")[0].headers
    assert sent["if-none-match"] == '"v7"'
    assert sent["if-modified-since"] == stamp


@pytest.mark.parametrize(("status", "retry_after", "seconds"), [(429, "120", 120.0), (503, None, None)])
def test_throttling_raises_upstream_throttled_with_retry_after(
    server, settings, status, retry_after, seconds
):
    url = server.route("/busy", Route(status=status, retry_after=retry_after))
    with pytest.raises(UpstreamThrottled) as caught:
        SafeFetcher(settings).fetch(url, max_bytes=1000)
    assert caught.value.retry_after == seconds


def test_retry_after_as_an_http_date_is_understood(server, settings):
    url = server.route("/busy", Route(status=429, retry_after="Fri, 01 Jan 2100 00:00:00 GMT"))
    with pytest.raises(UpstreamThrottled) as caught:
        SafeFetcher(settings).fetch(url, max_bytes=1000)
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 86400


def test_server_errors_are_transient_and_client_errors_are_bad_input(server, settings):
    fetcher = SafeFetcher(settings)
    with pytest.raises(UpstreamUnavailable, match="500"):
        fetcher.fetch(server.route("/boom", Route(status=500)), max_bytes=1000)
    with pytest.raises(BadInputError, match="404"):
        fetcher.fetch(server.url("/missing"), max_bytes=1000)
    with pytest.raises(BadInputError, match="410"):
        fetcher.fetch(server.route("/gone", Route(status=410)), max_bytes=1000)


def test_loopback_is_refused_unless_allowed_and_no_connection_is_made(listener):
    fetcher = SafeFetcher(Settings(allow_loopback=False, connect_timeout_seconds=1))
    for url in (
        f"http://127.0.0.1:{listener.port}/feed",
        f"http://localhost:{listener.port}/feed",
        f"http://[::ffff:127.0.0.1]:{listener.port}/feed",
        f"http://0.0.0.0:{listener.port}/feed",
    ):
        with pytest.raises(UnsafeInputError, match="refused"):
            fetcher.fetch(url, max_bytes=1000)
    assert listener.connections == 0


def test_a_redirect_to_a_refused_address_never_leaves(server, settings, listener):
    fetcher = SafeFetcher(settings)  # loopback allowed: the server itself is reachable
    targets = [
        f"http://0.0.0.0:{listener.port}/latest/meta-data/",  # unspecified: lands on this machine
        f"http://[::ffff:127.0.0.1]:{listener.port}/",  # mapped loopback is never allowed
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ]
    for number, target in enumerate(targets):
        url = server.route(f"/r{number}", Route(status=302, location=target))
        with pytest.raises(UnsafeInputError):
            fetcher.fetch(url, max_bytes=1000)
    assert listener.connections == 0


def test_permanent_redirects_are_reported_and_temporary_ones_are_not(server, settings):
    server.route("/new.xml", Route(body=FEED))
    server.route("/moved", Route(status=301, location="/new.xml"))
    server.route("/temp", Route(status=302, location="/moved"))
    fetcher = SafeFetcher(settings)
    moved = fetcher.fetch(server.url("/moved"), max_bytes=1000)
    assert moved.permanent_redirect == server.url("/new.xml")
    assert moved.url == server.url("/new.xml")
    assert fetcher.fetch(server.url("/temp"), max_bytes=1000).permanent_redirect is None


def test_redirect_loops_stop_at_max_redirects(server, settings):
    server.route("/a", Route(status=302, location="/b"))
    server.route("/b", Route(status=302, location="/a"))
    with pytest.raises(BadInputError, match="max_redirects"):
        SafeFetcher(settings).fetch(server.url("/a"), max_bytes=1000)
    assert len(server.requests) == settings.max_redirects + 1


def test_oversized_bodies_are_refused_whether_declared_or_not(server, settings):
    small = settings.model_copy(update={"max_feed_bytes": 4000})
    fetcher = SafeFetcher(small)
    declared = server.route("/big", Route(body=b"x" * 5000))
    with pytest.raises(UnsafeInputError, match="PODCAST_DIGEST_MAX_FEED_BYTES"):
        fetcher.fetch(declared, max_bytes=small.max_feed_bytes)
    undeclared = server.route("/big2", Route(body=b"x" * 5000, send_length=False))
    with pytest.raises(UnsafeInputError, match="limit of 4,000 bytes"):
        fetcher.fetch(undeclared, max_bytes=4000)


def test_a_gzip_bomb_from_the_network_stops_at_the_cap(server, settings):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))  # compressed once, here, not per request
    url = server.route("/bomb", Route(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(UnsafeInputError, match="limit"):
        SafeFetcher(settings).fetch(url, max_bytes=settings.max_feed_bytes)


def test_a_server_that_answers_too_slowly_times_out(server, settings):
    url = server.route("/slow", Route(body=FEED, latency=1.5))
    with pytest.raises(UpstreamUnavailable, match="read_timeout_seconds"):
        SafeFetcher(settings).fetch(url, max_bytes=1000)


def test_a_body_that_drips_just_under_the_read_timeout_hits_the_overall_deadline(server, tmp_path):
    settings = Settings(
        allow_loopback=True, connect_timeout_seconds=0.2, read_timeout_seconds=0.4, transfer_grace_seconds=0.5
    )
    # 10,000 bytes at one per 0.1 s: without the deadline this would run far past the suite's timeout.
    url = server.route("/drip", Route(body=b"x" * 10_000, chunk_size=1, chunk_delay=0.1, send_length=False))
    with pytest.raises(UpstreamUnavailable, match=r"took too long|too slowly"):
        SafeFetcher(settings).fetch(url, max_bytes=100_000)


def test_schemes_other_than_http_are_refused(settings):
    fetcher = SafeFetcher(settings)
    for url in (
        "ftp://example.com/feed",
        "gopher://example.com/",
        "javascript:alert(1)",
        "data:text/xml,<rss/>",
    ):
        with pytest.raises(UnsafeInputError):
            fetcher.fetch(url, max_bytes=1000)


def test_crlf_in_a_url_cannot_inject_headers(server, settings):
    server.route("/feed.xml", Route(body=FEED))
    url = server.url("/feed.xml") + "%0d%0aX-Injected:%20yes\r\nX-Other: 1"
    with pytest.raises(BadInputError):
        SafeFetcher(settings).fetch(url, max_bytes=1000)  # 404: the path stayed one path
    assert all("x-injected" not in r.headers and "x-other" not in r.headers for r in server.requests)


def test_local_files_only_beside_a_local_feed(tmp_path, settings):
    folder = tmp_path / "show"
    folder.mkdir()
    feed = folder / "feed.xml"
    feed.write_bytes(FEED)
    (folder / "episode.vtt").write_text("WEBVTT\n")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = SafeFetcher(settings)
    assert fetcher.fetch(str(feed), max_bytes=1000, base=str(feed)).body == FEED
    assert fetcher.fetch(feed.as_uri(), max_bytes=1000, base=feed.as_uri()).body == FEED
    assert fetcher.fetch("episode.vtt", max_bytes=1000, base=str(feed)).body == b"WEBVTT\n"
    with pytest.raises(UnsafeInputError, match="outside the folder"):
        fetcher.fetch("../secret.txt", max_bytes=1000, base=str(feed))
    with pytest.raises(UnsafeInputError, match="network"):
        fetcher.fetch(str(feed), max_bytes=1000)  # no base: not given as a local feed
    with pytest.raises(UnsafeInputError, match="network"):
        fetcher.fetch((folder / "episode.vtt").as_uri(), max_bytes=1000, base="https://example.com/feed.xml")
    off = SafeFetcher(settings.model_copy(update={"allow_local_files": False}))
    with pytest.raises(UnsafeInputError, match="allow_local_files"):
        off.fetch(str(feed), max_bytes=1000, base=str(feed))


def test_a_symlink_cannot_lead_a_local_feed_out_of_its_folder(tmp_path, settings):
    folder = tmp_path / "show"
    folder.mkdir()
    feed = folder / "feed.xml"
    feed.write_bytes(FEED)
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(UnsafeInputError, match="outside the folder"):
        SafeFetcher(settings).fetch("link.txt", max_bytes=1000, base=str(feed))


def test_streams_are_capped_while_reading(server, settings):
    url = server.route("/audio", Route(body=b"ID3", generated_size=3 * 1024 * 1024, send_length=False))
    stream, _ = SafeFetcher(settings).stream(url, max_bytes=1024 * 1024)

    def drain() -> None:
        while stream.read(65536):
            pass

    with pytest.raises(UnsafeInputError):
        drain()
    stream.close()
