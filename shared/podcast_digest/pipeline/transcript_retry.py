"""A publisher transcript that fails transiently is tried again before the audio is paid for.

A 5xx, a timeout or a throttled answer from the publisher's transcript says nothing about the
transcript: the next try may well get it, for free, where speech to text costs money. So such a
failure fails the transcribe step transiently (the episode stays retriable: the runner's backoff,
a later run, or the state machine's Retry) and is counted on the episode. Only once it has failed
`publisher_transcript_attempts` times, or when the episode has no attempt left after this one
(it would give up rather than fall back), does the step use the audio instead.

A permanent failure (a 404, a page that is not a transcript) falls back to the audio at once.
"""

from podcast_digest.errors import TransientError
from podcast_digest.models import Episode
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import save


def retry_transcript_later(ctx: Context, episode: Episode, exc: TransientError) -> None:
    """Count the failure and raise it again while the transcript deserves another try; return
    (to fall back to the audio) once its tries are used up."""
    failures = episode.transcript_fetch_failures + 1
    last_attempt = episode.attempts + 1 >= ctx.settings.max_attempts
    if failures >= ctx.settings.publisher_transcript_attempts or last_attempt:
        return
    save(ctx, episode.model_copy(update={"transcript_fetch_failures": failures}))
    raise exc


def tries_note(episode: Episode) -> str:
    """How many times the transcript was tried, for the note on an episode that fell back."""
    tries = episode.transcript_fetch_failures + 1
    return f" after {tries} tries" if tries > 1 else ""
