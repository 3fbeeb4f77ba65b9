"""A dropped file's title comes from its metadata (sidecar, S3 or CLI metadata, its own tags or
header), never from its file name; without one there is no promise for Quick Takes to judge."""

import io
import json

from mutagen.id3 import COMM, ID3, TIT2

from podcast_digest.models.summary import NOTHING_TO_JUDGE
from podcast_digest.pipeline.drop_folder import ingest_dropped
from podcast_digest.pipeline.runner import process_episode
from tests.support.speech import mp3_bytes

from .conftest import VTT


def tagged_mp3(title: str, comment: str = "") -> bytes:
    buffer = io.BytesIO(mp3_bytes(1))
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    if comment:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=comment))
    tags.save(buffer)
    return buffer.getvalue()


def dropped(ctx, key: str, data: bytes, metadata: dict[str, str] | None = None):
    ctx.blobs.put_bytes(key, data)
    ref = ingest_dropped(ctx, key, metadata or {})
    assert ref is not None
    episode = ctx.records.get_episode(ref.episode_id)
    assert episode is not None
    return episode


def test_a_tagged_mp3_is_titled_by_its_id3_tags(ctx):
    episode = dropped(
        ctx, "incoming/ep-12-final.mp3", tagged_mp3("Rust in production", "Ann and Bo on ownership.")
    )
    assert episode.title == "Rust in production"
    assert episode.description == "Ann and Bo on ownership."
    assert episode.promise_known


def test_an_untagged_mp3_is_labelled_by_its_name_but_promises_nothing(ctx):
    episode = dropped(ctx, "incoming/ep-12-final.mp3", mp3_bytes(1))
    assert episode.title == "ep-12-final"
    assert episode.description == ""
    assert not episode.promise_known


def test_the_sidecar_title_wins_over_the_tags_and_the_tags_still_describe(ctx):
    ctx.blobs.put_bytes("incoming/talk.mp3.meta.json", json.dumps({"title": "From the sidecar"}).encode())
    episode = dropped(ctx, "incoming/talk.mp3", tagged_mp3("From the tags", "Tag description."))
    assert (episode.title, episode.description) == ("From the sidecar", "Tag description.")
    assert episode.promise_known


def test_s3_or_cli_metadata_can_give_a_description_alone(ctx):
    episode = dropped(ctx, "incoming/talk.vtt", VTT.encode(), {"description": "Compost and tomatoes."})
    assert episode.description == "Compost and tomatoes."
    assert episode.promise_known


def test_a_transcript_is_titled_by_its_own_header(ctx):
    episode = dropped(
        ctx, "incoming/garden-talk.vtt", VTT.replace("WEBVTT", "WEBVTT - Garden Hour 12", 1).encode()
    )
    assert episode.title == "Garden Hour 12"
    assert episode.promise_known


def test_a_transcript_without_title_is_summarised_with_nothing_to_judge(ctx):
    episode = dropped(ctx, "incoming/changelog-final-v2.vtt", VTT.encode())
    assert not episode.promise_known
    done = process_episode(ctx, episode)
    summary = ctx.records.get_summary(done.episode_id)
    assert summary is not None
    assert summary.quick_takes.verdict == NOTHING_TO_JUDGE
    assert not summary.quick_takes.is_clickbait
    assert summary.quick_takes.promises == []
