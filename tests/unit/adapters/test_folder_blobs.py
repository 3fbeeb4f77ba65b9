"""What is particular to the folder blob store: path safety, atomic writes, bounded memory."""

import io
import os
import threading

import pytest

from podcast_digest.adapters.folder_blobs import CHUNK_BYTES, FolderBlobStore, validate_blob_key
from podcast_digest.errors import UnsafeInputError


@pytest.fixture
def store(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


def every_file(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("../outside.txt", r"'\.\.' part"),
        ("audio/../../outside.txt", r"'\.\.' part"),
        ("/tmp/outside.txt", "absolute"),
        ("audio\\..\\outside.txt", "backslash"),
        ("audio/ep.mp3\x00.txt", "NUL"),
        ("audio//ep.mp3", "empty part"),
        ("audio/", "empty part"),
        ("~/outside.txt", "characters other than"),
        ("%2e%2e/outside.txt", "characters other than"),
        ("incoming/my talk.mp3", "characters other than"),
        ("transcripts/féed/ep.json", "characters other than"),
        ("audio/.hidden", "starting with '.'"),
        ("a" * 1025, "limit is 1024"),
        ("audio/" + "b" * 256, "longer than 255"),
        ("", "non-empty"),
    ],
)
def test_a_hostile_key_is_refused_with_the_reason_and_nothing_is_written(tmp_path, store, key, reason):
    with pytest.raises(ValueError, match=reason):
        store.put_bytes(key, b"payload")
    assert every_file(tmp_path) == []


def test_a_key_that_is_not_a_string_is_refused():
    with pytest.raises(ValueError, match="non-empty string"):
        validate_blob_key(None)  # type: ignore[arg-type]


def test_path_for_maps_a_key_under_the_root(tmp_path, store):
    path = store.path_for("transcripts/feed-1/ep-1.json")
    assert path == (tmp_path / "blobs" / "transcripts" / "feed-1" / "ep-1.json").absolute()
    store.put_bytes("transcripts/feed-1/ep-1.json", b"{}")
    assert path.read_bytes() == b"{}"


def test_writes_leave_no_temporary_files(tmp_path, store):
    store.put_bytes("a/b.bin", b"1")
    store.put_bytes("a/b.bin", b"2")
    store.put_stream("a/c.bin", io.BytesIO(b"3" * 10))
    assert every_file(tmp_path / "blobs") == ["a/b.bin", "a/c.bin"]


class BreaksHalfway(io.RawIOBase):
    """A download that dies after some bytes."""

    def __init__(self, good_bytes: int) -> None:
        self.left = good_bytes

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            raise ConnectionResetError("the publisher hung up")
        chunk = b"z" * min(size if size > 0 else 4096, self.left)
        self.left -= len(chunk)
        return chunk


def test_a_stream_that_fails_midway_keeps_the_old_object_and_no_partial_file(store):
    store.put_bytes("audio/feed-1/ep-1.mp3", b"the complete old audio")
    with pytest.raises(ConnectionResetError):
        store.put_stream("audio/feed-1/ep-1.mp3", BreaksHalfway(3 * CHUNK_BYTES))
    assert store.get_bytes("audio/feed-1/ep-1.mp3") == b"the complete old audio"
    assert every_file(store.root) == ["audio/feed-1/ep-1.mp3"]


class Endless(io.RawIOBase):
    """A hostile body that never ends; records how much it was asked for."""

    def __init__(self) -> None:
        self.requests: list[int] = []

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.requests.append(size)
        return b"\0" * (size if size > 0 else CHUNK_BYTES)


def test_an_endless_stream_stops_one_byte_past_the_cap_reading_in_bounded_chunks(store):
    endless = Endless()
    cap = 5 * CHUNK_BYTES + 3
    with pytest.raises(UnsafeInputError):
        store.put_stream("audio/feed-1/ep-1.mp3", endless, max_bytes=cap)
    assert sum(endless.requests) == cap + 1
    assert max(endless.requests) <= CHUNK_BYTES
    assert store.list_keys() == []


@pytest.mark.parametrize(
    ("key", "setting"),
    [
        ("audio/feed-1/ep-1.mp3", "PODCAST_DIGEST_MAX_AUDIO_BYTES"),
        ("transcripts/feed-1/ep-1.json", "PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES"),
        ("incoming/drop.vtt", "PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES"),
        ("pages/feed-1/ep-1.html", "PODCAST_DIGEST_MAX_"),
    ],
)
def test_the_size_refusal_names_the_limit_and_the_setting_to_change(store, key, setting):
    with pytest.raises(UnsafeInputError) as refused:
        store.put_stream(key, io.BytesIO(b"x" * 2048), max_bytes=2000)
    message = str(refused.value)
    assert "2,000-byte limit" in message
    assert setting in message
    assert key in message


def test_list_keys_skips_writes_in_progress(store):
    store.put_bytes("transcripts/feed-1/ep-1.json", b"{}")
    (store.root / "transcripts" / "feed-1" / ".ep-2.json.abc.part").write_bytes(b"half")
    assert store.list_keys() == ["transcripts/feed-1/ep-1.json"]


def test_list_keys_refuses_a_prefix_that_climbs_out(store):
    with pytest.raises(ValueError, match=r"'\.\.' part"):
        store.list_keys("../")
    with pytest.raises(ValueError, match="absolute"):
        store.list_keys("/etc")


def test_a_reader_sees_the_old_or_the_new_object_never_a_mix(store):
    key = "transcripts/feed-1/ep-1.json"
    versions = [b"A" * 200_000, b"B" * 300_000]
    store.put_bytes(key, versions[0])
    seen: set[bytes] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(store.get_bytes(key))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(60):
            store.put_bytes(key, versions[n % 2])
    finally:
        stop.set()
        reader.join(timeout=10)
    assert seen <= set(versions)


def test_written_files_are_private_to_the_user(store):
    # Like a private S3 bucket: transcripts of private feeds are nobody else's business.
    store.put_bytes("a/b.bin", b"1")
    store.put_stream("a/c.bin", io.BytesIO(b"2"))
    for key in ("a/b.bin", "a/c.bin"):
        assert os.stat(store.path_for(key)).st_mode & 0o777 == 0o600
