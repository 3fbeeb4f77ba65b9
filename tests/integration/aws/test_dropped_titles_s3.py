"""Under moto: audio dropped into the S3 drop folder is titled by its own tags, read from the
object's stream (which cannot seek), or by the object's user metadata; never by its key."""

import io

from mutagen.id3 import ID3, TIT2

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.s3 import S3BlobStore
from podcast_digest.pipeline.drop_folder import ingest_dropped
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support import aws
from tests.support.speech import mp3_bytes


def tagged(title: str) -> bytes:
    buffer = io.BytesIO(mp3_bytes(1))
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.save(buffer)
    return buffer.getvalue()


def ingest_from_s3(moto_stack, tmp_path, key: str, body: bytes, metadata: dict[str, str] | None = None):
    clients.s3().put_object(Bucket=aws.BUCKET, Key=key, Body=body, Metadata=metadata or {})
    ctx = build_context(load_settings(home=tmp_path / "home", blobs="s3", bucket_name=aws.BUCKET))
    ref = ingest_dropped(ctx, key, S3BlobStore(aws.BUCKET).user_metadata(key))
    assert ref is not None
    return ctx.records.get_episode(ref.episode_id)


def test_an_mp3_in_the_bucket_is_titled_by_its_tags(moto_stack, tmp_path):
    episode = ingest_from_s3(moto_stack, tmp_path, "incoming/ep-7-master.mp3", tagged("Compost in winter"))
    assert episode.title == "Compost in winter"
    assert episode.promise_known


def test_the_objects_user_metadata_describes_it_and_the_key_titles_nothing(moto_stack, tmp_path):
    episode = ingest_from_s3(
        moto_stack, tmp_path, "incoming/ep-7-master.mp3", mp3_bytes(1), {"description": "Compost in winter."}
    )
    assert episode.description == "Compost in winter."
    assert episode.promise_known
    untitled = ingest_from_s3(moto_stack, tmp_path, "incoming/ep-8-master.mp3", mp3_bytes(1))
    assert untitled.title == "ep-8-master"
    assert not untitled.promise_known
