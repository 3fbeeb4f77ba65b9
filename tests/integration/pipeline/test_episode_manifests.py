"""Episode manifests, the one metadata contract of both doors, on the real local adapters (SQLite, a folder).

The local run writes the manifest the AWS poller writes; the entry's reading
of it (ingest_announced, what start_pipeline calls) refuses, in one line
naming the object, any manifest that does not announce a recorded episode.
"""

import json

import pytest

from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.models import Enclosure, Episode, EpisodeStatus, Feed, TranscriptLink, feed_id_for
from podcast_digest.models.manifest import MAX_MANIFEST_BYTES, EpisodeManifest
from podcast_digest.pipeline.drop_folder import ingest_dropped
from podcast_digest.pipeline.keys import manifest_key
from podcast_digest.pipeline.manifests import announce, ingest_announced
from podcast_digest.pipeline.runner import run

from .conftest import VTT, write_feed
from .test_local_pipeline import watch


def _recorded(ctx, guid: str = "ep1", title: str = "Balcony tomatoes") -> Episode:
    feed = Feed(feed_id=feed_id_for("https://example.org/feed.xml"), url="https://example.org/feed.xml")
    ctx.records.put_feed(feed)
    episode = Episode(
        episode_id=f"e{guid}",
        feed_id=feed.feed_id,
        guid=guid,
        title=title,
        audio=Enclosure(url="https://example.org/ep1.mp3", mime_type="audio/mpeg"),
        transcripts=[TranscriptLink(url="https://example.org/ep1.vtt", mime_type="text/vtt")],
    )
    assert ctx.records.add_episode(episode)
    return episode


def test_a_local_run_writes_each_new_episodes_manifest_as_the_aws_poller_does(ctx, tmp_path):
    feed = watch(ctx, write_feed(tmp_path / "feed", [{"title": "Compost", "guid": "ep1", "transcript": VTT}]))

    report = run(ctx, retry_delays=())

    assert report.ok, report
    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    key = manifest_key(feed.feed_id, episode.episode_id)
    manifest = EpisodeManifest.model_validate_json(ctx.blobs.get_bytes(key))
    assert (manifest.episode_id, manifest.feed, manifest.title) == (
        episode.episode_id,
        feed.feed_id,
        "Compost",
    )
    assert manifest.transcript_urls == [link.url for link in episode.transcripts]
    assert ingest_announced(ctx, key).episode_id == episode.episode_id  # what start_pipeline reads


def test_a_manifest_written_again_is_the_same_bytes_whatever_the_episode_has_become(ctx):
    episode = _recorded(ctx)
    key = announce(ctx, episode)
    first = ctx.blobs.get_bytes(key)
    moved_on = episode.model_copy(update={"status": EpisodeStatus.TRANSCRIBED, "language": "en"})

    assert announce(ctx, moved_on) == key
    assert ctx.blobs.get_bytes(key) == first  # same ETag in S3, so the same execution name
    assert json.loads(first) == {
        "feed": episode.feed_id,
        "title": "Balcony tomatoes",
        "episode_id": episode.episode_id,
        "enclosure_url": "https://example.org/ep1.mp3",
        "transcript_urls": ["https://example.org/ep1.vtt"],
    }


def test_a_local_manifest_that_cannot_be_written_is_reported_and_the_episode_still_runs(ctx, tmp_path):
    feed = watch(ctx, write_feed(tmp_path / "feed", [{"title": "Compost", "guid": "ep1", "transcript": VTT}]))
    ctx.settings.blob_dir.mkdir(parents=True, exist_ok=True)
    (ctx.settings.blob_dir / "episodes").write_text("a file where the folder should be")

    report = run(ctx, retry_delays=())

    assert "could not write the manifest of 'Compost'" in report.feed_errors[feed.feed_id]
    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED


def _refused(ctx, key: str, body: bytes) -> str:
    ctx.blobs.put_bytes(key, body)
    with pytest.raises(BadInputError) as refused:
        ingest_announced(ctx, key)
    message = str(refused.value)
    assert message.startswith(key)
    assert "\n" not in message
    return message


def test_a_manifest_that_is_not_json_or_not_an_object_is_refused(ctx):
    episode = _recorded(ctx)
    key = manifest_key(episode.feed_id, episode.episode_id)

    assert "not JSON" in _refused(ctx, key, b"\xff{not json")
    assert "not a JSON object" in _refused(ctx, key, b'["a", "list"]')
    assert "over" in _refused(ctx, key, b" " * (MAX_MANIFEST_BYTES + 1))


def test_a_manifest_with_bad_fields_is_refused_naming_the_field(ctx):
    episode = _recorded(ctx)
    key = manifest_key(episode.feed_id, episode.episode_id)
    bad = {"episode_id": "../../x", "feed": episode.feed_id}

    assert "episode_id" in _refused(ctx, key, json.dumps(bad).encode())
    assert "names its episode_id and feed" in _refused(ctx, key, json.dumps({"title": "hi"}).encode())


def test_a_manifest_that_announces_another_episode_or_none_recorded_is_refused(ctx):
    episode = _recorded(ctx)
    other = _recorded(ctx, guid="ep2", title="Mulch")
    body = announce(ctx, episode)
    manifest = ctx.blobs.get_bytes(body)

    assert "whose manifest is" in _refused(ctx, manifest_key(other.feed_id, other.episode_id), manifest)
    unknown = json.dumps({"episode_id": "nobody", "feed": episode.feed_id}).encode()
    assert "not in the records" in _refused(ctx, manifest_key(episode.feed_id, "nobody"), unknown)
    wrong_feed = json.dumps({"episode_id": episode.episode_id, "feed": "f0"}).encode()
    assert "not in the records" in _refused(ctx, manifest_key("f0", episode.episode_id), wrong_feed)


def test_a_manifest_deleted_before_it_is_read_is_not_found(ctx):
    with pytest.raises(NotFoundError):
        ingest_announced(ctx, manifest_key("f0", "gone"))


def test_a_dropped_files_sidecar_may_not_pick_its_episode_id(ctx):
    """The poller's fields mean nothing for a drop: its id comes from its key and content."""
    key = "incoming/talk.vtt"
    ctx.blobs.put_bytes(key + ".meta.json", json.dumps({"title": "A talk", "episode_id": "../../x"}).encode())
    ctx.blobs.put_bytes(key, VTT.encode())

    ref = ingest_dropped(ctx, key, {})

    assert ref is not None
    assert ref.episode_id != "../../x"
    assert ctx.records.get_episode(ref.episode_id).title == "A talk"
