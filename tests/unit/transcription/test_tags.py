"""A dropped audio file's own title and description, from its real tags (written with mutagen)."""

import io

import av
import numpy as np
import pytest
from mutagen.id3 import COMM, ID3, TIT2
from mutagen.mp4 import MP4

from podcast_digest.transcription.tags import MAX_TITLE, audio_metadata
from tests.support.speech import mp3_bytes


def tagged_mp3(**frames) -> bytes:
    buffer = io.BytesIO(mp3_bytes(1))
    tags = ID3()
    for frame in frames.values():
        tags.add(frame)
    tags.save(buffer)
    return buffer.getvalue()


def m4a_bytes(path) -> None:
    rate = 22050
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate)
        stream.layout = "mono"
        samples = (0.3 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)


class OneWay(io.RawIOBase):
    """A stream that cannot seek, as an S3 object body."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_an_mp3s_id3_title_and_comment_are_its_title_and_description():
    data = tagged_mp3(
        title=TIT2(encoding=3, text="Rust in production"),
        comment=COMM(encoding=3, lang="eng", desc="", text="Ann and Bo on ownership."),
    )
    found = audio_metadata(io.BytesIO(data))
    assert (found.title, found.description) == ("Rust in production", "Ann and Bo on ownership.")


def test_a_stream_that_cannot_seek_still_gives_its_tags():
    data = tagged_mp3(title=TIT2(encoding=3, text="Rust in production"))
    assert audio_metadata(OneWay(data)).title == "Rust in production"


def test_an_m4as_mp4_tags_are_read(tmp_path):
    path = tmp_path / "episode.m4a"
    m4a_bytes(path)
    tags = MP4(path)
    tags["©nam"] = ["Gardens on balconies"]
    tags["desc"] = ["Tomatoes that survive July."]
    tags.save()
    with path.open("rb") as source:
        found = audio_metadata(source)
    assert (found.title, found.description) == ("Gardens on balconies", "Tomatoes that survive July.")


def test_untagged_audio_has_no_title_and_never_the_file_name(tmp_path):
    path = tmp_path / "ep-12-final-MASTER.mp3"
    path.write_bytes(mp3_bytes(1))
    with path.open("rb") as source:
        found = audio_metadata(source)
    assert (found.title, found.description) == (None, None)


@pytest.mark.parametrize("data", [b"", b"ID3\x04\x00\x00\xff\xff\xff\xff garbage", b"\x00" * 4096])
def test_broken_or_hostile_headers_have_no_tags_and_raise_nothing(data):
    assert audio_metadata(io.BytesIO(data)).title is None


def test_tag_text_is_one_printable_line_within_the_cap():
    data = tagged_mp3(title=TIT2(encoding=3, text="Rust\x1b[31m\nin   prod " + "x" * 2000))
    title = audio_metadata(io.BytesIO(data)).title
    assert title is not None
    assert title.startswith("Rust [31m in prod x")
    assert len(title) == MAX_TITLE
    assert "\n" not in title
    assert "\x1b" not in title
