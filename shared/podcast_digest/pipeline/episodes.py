"""Loading and saving the episode a step works on, with its status transitions."""

from podcast_digest.errors import NotFoundError
from podcast_digest.models import Episode, EpisodeStatus, Feed
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.context import Context

# Where an episode is in the pipeline, in order; FAILED sits outside the order.
STATUS_ORDER = [
    EpisodeStatus.DISCOVERED,
    EpisodeStatus.FETCHED,
    EpisodeStatus.TRANSCRIBED,
    EpisodeStatus.SUMMARIZED,
    EpisodeStatus.NOTIFIED,
]


def reached(episode: Episode, status: EpisodeStatus) -> bool:
    """True when the episode has got at least as far as `status` (a failed one has reached nothing new,
    and neither has a skipped one: it is done without having been processed)."""
    if episode.status in (EpisodeStatus.FAILED, EpisodeStatus.SKIPPED):
        return False
    return STATUS_ORDER.index(episode.status) >= STATUS_ORDER.index(status)


def load_episode(ctx: Context, ref: EpisodeRef) -> Episode:
    episode = ctx.records.get_episode(ref.episode_id)
    if episode is None:
        raise NotFoundError(f"episode {ref.episode_id} of feed {ref.feed_id} is not in the records")
    return episode


def load_feed(ctx: Context, episode: Episode) -> Feed:
    """The episode's feed; a dropped file without a feed gets a stand-in named after the drop folder."""
    feed = ctx.records.get_feed(episode.feed_id)
    return feed if feed is not None else Feed(feed_id=episode.feed_id, url="", title="Dropped files")


def save(ctx: Context, episode: Episode, status: EpisodeStatus | None = None) -> Episode:
    """Persist the episode; moving forward clears a previous failure (the retry succeeded)."""
    update: dict[str, object] = {"updated_at": ctx.clock()}
    if status is not None:
        update["status"] = status
        if status is not EpisodeStatus.FAILED:
            update |= {"failed_step": None, "failure_reason": None}
    saved = episode.model_copy(update=update)
    ctx.records.put_episode(saved)
    return saved


def ref_of(episode: Episode) -> EpisodeRef:
    return EpisodeRef(feed_id=episode.feed_id, episode_id=episode.episode_id)
