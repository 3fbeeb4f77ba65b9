"""Size caps hold on the decoded body, so a compressed bomb stops at the cap."""

import gzip
import io
import tracemalloc
import zlib

import pytest

from podcast_digest.errors import UnsafeInputError, UpstreamUnavailable
from podcast_digest.feeds.body import CappedBody


def _body(raw: bytes, *, encoding: str | None, max_bytes: int) -> CappedBody:
    return CappedBody(
        io.BytesIO(raw),
        max_bytes=max_bytes,
        content_encoding=encoding,
        too_big=lambda: UnsafeInputError(f"over {max_bytes}"),
    )


def test_a_gzip_bomb_is_stopped_at_the_cap_with_bounded_memory():
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))  # ~64 KB that inflates to 64 MB
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeInputError):
            _body(bomb, encoding="gzip", max_bytes=1024 * 1024).read_all()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_is_read_whether_zlib_wrapped_or_raw(wbits):
    packer = zlib.compressobj(wbits=wbits)
    raw = packer.compress(b"hello feed " * 1000) + packer.flush()
    assert _body(raw, encoding="deflate", max_bytes=10**6).read_all() == b"hello feed " * 1000


def test_concatenated_gzip_members_are_all_read():
    raw = gzip.compress(b"first ") + gzip.compress(b"second")
    assert _body(raw, encoding="gzip", max_bytes=100).read_all() == b"first second"


def test_a_body_exactly_at_the_cap_passes_and_one_byte_more_fails():
    assert len(_body(b"x" * 100, encoding=None, max_bytes=100).read_all()) == 100
    with pytest.raises(UnsafeInputError):
        _body(b"x" * 101, encoding=None, max_bytes=100).read_all()


def test_streaming_reads_stop_past_the_cap():
    body = _body(gzip.compress(b"y" * 5000), encoding="gzip", max_bytes=4000)

    def drain() -> None:
        while body.read(1000):
            pass

    with pytest.raises(UnsafeInputError):
        drain()


def test_corrupt_compressed_bodies_and_unknown_encodings_fail_clearly():
    with pytest.raises(UpstreamUnavailable, match="broken gzip"):
        _body(b"\x1f\x8bnot really gzip at all", encoding="gzip", max_bytes=100).read_all()
    with pytest.raises(UnsafeInputError, match="br"):
        _body(b"abc", encoding="br", max_bytes=100).read_all()
