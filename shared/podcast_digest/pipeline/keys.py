"""Blob keys (DESIGN.md, "S3 keys"): one place so the steps, the drop folder and the AWS stack agree."""

AUDIO_PREFIX = "audio/"
TRANSCRIPTS_PREFIX = "transcripts/"
SUMMARIES_PREFIX = "summaries/"
INCOMING_PREFIX = "incoming/"
EPISODES_PREFIX = "episodes/"  # the poller's episode manifests (models/manifest.py)


def transcript_key(feed_id: str, episode_id: str) -> str:
    return f"{TRANSCRIPTS_PREFIX}{feed_id}/{episode_id}.json"


def summary_key(feed_id: str, episode_id: str, fmt: str = "json") -> str:
    return f"{SUMMARIES_PREFIX}{feed_id}/{episode_id}.{fmt}"


def audio_key(feed_id: str, episode_id: str, extension: str) -> str:
    return f"{AUDIO_PREFIX}{feed_id}/{episode_id}.{extension.lstrip('.').lower() or 'bin'}"


def manifest_key(feed_id: str, episode_id: str) -> str:
    """Where the poller announces a new episode; its S3 event starts the pipeline."""
    return f"{EPISODES_PREFIX}{feed_id}/{episode_id}.json"
