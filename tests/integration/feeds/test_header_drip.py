"""A server that drips its status line and headers is held to the fetch's deadline and minimum rate.

The servers here are raw sockets on 127.0.0.1 (http.server cannot drip its own headers): each
reads the request, then sends its answer a byte at a time with a pause between bytes, each pause
well inside the read timeout. Before the whole fetch was paced (feeds/paced_socket.py), only the
body was; such a server held the fetch for as long as it liked. Nothing here asserts a duration:
the server records whether the client hung up before it had finished sending its headers.
"""

import pytest

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.feeds.fetch import SafeFetcher
from tests.support.drip_server import BODY, DripServer, drip_server


def _head(extra_headers: int) -> bytes:
    """A 200 answer whose headers are `extra_headers` bytes of padding (dripped, they take a while)."""
    padding = b"X-Padding: " + b"a" * extra_headers + b"\r\n"
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/vtt\r\n" + padding
        + f"Content-Length: {len(BODY)}\r\nConnection: close\r\n\r\n".encode()
    )  # fmt: skip


@pytest.fixture
def paced(settings):
    # 300 header bytes at one per 20 ms take ~6 s: far past a 0.3 s grace at 2 KB/s, and every
    # single byte well inside the 3 s read timeout, so only the whole-fetch pace can stop it.
    return settings.model_copy(
        update={
            "read_timeout_seconds": 3,
            "min_transfer_bytes_per_second": 2048,
            "transfer_grace_seconds": 0.3,
        }
    )


def _wait_for_answer(server: DripServer) -> bool:
    """Whether the client hung up before the server had sent all its headers."""
    for _ in range(100):
        if server.hung_up_early:
            return server.hung_up_early[0]
        server._stop.wait(0.05)
    return False


def test_a_transcript_whose_headers_drip_is_cut_off_and_the_server_sees_us_leave(paced):
    with drip_server(_head(250)) as server:
        with pytest.raises(UpstreamUnavailable, match="sending its headers too slowly"):
            SafeFetcher(paced).fetch(server.url("/t.vtt"), max_bytes=paced.max_transcript_bytes)
        assert _wait_for_answer(server) is True


def test_a_status_line_dripped_a_byte_at_a_time_is_cut_off(paced):
    head = b"HTTP/1.1" + b" " * 200 + b"200 OK\r\nContent-Length: 0\r\n\r\n"
    with drip_server(head) as server, pytest.raises(UpstreamUnavailable, match="too slowly"):
        SafeFetcher(paced).fetch(server.url("/feed.xml"), max_bytes=paced.max_feed_bytes)


def test_an_enclosure_whose_headers_drip_is_cut_off_before_any_body_is_read(paced):
    with drip_server(_head(250)) as server:
        with pytest.raises(UpstreamUnavailable, match="sending its headers too slowly"):
            SafeFetcher(paced).stream(server.url("/ep.mp3"), max_bytes=paced.max_audio_bytes)
        assert _wait_for_answer(server) is True


def test_a_server_that_falls_silent_mid_headers_is_cut_off_by_the_pace_not_a_read_timeout_later(paced):
    # One header line, then nothing until long after the read timeout: the old code waited the read
    # timeout out and said so; the paced fetch gives up once the rate can no longer be met.
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Late: yes\r\n\r\n"
    silent = drip_server(head, step=len(b"HTTP/1.1 200 OK\r\n"), pause=5.0)
    with silent as server, pytest.raises(UpstreamUnavailable) as refused:
        SafeFetcher(paced).fetch(server.url("/feed.xml"), max_bytes=paced.max_feed_bytes)
    assert "too slowly" in str(refused.value)
    assert "read_timeout_seconds" not in str(refused.value)


def test_headers_sent_at_a_fair_pace_are_read_and_the_body_with_them(paced):
    # The same answer, sent in 100-byte steps: above the minimum rate, so nothing is refused.
    with drip_server(_head(250), step=100, pause=0.01) as server:
        result = SafeFetcher(paced).fetch(server.url("/t.vtt"), max_bytes=paced.max_transcript_bytes)
    assert result.status == 200
    assert result.body == BODY
    assert result.content_type == "text/vtt"


def test_a_redirect_chain_of_dripping_hops_shares_one_clock(paced):
    # Each hop alone is over within the grace, so a clock per hop would follow the loop to the redirect
    # cap (BadInputError); one clock for the fetch sees the chain as the slow answer it is.
    with drip_server(b"", pause=0.04) as server:
        hop = (
            f"HTTP/1.1 302 Found\r\nLocation: {server.url('/again')}\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        server.head, server.step = hop, len(hop) // 5 + 1
        with pytest.raises(UpstreamUnavailable, match="too slowly"):
            SafeFetcher(paced.model_copy(update={"max_redirects": 20})).fetch(
                server.url("/start"), max_bytes=paced.max_transcript_bytes
            )
