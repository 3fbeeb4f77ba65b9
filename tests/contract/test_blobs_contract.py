"""The BlobStore contract: what every blob adapter (folder, S3) must do, tested the same way."""

import io

import pytest

from podcast_digest.errors import NotFoundError, UnsafeInputError

KEY = "transcripts/feed-1/ep-1.json"


def test_bytes_round_trip_and_the_key_is_listed(blobs):
    blobs.put_bytes(KEY, b'{"segments": []}', content_type="application/json")
    assert blobs.get_bytes(KEY) == b'{"segments": []}'
    assert blobs.exists(KEY)
    assert blobs.list_keys() == [KEY]


def test_an_empty_object_round_trips(blobs):
    blobs.put_bytes("summaries/feed-1/ep-1.html", b"")
    assert blobs.exists("summaries/feed-1/ep-1.html")
    assert blobs.get_bytes("summaries/feed-1/ep-1.html") == b""


def test_open_streams_the_stored_bytes(blobs):
    data = bytes(range(256)) * 1000
    blobs.put_bytes("audio/feed-1/ep-1.mp3", data, content_type="audio/mpeg")
    with blobs.open("audio/feed-1/ep-1.mp3") as stream:
        assert stream.read(10) == data[:10]
        assert stream.read() == data[10:]


def test_put_bytes_overwrites(blobs):
    blobs.put_bytes(KEY, b"first version, longer than the second")
    blobs.put_bytes(KEY, b"second")
    assert blobs.get_bytes(KEY) == b"second"
    assert blobs.list_keys() == [KEY]


def test_a_missing_key_is_not_found(blobs):
    with pytest.raises(NotFoundError):
        blobs.get_bytes("transcripts/feed-1/missing.json")
    with pytest.raises(NotFoundError):
        blobs.open("transcripts/feed-1/missing.json")
    assert not blobs.exists("transcripts/feed-1/missing.json")


def test_delete_removes_the_object_and_deleting_a_missing_key_is_harmless(blobs):
    blobs.put_bytes(KEY, b"x")
    blobs.delete(KEY)
    blobs.delete(KEY)
    blobs.delete("never/was/there.bin")
    assert not blobs.exists(KEY)
    assert blobs.list_keys() == []


def test_list_keys_is_sorted_and_filters_by_plain_prefix(blobs):
    keys = [
        "transcripts/feed-2/b.json",
        "audio/feed-1/ep-1.mp3",
        "transcripts/feed-1/ep-2.json",
        "transcripts/feed-10/ep-1.json",
        "transcripts/feed-1/ep-1.json",
        "incoming/talk.vtt",
    ]
    for key in keys:
        blobs.put_bytes(key, key.encode())
    assert blobs.list_keys() == sorted(keys)
    assert blobs.list_keys("transcripts/") == sorted(k for k in keys if k.startswith("transcripts/"))
    assert blobs.list_keys("transcripts/feed-1/") == [
        "transcripts/feed-1/ep-1.json",
        "transcripts/feed-1/ep-2.json",
    ]
    # A prefix is a string prefix, not a folder: feed-1 matches feed-10 too (as in S3).
    assert blobs.list_keys("transcripts/feed-1") == [
        "transcripts/feed-1/ep-1.json",
        "transcripts/feed-1/ep-2.json",
        "transcripts/feed-10/ep-1.json",
    ]
    assert blobs.list_keys("transcripts/feed-1/ep-2") == ["transcripts/feed-1/ep-2.json"]
    assert blobs.list_keys("nothing/") == []


def test_put_stream_copies_a_multi_megabyte_stream(blobs):
    data = bytes(range(251)) * (3 * 1024 * 1024 // 251 + 17)  # over 3 MiB, not a multiple of any chunk size
    written = blobs.put_stream("audio/feed-1/ep-1.mp3", io.BytesIO(data), content_type="audio/mpeg")
    assert written == len(data)
    assert blobs.get_bytes("audio/feed-1/ep-1.mp3") == data


def test_put_stream_exactly_at_the_cap_is_kept(blobs):
    written = blobs.put_stream(KEY, io.BytesIO(b"x" * 1000), max_bytes=1000)
    assert written == 1000
    assert blobs.get_bytes(KEY) == b"x" * 1000


def test_put_stream_over_the_cap_is_refused_and_leaves_nothing(blobs):
    with pytest.raises(UnsafeInputError, match=r"1,?000"):
        blobs.put_stream("audio/feed-1/ep-1.mp3", io.BytesIO(b"x" * 1001), max_bytes=1000)
    assert not blobs.exists("audio/feed-1/ep-1.mp3")
    assert blobs.list_keys() == []


def test_put_stream_over_the_cap_keeps_the_previous_object(blobs):
    blobs.put_bytes(KEY, b"the good transcript")
    with pytest.raises(UnsafeInputError):
        blobs.put_stream(KEY, io.BytesIO(b"y" * 5000), max_bytes=100)
    assert blobs.get_bytes(KEY) == b"the good transcript"
    assert blobs.list_keys() == [KEY]


# Hostile in every store: path tricks and control characters. Which other characters a store
# accepts (spaces in an S3 drop-folder key, say) is the adapter's business.
HOSTILE_KEYS = [
    "",
    "../escape.txt",
    "transcripts/../../escape.txt",
    "transcripts/./ep.json",
    "/etc/passwd",
    "transcripts\\feed\\ep.json",
    "transcripts/feed/ep.json\x00.png",
    "transcripts//ep.json",
    "transcripts/feed/",
    "transcripts/feed/ep.json\n",
]


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_a_hostile_key_is_refused_everywhere(blobs, key):
    with pytest.raises(ValueError, match="key"):
        blobs.put_bytes(key, b"x")
    with pytest.raises(ValueError, match="key"):
        blobs.put_stream(key, io.BytesIO(b"x"))
    with pytest.raises(ValueError, match="key"):
        blobs.get_bytes(key)
    with pytest.raises(ValueError, match="key"):
        blobs.open(key)
    with pytest.raises(ValueError, match="key"):
        blobs.exists(key)
    with pytest.raises(ValueError, match="key"):
        blobs.delete(key)
    assert blobs.list_keys() == []
