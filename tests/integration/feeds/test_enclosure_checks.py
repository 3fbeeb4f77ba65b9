"""An enclosure is checked before it can fill the disk: magic bytes, and a gzip bomb refused early."""

import gzip
import random

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import AudioError, UnsafeInputError
from podcast_digest.feeds.enclosures import download_enclosure
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.models import Enclosure, Episode
from tests.support.feed_server import Route


def _episode(url: str) -> Episode:
    return Episode(
        episode_id="ep1", feed_id="feed1", title="Ep", audio=Enclosure(url=url, mime_type="audio/mpeg")
    )


@pytest.fixture
def blobs(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


def _files_under(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_a_gzip_bomb_enclosure_is_refused_long_before_the_size_cap(server, settings, blobs, tmp_path):
    # 64 MiB of "audio" in ~64 KB: the old code wrote it to disk up to the 8 MiB cap before refusing it.
    bomb = gzip.compress(b"ID3\x04" + b"\0" * (64 * 1024 * 1024))
    url = server.route(
        "/ep.mp3", Route(body=bomb, content_type="audio/mpeg", headers={"Content-Encoding": "gzip"})
    )

    with pytest.raises(UnsafeInputError, match="compression bomb"):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert _files_under(tmp_path / "blobs") == []


def test_a_gzip_encoded_real_enclosure_still_downloads(server, settings, blobs):
    audio = b"ID3\x04" + random.Random(7).randbytes(2 * 1024 * 1024)  # 2 MiB that gzip cannot shrink
    url = server.route(
        "/ep.mp3",
        Route(body=gzip.compress(audio), content_type="audio/mpeg", headers={"Content-Encoding": "gzip"}),
    )
    key = download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert blobs.get_bytes(key) == audio


@pytest.mark.parametrize(
    "head",
    [
        b"\x00\x01\x02\x03" * 64,  # nothing we know
        b"PK\x03\x04" + b"\0" * 200,  # a zip archive
        b"%PDF-1.7\n" + b"\0" * 200,
        b"\x89PNG\r\n\x1a\n" + b"\0" * 200,
    ],
)
def test_an_enclosure_that_is_not_media_is_refused_by_its_magic_bytes(server, settings, blobs, head):
    url = server.route("/ep.mp3", Route(body=head * 20, content_type="audio/mpeg"))
    with pytest.raises(AudioError, match="not audio or video we know"):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert blobs.list_keys("audio/") == []


@pytest.mark.parametrize(
    "head",
    [
        b"ID3\x04\x00",
        b"\xff\xfb\x90\x64",  # an MP3 frame with no tag
        b"\xff\xf1\x50\x80",  # AAC ADTS
        b"OggS\x00\x02",
        b"fLaC\x00\x00",
        b"RIFF\x24\x08\x00\x00WAVEfmt ",
        b"\x00\x00\x00\x20ftypM4A ",
        b"\x1aE\xdf\xa3\x9fB\x86",  # WebM
    ],
)
def test_every_common_audio_container_passes_the_magic_byte_check(server, settings, blobs, head):
    url = server.route("/ep.mp3", Route(body=head + b"\x11" * 5000, content_type="audio/mpeg"))
    assert download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
