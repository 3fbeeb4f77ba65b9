"""download_enclosure streams into a real folder blob store and checks what arrives."""

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import AudioError, UnsafeInputError, UpstreamUnavailable
from podcast_digest.feeds.enclosures import download_enclosure
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.models import Enclosure, Episode
from tests.support.feed_server import Route

MP3_HEAD = b"ID3\x04\x00\x00\x00\x00\x00\x00"


def _episode(url: str, mime_type: str | None = "audio/mpeg", length: int | None = None) -> Episode:
    return Episode(
        episode_id="ep1",
        feed_id="feed1",
        title="Ep",
        audio=Enclosure(url=url, mime_type=mime_type, length=length),
    )


@pytest.fixture
def blobs(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


def test_audio_is_streamed_into_the_blob_store_under_its_key(server, settings, blobs):
    url = server.route(
        "/audio/ep.mp3", Route(body=MP3_HEAD, generated_size=3 * 1024 * 1024, content_type="audio/mpeg")
    )
    key = download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert key == "audio/feed1/ep1.mp3"
    data = blobs.get_bytes(key)
    assert len(data) == 3 * 1024 * 1024
    assert data.startswith(MP3_HEAD)


def test_the_extension_comes_from_the_content_type_when_the_url_has_none(server, settings, blobs):
    url = server.route("/track", Route(body=b"OggS" + b"\0" * 5000, content_type="audio/ogg"))
    key = download_enclosure(
        _episode(url, "audio/ogg"), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings
    )
    assert key == "audio/feed1/ep1.ogg"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<!DOCTYPE html><html><body>Please log in</body></html>", "text/html; charset=utf-8"),
        (b"<html><body>moved</body></html>", "audio/mpeg"),  # a page that claims to be audio
        (b'{"error": "not found"}', "application/octet-stream"),
    ],
)
def test_a_page_posing_as_audio_is_refused_and_nothing_is_kept(server, settings, blobs, body, content_type):
    url = server.route("/ep.mp3", Route(body=body, content_type=content_type))
    with pytest.raises(AudioError, match="not audio"):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert blobs.list_keys("audio/") == []


def test_an_empty_enclosure_is_refused(server, settings, blobs):
    url = server.route("/ep.mp3", Route(body=b"", content_type="audio/mpeg"))
    with pytest.raises(AudioError, match="empty"):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)


def test_an_enclosure_over_the_cap_is_refused_and_nothing_is_kept(server, settings, blobs):
    size = settings.max_audio_bytes + 1024 * 1024
    url = server.route(
        "/big.mp3", Route(body=MP3_HEAD, generated_size=size, send_length=False, content_type="audio/mpeg")
    )
    with pytest.raises(UnsafeInputError, match="MAX_AUDIO_BYTES"):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert blobs.list_keys("audio/") == []


def test_a_body_cut_short_of_its_content_length_is_transient_and_nothing_is_kept(server, settings, blobs):
    url = server.route(
        "/cut.mp3", Route(body=MP3_HEAD * 1000, declared_length=50_000, content_type="audio/mpeg")
    )
    with pytest.raises(UpstreamUnavailable):
        download_enclosure(_episode(url), fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
    assert blobs.list_keys("audio/") == []


def test_an_enclosure_on_a_refused_address_is_never_fetched(settings, blobs):
    episode = _episode("http://169.254.169.254/latest/meta-data/iam")
    with pytest.raises(UnsafeInputError):
        download_enclosure(episode, fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
