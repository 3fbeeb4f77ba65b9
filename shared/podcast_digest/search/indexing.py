"""Keeping the search index whole: index a summary when it is stored, backfill what is missing."""

import logging

from podcast_digest.errors import PodcastDigestError
from podcast_digest.models import EpisodeStatus, Summary, Transcript
from podcast_digest.pipeline import keys
from podcast_digest.ports import BlobStore, Records
from podcast_digest.ports.search import SearchIndex
from podcast_digest.search.documents import search_document

log = logging.getLogger(__name__)

SUMMARISED = (EpisodeStatus.SUMMARIZED, EpisodeStatus.NOTIFIED)


def stored_transcript(blobs: BlobStore, summary: Summary) -> Transcript | None:
    """The episode's canonical transcript, or None when it is gone (the summary is still searchable)."""
    key = keys.transcript_key(summary.feed_id, summary.episode_id)
    try:
        return Transcript.model_validate_json(blobs.get_bytes(key))
    except (PodcastDigestError, ValueError, OSError) as exc:
        log.info("no transcript to index for %s: %s", summary.episode_id, exc)
        return None


def index_summary(index: SearchIndex, blobs: BlobStore, summary: Summary) -> None:
    index.index_episode(search_document(summary, stored_transcript(blobs, summary)))


def backfill(index: SearchIndex, records: Records, blobs: BlobStore) -> int:
    """Index every stored summary the index lacks (made before search existed, or while it failed)."""
    done = index.indexed_episode_ids()
    added = 0
    for episode in records.list_episodes(statuses=SUMMARISED):
        if episode.episode_id in done:
            continue
        summary = records.get_summary(episode.episode_id)
        if summary is not None:
            index_summary(index, blobs, summary)
            added += 1
    return added
